"""The client's own limiter, driven by a fake clock: no timing asserts."""
from __future__ import annotations

import threading

import pytest

from contaazul.ratelimit import RateLimit, RateLimiter, RateLimiterRegistry


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0
        self.lock = threading.Lock()

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        with self.lock:
            self.now += seconds


def max_in_any_window(times: list[float], period: float) -> int:
    return max(sum(1 for t in times if start <= t < start + period) for start in times)


def call_times(limit: RateLimit, calls: int) -> list[float]:
    """When each of `calls` back-to-back calls was let through, on a fake clock."""
    clock = FakeClock()
    limiter = RateLimiter(limit, clock=clock, sleep=clock.sleep)
    times = []
    for _ in range(calls):
        limiter.acquire()
        times.append(clock.now)
    return times


def test_never_more_than_n_per_second():
    times = call_times(RateLimit(per_second=10, per_minute=10_000), 95)
    assert max_in_any_window(times, 1.0) == 10
    assert times[-1] - times[0] >= 8.99  # 95 calls at 10/s need 9 seconds


def test_never_more_than_n_per_minute():
    times = call_times(RateLimit(per_second=20, per_minute=50), 120)
    assert max_in_any_window(times, 60.0) == 50
    assert max_in_any_window(times, 1.0) <= 20


def test_try_acquire_says_how_long_to_wait():
    clock = FakeClock()
    limiter = RateLimiter(RateLimit(per_second=2, per_minute=100), clock=clock, sleep=clock.sleep)
    assert limiter.try_acquire() == 0
    clock.now += 0.25
    assert limiter.try_acquire() == 0
    assert limiter.try_acquire() == pytest.approx(0.75)
    clock.now += 0.75
    assert limiter.try_acquire() == 0


def test_pause_holds_every_caller_of_the_company():
    clock = FakeClock()
    limiter = RateLimiter(RateLimit(), clock=clock, sleep=clock.sleep)
    limiter.pause(5)
    assert limiter.try_acquire() == pytest.approx(5)
    assert limiter.acquire() == pytest.approx(5)
    limiter.pause(1)
    limiter.pause(0.5)  # a shorter pause never shortens a longer one
    assert limiter.try_acquire() == pytest.approx(1)


def test_threads_share_the_limit():
    clock = FakeClock()
    limiter = RateLimiter(RateLimit(per_second=5, per_minute=1000), clock=clock, sleep=clock.sleep)
    times: list[float] = []
    lock = threading.Lock()

    def worker() -> None:
        for _ in range(10):
            limiter.acquire()
            with lock:
                times.append(clock.now)

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(times) == 40
    assert max_in_any_window(sorted(times), 1.0) <= 5


def test_registry_shares_one_limiter_per_company():
    registry = RateLimiterRegistry()
    a = registry.get("company-a", RateLimit(per_second=3))
    assert registry.get("company-a") is a
    assert registry.get("company-b") is not a
    assert a.limit.per_second == 3


def test_limits_must_allow_something():
    with pytest.raises(ValueError):
        RateLimit(per_second=0)


def test_a_call_counts_from_when_its_answer_came_back():
    """Conta Azul counts a call on arrival, which may be as late as our answer: never sooner."""
    clock = FakeClock()
    limiter = RateLimiter(RateLimit(per_second=2, per_minute=100), clock=clock, sleep=clock.sleep)
    for _ in range(2):
        with limiter.slot():
            clock.now += 0.3  # the call's round trip
    assert limiter.try_acquire() == pytest.approx(0.7)  # the first ended at +0.3, not +0.0


def test_calls_under_way_hold_their_slots():
    clock = FakeClock()
    limiter = RateLimiter(RateLimit(per_second=2, per_minute=100), clock=clock, sleep=clock.sleep)
    with limiter.slot(), limiter.slot():
        clock.now += 5  # both still waiting for their answers
        assert limiter.try_acquire() > 0
    assert limiter.try_acquire() == pytest.approx(1.0)


def test_slots_wait_like_acquire():
    clock = FakeClock()
    limiter = RateLimiter(RateLimit(per_second=10, per_minute=10_000), clock=clock, sleep=clock.sleep)
    starts = []
    for _ in range(25):
        with limiter.slot():
            starts.append(clock.now)
    assert max_in_any_window(starts, 1.0) == 10
    assert starts[-1] - starts[0] == pytest.approx(2.0)
