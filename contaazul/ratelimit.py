"""Staying under Conta Azul's per-company rate limit (10 calls/s and 600/min by default).

The limit belongs to the connected company, not to a client object, so every client of the
same company in this process shares one `RateLimiter` through a registry keyed by a company
key. Sliding windows count the calls of the last second and the last minute; a 429 pauses
the whole company for its `Retry-After`.

Conta Azul counts a call when it arrives, some time between our sending it and its answer
coming back. So the client holds a `slot()` while a call is under way and counts the call
from when its answer came back: however the calls' trips vary, no window of Conta Azul's
then sees more calls than ours did, and we can run at the limit itself without 429s.
(Counted from when they left, calls at the limit were refused whenever a call's trip was
shorter than that of the call ten places before it: one call in sixteen, on a local port.)
"""
from __future__ import annotations

import threading
import time
import weakref
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass


@dataclass(frozen=True)
class RateLimit:
    """Calls allowed per second and per minute (another page of the docs says 20/s, 500/min)."""

    per_second: int = 10
    per_minute: int = 600

    def __post_init__(self) -> None:
        if self.per_second < 1 or self.per_minute < 1:
            raise ValueError("rate limits must allow at least one call")


UNDER_WAY_POLL = 0.01  # seconds between looks when only calls under way fill a window


class _Window:
    """When the calls of the last `period` seconds ended (oldest first)."""

    def __init__(self, limit: int, period: float) -> None:
        self.limit = limit
        self.period = period
        self.calls: deque[float] = deque()

    def wait_needed(self, now: float, under_way: int) -> float:
        """Seconds until one more call fits, with `under_way` calls not yet ended counting too."""
        while self.calls and self.calls[0] <= now - self.period:
            self.calls.popleft()
        excess = len(self.calls) + under_way - self.limit  # this many must leave the window, and one more
        if excess < 0:
            return 0.0
        if excess < len(self.calls):
            return self.calls[excess] + self.period - now
        return min(UNDER_WAY_POLL, self.period)  # calls under way fill the window: wait for one to end


class RateLimiter:
    """Thread-safe sliding-window limiter; `clock` and `sleep` are injectable for tests."""

    def __init__(
        self,
        limit: RateLimit = RateLimit(),
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.limit = limit
        self._clock = clock
        self._sleep = sleep
        self._windows = (_Window(limit.per_second, 1.0), _Window(limit.per_minute, 60.0))
        self._paused_until = 0.0
        self._under_way = 0
        self._lock = threading.Lock()

    def try_acquire(self) -> float:
        """Take a slot for a call counted from now and return 0, or return how many seconds to wait."""
        return self._try_take(under_way=False)

    def acquire(self) -> float:
        """Block until a call is allowed (counted from now); return the seconds spent waiting."""
        return self._wait(under_way=False)

    @contextmanager
    def slot(self) -> Iterator[float]:
        """Wait for room (yielding the seconds waited) and hold it while the call is under way;
        the call then counts from when it ended, which is never before Conta Azul counted it."""
        waited = self._wait(under_way=True)
        try:
            yield waited
        finally:
            with self._lock:
                self._under_way -= 1
                self._count(self._clock())

    def _wait(self, under_way: bool) -> float:
        waited = 0.0
        while (wait := self._try_take(under_way)) > 0:
            self._sleep(wait)
            waited += wait
        return waited

    def _try_take(self, under_way: bool) -> float:
        with self._lock:
            now = self._clock()
            wait = max([self._paused_until - now] + [w.wait_needed(now, self._under_way) for w in self._windows])
            if wait > 0:
                return wait
            if under_way:
                self._under_way += 1
            else:
                self._count(now)
            return 0.0

    def _count(self, moment: float) -> None:
        for window in self._windows:
            window.calls.append(moment)

    def pause(self, seconds: float) -> None:
        """Hold every call of this company for `seconds` (a 429 said so)."""
        with self._lock:
            self._paused_until = max(self._paused_until, self._clock() + seconds)


class RateLimiterRegistry:
    """One limiter per company key, shared by every client in the process.

    Limiters are held weakly: one lives as long as some client of its company does.
    """

    def __init__(self) -> None:
        self._limiters: weakref.WeakValueDictionary[str, RateLimiter] = weakref.WeakValueDictionary()
        self._lock = threading.Lock()

    def get(self, company_key: str, limit: RateLimit = RateLimit()) -> RateLimiter:
        """The company's limiter, created with `limit` the first time it is asked for."""
        with self._lock:
            limiter = self._limiters.get(company_key)
            if limiter is None:
                limiter = RateLimiter(limit)
                self._limiters[company_key] = limiter
            return limiter


default_registry = RateLimiterRegistry()
