"""Load on loopback: each profile's whole stack (the default, then the
cluster) and bare Rasa under 10, 25 and 50 simulated residents (locust,
headless, bench/locustfile.py), where one message's time goes, and the
stack's throughput ceiling. Prints figures; asserts none.

Run with `make load` (or `python bench/load.py --seconds 20 --profile default`
for a quicker look); docs/architecture.md#load says what the figures mean."""

from __future__ import annotations

import argparse
import csv
import re
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import httpx
import psutil  # comes with locust

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.load_questions import QUESTIONS  # noqa: E402
from tests.support.stack import ROOT, Stack, StackFailed, temporary_stack  # noqa: E402

LOCUST = Path(sys.executable).parent / "locust"
LOCUSTFILE = Path(__file__).with_name("locustfile.py")
USERS = (10, 25, 50)
THINK = (0.5, 2.0)  # seconds a resident takes between turns
NO_THINK = (0.0, 0.0)
BREAKDOWN_MESSAGES = 40
PARTS = ("queue", "safety", "privacy", "language", "rasa")
ACTION_TIMING = re.compile(r"action timing: (\S+) ([\d.]+) ms, index ([\d.]+) ms")


@dataclass(frozen=True)
class Target:
    name: str  # "stack" or "bare rasa"
    url: str
    user_class: str  # in bench/locustfile.py
    message: str  # the request name whose latency is compared


@dataclass(frozen=True)
class Profile:
    """Where the load goes: the temporary stack's public URL, beside one of
    its Rasa servers' bare REST channel."""
    name: str
    targets: list[Target]
    actions_log: Path | None
    stack_pid: int | None  # the process the whole stack runs under, to see it go idle


def default_profile(stack: Stack) -> Profile:
    return Profile("default", [
        Target("stack", stack.url, "Resident", "message"),
        Target("bare rasa", f"http://127.0.0.1:{stack.rasa_port}", "BareRasa", "rasa message"),
    ], stack.log_dir / "actions.log", stack.processes["supervisord"].pid)


def cluster_profile(stack: Stack) -> Profile:
    """Through HAProxy to two gateways; bare Rasa is one of the two Rasa
    servers, and the action timings come from the first action server's log."""
    layout = stack.layout()
    return Profile("cluster", [
        Target("stack", stack.url, "Resident", "message"),
        Target("bare rasa", f"http://127.0.0.1:{layout.rasa_ports[0]}", "BareRasa", "rasa message"),
    ], stack.log_dir / "actions-1.log", stack.processes["supervisord"].pid)


PROFILES: dict[str, Callable[[Stack], Profile]] = {"default": default_profile, "cluster": cluster_profile}


def number(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None  # "N/A" when nothing was measured


def parse_stats(prefix: Path) -> dict[str, dict]:
    """Locust's `<prefix>_stats.csv`, one entry per request name ("all" for
    its Aggregated row), with the failures' reasons from `_failures.csv`."""
    stats = {}
    with open(f"{prefix}_stats.csv", newline="") as f:
        for row in csv.DictReader(f):
            name = "all" if row["Name"] == "Aggregated" else row["Name"]
            stats[name] = {"requests": int(row["Request Count"]), "failures": int(row["Failure Count"]),
                           "p50": number(row["50%"]), "p95": number(row["95%"]),
                           "p99": number(row["99%"]), "rps": float(row["Requests/s"]),
                           "errors": Counter()}
    failures = Path(f"{prefix}_failures.csv")
    if failures.exists():
        with failures.open(newline="") as f:
            for row in csv.DictReader(f):
                stats.setdefault(row["Name"], {"errors": Counter()})["errors"][row["Error"]] += \
                    int(row["Occurrences"])
    return stats


def run_locust(url: str, users: int, seconds: int, user_class: str,
               think: tuple[float, float] = THINK) -> dict[str, dict]:
    """One headless locust step; its figures per request name, or {} if
    locust produced none (its output is printed then)."""
    with tempfile.TemporaryDirectory() as tmp:
        prefix = Path(tmp) / "step"
        command = [str(LOCUST), "-f", str(LOCUSTFILE), "--headless", "--only-summary",
                   "-u", str(users), "-r", str(users), "-t", f"{seconds}s", "--host", url,
                   "--csv", str(prefix), "--think-min", str(think[0]), "--think-max", str(think[1]),
                   "--loglevel", "WARNING", user_class]
        try:
            done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True,
                                  timeout=seconds + 120)
        except subprocess.TimeoutExpired:
            print(f"locust did not finish ({user_class}, {users} users)")
            return {}
        if not Path(f"{prefix}_stats.csv").exists():
            print(f"locust gave no figures (exit {done.returncode}):\n{done.stderr[-2000:]}")
            return {}
        return parse_stats(prefix)


def cpu_seconds(processes: list[psutil.Process]) -> float:
    total = 0.0
    for process in processes:
        try:
            times = process.cpu_times()
            total += times.user + times.system
        except psutil.Error:
            pass
    return total


def settle(stack_pid: int | None, limit: float = 120.0) -> float:
    """Locust cuts off the requests in flight at the end of a step, but the
    stack still works through them: wait until its processes use less than
    a tenth of a core, so the next step starts on an idle stack. Returns
    the seconds waited."""
    started = time.monotonic()
    if stack_pid is None:
        time.sleep(10)
    else:
        root = psutil.Process(stack_pid)
        while time.monotonic() - started < limit:
            processes = [root, *root.children(recursive=True)]
            before = cpu_seconds(processes)
            time.sleep(1)
            if cpu_seconds(processes) - before < 0.1:
                break
    return time.monotonic() - started


def ms(value: float | None) -> str:
    return "-" if value is None else f"{value:.0f}"


def ms1(value: float | None) -> str:
    return "-" if value is None else f"{value:7.1f}"


ORDER = ("open", "message", "ask for a person", "rasa message")


def rows_for(profile: str, target: str, users: int, stats: dict[str, dict]) -> list[tuple]:
    """A step's table rows in a fixed order; "all" only where there is more
    than one kind of request."""
    named = sorted((n for n, s in stats.items() if "requests" in s and n != "all"),
                   key=lambda n: (ORDER.index(n) if n in ORDER else len(ORDER), n))
    return [(profile, target, users, name, stats[name]) for name in named + ["all"] * (len(named) > 1)]


def table(rows: list[tuple[str, str, int, str, dict]]) -> None:
    print(f"{'profile':<8} {'target':<10} {'users':>5} {'request':<17} {'requests':>8} {'failures':>8} "
          f"{'p50':>6} {'p95':>6} {'p99':>6} {'req/s':>6}")
    for profile, target, users, name, s in rows:
        print(f"{profile:<8} {target:<10} {users:>5} {name:<17} {s.get('requests', 0):>8} "
              f"{s.get('failures', 0):>8} {ms(s.get('p50')):>6} {ms(s.get('p95')):>6} "
              f"{ms(s.get('p99')):>6} {s.get('rps', 0.0):>6.2f}")


def print_errors(stats: dict[str, dict]) -> None:
    for name, s in stats.items():
        for error, count in s["errors"].most_common(3):
            print(f"    {name}: {count} x {error[:120]}")


def server_timing(header: str | None) -> dict[str, float]:
    """`queue;dur=1.2, rasa;dur=240.3, total;dur=275.0` -> {"queue": 1.2, ...}."""
    parts = {}
    for item in (header or "").split(","):
        name, _, params = item.strip().partition(";")
        found = re.search(r"dur=([\d.]+)", params)
        if name and found:
            parts[name] = float(found.group(1))
    return parts


def read_from(path: Path | None, offset: int) -> str:
    if path is None or not path.exists():
        return ""
    with path.open("rb") as f:
        f.seek(offset)
        return f.read().decode("utf-8", errors="replace")


def warm_up(url: str, count: int = 5) -> None:
    """A few uncounted messages: the first after a start are slow (models
    and caches loading on first use in each process)."""
    try:
        with httpx.Client(base_url=url, timeout=120) as client:
            session = client.post("/api/sessions").json()["session_id"]
            for text in QUESTIONS[:count]:
                client.post(f"/api/sessions/{session}/messages",
                            json={"text": text, "client_id": uuid.uuid4().hex})
    except (httpx.HTTPError, ValueError, KeyError) as error:
        print(f"warm-up failed: {error!r}")


def breakdown(url: str, actions_log: Path | None, count: int = BREAKDOWN_MESSAGES) -> None:
    """`count` messages one after another through the gateway (a new
    session every five), and the median of each part of Server-Timing and
    of the action server's own timing lines written meanwhile."""
    start = actions_log.stat().st_size if actions_log and actions_log.exists() else 0
    timings, failed, session = [], Counter(), None
    with httpx.Client(base_url=url, timeout=60) as client:
        for i in range(count):
            try:
                if session is None or i % 5 == 0:
                    session = client.post("/api/sessions").json()["session_id"]
                response = client.post(f"/api/sessions/{session}/messages",
                                       json={"text": QUESTIONS[i % len(QUESTIONS)],
                                             "client_id": uuid.uuid4().hex})
            except (httpx.HTTPError, ValueError, KeyError) as error:
                failed[type(error).__name__] += 1
                session = None
                continue
            if response.status_code != 200:
                failed[f"HTTP {response.status_code}"] += 1
            elif parts := server_timing(response.headers.get("server-timing")):
                timings.append(parts)
    time.sleep(1)  # supervisor copies the action server's output to its log
    actions = [(float(m[2]), float(m[3])) for m in ACTION_TIMING.finditer(read_from(actions_log, start))]

    failures = ", ".join(f"{n} x {error}" for error, n in failed.items()) or "none"
    print(f"\nwhere one message's time goes ({count} sequential messages through the gateway, "
          f"failed: {failures}; medians, ms):")
    if not timings:
        print("  breakdown unavailable: the gateway sent no Server-Timing header")
        return

    def median(name: str) -> float | None:
        values = [t[name] for t in timings if name in t]
        return statistics.median(values) if values else None

    for name in (*PARTS, "total"):
        print(f"  {name:<14} {ms1(median(name))}")
    other = [t["total"] - sum(t.get(p, 0.0) for p in PARTS) for t in timings if "total" in t]
    print(f"  {'gateway other':<14} {ms1(statistics.median(other) if other else None)}"
          "  (total minus the parts above)")
    if not actions:
        print("  action server: no 'action timing' lines in actions.log")
        return
    action_total = statistics.median(a[0] for a in actions)
    print(f"  {'action total':<14} {ms1(action_total)}  ({len(actions)} action timing lines)")
    print(f"  {'action index':<14} {ms1(statistics.median(a[1] for a in actions))}")
    rasa = median("rasa")
    print(f"  {'rasa own':<14} {ms1(None if rasa is None else rasa - action_total)}"
          "  (rasa minus action total)")


def run(profile: Profile, seconds: int) -> None:
    print(f"each step: {seconds} s; each simulated resident waits {THINK[0]}-{THINK[1]} s "
          "between turns (realistic; the ceiling below waits 0 s, the worst case)")
    warm_up(profile.targets[0].url)
    settle(profile.stack_pid)
    rows, p95 = [], {}
    for users in USERS:
        for target in profile.targets:
            stats = run_locust(target.url, users, seconds, target.user_class)
            print(f"  {target.name}, {users} users: "
                  f"{stats.get('all', {}).get('requests', 0)} requests")
            print_errors(stats)
            rows += rows_for(profile.name, target.name, users, stats)
            p95[target.name, users] = stats.get(target.message, {}).get("p95")
            if (waited := settle(profile.stack_pid)) > 3:
                print(f"    (the stack worked {waited:.0f} s more on requests cut off at the end)")

    print("\nrequests answered in each step; p50, p95, p99 in ms; req/s over the step")
    table(rows)
    stack, bare = profile.targets[0], profile.targets[1]
    print(f"\n{stack.name} p95 / {bare.name} p95 ({stack.message!r} / {bare.message!r}):")
    for users in USERS:
        a, b = p95.get((stack.name, users)), p95.get((bare.name, users))
        print(f"  {users:>3} users: " + (f"{a / b:.2f}" if a and b else "-"))

    breakdown(stack.url, profile.actions_log)
    settle(profile.stack_pid)

    ceiling = run_locust(stack.url, max(USERS), seconds, stack.user_class, think=NO_THINK)
    print(f"\nthroughput ceiling ({stack.name}, {max(USERS)} users, no wait between turns):")
    table(rows_for(profile.name, stack.name, max(USERS), ceiling))
    print_errors(ceiling)
    print(f"ceiling: {ceiling.get('all', {}).get('rps', 0.0):.1f} requests/s, of which "
          f"{ceiling.get(stack.message, {}).get('rps', 0.0):.1f} {stack.message}s/s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=45, help="length of each locust step")
    parser.add_argument("--profile", choices=[*sorted(PROFILES), "both"], default="both",
                        help="which stack to load (both: the default, then the cluster)")
    args = parser.parse_args()

    started = time.perf_counter()
    for name in PROFILES if args.profile == "both" else [args.profile]:
        print(f"\n== {name} profile ==")
        began = time.perf_counter()
        try:
            with temporary_stack(profile=name) as stack:
                print(f"stack ready in {time.perf_counter() - began:.1f} s")
                run(PROFILES[name](stack), args.seconds)
        except StackFailed as failure:
            print(f"the {name} stack did not start: {failure}")
            return 1
    print(f"\nwhole run: {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
