"""A per-key sliding window, in process memory: enough to keep one add-on from flooding a worker.

Each web process counts on its own, so with N gunicorn workers a user gets at most N times the
limit; the limit is there to stop runaway triggers, not to meter.
"""
from __future__ import annotations

import math
import threading
import time
from collections import defaultdict, deque
from collections.abc import Callable, Hashable


class SlidingWindow:
    """At most `limit` events per key in any `window_seconds`."""

    def __init__(self, limit: int, window_seconds: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.limit, self.window, self._clock = limit, window_seconds, clock
        self._events: dict[Hashable, deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def wait_seconds(self, key: Hashable) -> int:
        """0 and the event counted when allowed; otherwise how many whole seconds until it would be."""
        now = self._clock()
        with self._lock:
            events = self._events[key]
            while events and events[0] <= now - self.window:
                events.popleft()
            if len(events) >= self.limit:
                return max(1, math.ceil(events[0] + self.window - now))
            events.append(now)
            return 0
