"""The per-client sliding window behind the console's sign-in limit."""

from __future__ import annotations

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
