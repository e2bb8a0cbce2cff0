"""Waits for the whole stack to be healthy, then says where to open it."""

from __future__ import annotations

import sys
import time

import httpx

from bot.settings import Settings


def _wait_for_stop() -> None:
    """The supervisor stops every process when one exits, so this one stays."""
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass


def wait_until_ready(settings: Settings, timeout: float, stay: bool) -> int:
    url = f"http://{settings.gateway_host}:{settings.gateway_port}"
    deadline = time.monotonic() + timeout
    last = "not started"
    while time.monotonic() < deadline:
        try:
            response = httpx.get(f"{url}/health", timeout=3.0)
            if response.status_code == 200:
                print(f"\nThe council assistant is ready: open {url} in your browser. "
                      "Press Ctrl-C to stop.\n", flush=True)
                if stay:
                    _wait_for_stop()
                return 0
            checks = response.json().get("checks", {})
            last = ", ".join(k for k, ok in checks.items() if not ok) + " starting"
        except (httpx.HTTPError, ValueError):
            last = "gateway starting"
        time.sleep(1.0)
    print(f"The assistant did not become ready in {timeout:.0f} s ({last}). "
          "Check the log lines above.", file=sys.stderr, flush=True)
    return 1
