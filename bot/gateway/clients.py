"""Who a request comes from, and how much each client may ask of the
public API.

The client is the peer address, unless the peer is a proxy the council
trusts (`COUNCILBOT_TRUSTED_PROXIES`: the load balancer's addresses); then
it is the nearest address in `X-Forwarded-For` that is not a trusted
proxy. A header from anyone else is ignored, so a client cannot pick its
own address to dodge a limit.

Limits are per client address, over a sliding window, in this process's
memory: generous enough for a library's public computers behind one
address, tight enough that one script cannot drown the assistant. A
client over a limit gets `429` with a plain message and `Retry-After`;
nothing it sent is stored.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass

from sanic import Request

from bot.gateway.errors import ApiError
from bot.gateway.ratelimit import SlidingWindow
from bot.settings import Settings

MINUTE = 60.0


def _address(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


class ClientAddress:
    def __init__(self, trusted_proxies: tuple[str, ...]) -> None:
        self._trusted = [ipaddress.ip_network(p, strict=False) for p in trusted_proxies]

    def _is_trusted(self, address: ipaddress.IPv4Address | ipaddress.IPv6Address | None) -> bool:
        return address is not None and any(address in network for network in self._trusted)

    def of(self, request: Request) -> str:
        return self.resolve(request.ip or "unknown", request.headers.getall("x-forwarded-for", []))

    def resolve(self, peer: str, forwarded_headers: list[str]) -> str:
        """The client's address from the peer's and the X-Forwarded-For
        headers, read from the right (each proxy appends what it saw)."""
        if not self._trusted or not self._is_trusted(_address(peer)):
            return peer
        hops = [part.strip() for header in forwarded_headers for part in header.split(",") if part.strip()]
        for hop in reversed(hops):
            address = _address(hop)
            if address is None:
                # A trusted proxy writes the address it saw as the last hop;
                # anything else there is a misconfigured proxy.
                return peer
            if not self._is_trusted(address):
                return str(address)
        return peer


@dataclass(frozen=True)
class Limit:
    what: str
    window: SlidingWindow


class ClientLimits:
    """One window per kind of request: opening a chat, sending a message
    (typed or a button, and feedback), opening a live connection."""

    def __init__(self, settings: Settings) -> None:
        self.address = ClientAddress(settings.trusted_proxies)
        self._limits = {
            "session": Limit("new chats", SlidingWindow(settings.sessions_per_client_per_minute, MINUTE)),
            "message": Limit("messages", SlidingWindow(settings.messages_per_client_per_minute, MINUTE)),
            "live": Limit("live connections",
                          SlidingWindow(settings.live_connections_per_client_per_minute, MINUTE)),
        }

    def check(self, request: Request, kind: str) -> None:
        limit = self._limits[kind]
        if not limit.window.allow(self.address.of(request)):
            raise TooMany(limit)


class TooMany(ApiError):
    def __init__(self, limit: Limit) -> None:
        super().__init__(429, "too_many_requests",
                         f"You've sent a lot of {limit.what} in a short time. Please wait a minute, "
                         "then try again.")
        # Every window is a minute: the oldest request counted leaves it within one.
        self.retry_after = int(MINUTE)


def kind_of(request: Request) -> str | None:
    """Which limit a public API request counts against, if any."""
    path, method = request.path, request.method
    if not path.startswith("/api/sessions"):
        return None
    if path == "/api/sessions" and method == "POST":
        return "session"
    if path.endswith("/live"):
        return "live"
    if method == "POST":
        return "message"
    return None
