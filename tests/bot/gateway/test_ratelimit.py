"""The per-client sliding window behind the sign-in and public API limits,
and the client address it counts by."""

from __future__ import annotations

import pytest

from bot.gateway.clients import ClientAddress
from bot.gateway.ratelimit import SlidingWindow


class Ticks:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_a_client_over_the_limit_waits_for_the_window_to_pass():
    ticks = Ticks()
    window = SlidingWindow(3, 60, ticks)
    assert [window.allow("10.0.0.1") for _ in range(4)] == [True, True, True, False]
    assert window.allow("10.0.0.2")
    ticks.now = 59.9
    assert not window.allow("10.0.0.1")
    ticks.now = 60.1
    assert window.allow("10.0.0.1")


# -- who the client is, behind a load balancer or not

@pytest.mark.parametrize("trusted, peer, forwarded, client", [
    # No trusted proxy: the header is the client's own words, ignored.
    ((), "203.0.113.7", ["198.51.100.1"], "203.0.113.7"),
    # From the load balancer: the address it saw, the last hop.
    (("127.0.0.1",), "127.0.0.1", ["198.51.100.1"], "198.51.100.1"),
    # A client that writes its own header gets the address the proxy saw.
    (("127.0.0.1",), "127.0.0.1", ["10.9.9.9, 198.51.100.1"], "198.51.100.1"),
    (("127.0.0.1",), "127.0.0.1", ["10.9.9.9", "198.51.100.1"], "198.51.100.1"),
    # Two trusted proxies in a row are skipped.
    (("127.0.0.1", "10.0.0.0/8"), "127.0.0.1", ["198.51.100.1, 10.1.2.3"], "198.51.100.1"),
    # A header from someone who is not a trusted proxy is ignored.
    (("127.0.0.1",), "203.0.113.7", ["198.51.100.1"], "203.0.113.7"),
    # Nothing usable: the peer.
    (("127.0.0.1",), "127.0.0.1", [], "127.0.0.1"),
    (("127.0.0.1",), "127.0.0.1", ["not-an-address"], "127.0.0.1"),
    (("::1",), "::1", ["2001:db8::5"], "2001:db8::5"),
])
def test_the_client_address_trusts_only_the_council_s_proxies(trusted, peer, forwarded, client):
    assert ClientAddress(trusted).resolve(peer, forwarded) == client
