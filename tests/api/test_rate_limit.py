"""The sliding window forgets events older than the window, and counts keys apart."""
from __future__ import annotations

from sheets_addon.api.rate_limit import SlidingWindow


def test_the_window_allows_the_limit_then_says_how_long_to_wait_and_forgets_old_events():
    now = [100.0]
    window = SlidingWindow(2, window_seconds=60, clock=lambda: now[0])

    assert [window.wait_seconds("ana") for _ in range(3)] == [0, 0, 60]
    assert window.wait_seconds("joao") == 0
    now[0] += 59.5
    assert window.wait_seconds("ana") == 1
    now[0] += 0.5
    assert window.wait_seconds("ana") == 0
