"""Staying under Conta Azul's per-company rate limit (10 calls/s and 600/min by default).

The limit belongs to the connected company, not to a client object, so every client of the
same company in this process shares one `RateLimiter` through a registry keyed by a company
key. Sliding windows count the calls of the last second and the last minute; a 429 pauses
the whole company for its `Retry-After`.
"""
from __future__ import annotations

import threading
import time
import weakref
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class RateLimit:
    """Calls allowed per second and per minute (another page of the docs says 20/s, 500/min)."""

    per_second: int = 10
    per_minute: int = 600

    def __post_init__(self) -> None:
        if self.per_second < 1 or self.per_minute < 1:
            raise ValueError("rate limits must allow at least one call")


class _Window:
    """Times of the calls made in the last `period` seconds."""

    def __init__(self, limit: int, period: float) -> None:
        self.limit = limit
        self.period = period
        self.calls: deque[float] = deque()

    def wait_needed(self, now: float) -> float:
        while self.calls and self.calls[0] <= now - self.period:
            self.calls.popleft()
        if len(self.calls) < self.limit:
            return 0.0
        return self.calls[0] + self.period - now


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
        self._lock = threading.Lock()

    def try_acquire(self) -> float:
        """Take a slot now and return 0, or return how many seconds to wait before trying."""
        with self._lock:
            now = self._clock()
            wait = max([self._paused_until - now] + [w.wait_needed(now) for w in self._windows])
            if wait > 0:
                return wait
            for window in self._windows:
                window.calls.append(now)
            return 0.0

    def acquire(self) -> float:
        """Block until a call is allowed; return the seconds spent waiting."""
        waited = 0.0
        while (wait := self.try_acquire()) > 0:
            self._sleep(wait)
            waited += wait
        return waited

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
