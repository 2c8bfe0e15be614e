"""Retry decisions: what is retried, how long to wait, and what never is."""
from __future__ import annotations

import random
from datetime import datetime, timezone

import pytest

from contaazul.errors import NetworkError, RateLimitedError, ServerError, ValidationError
from contaazul.retry import RetryPolicy, parse_retry_after

NOW = datetime(2026, 1, 1, 12, 0, 0, tzinfo=timezone.utc)


def test_retry_after_as_seconds_or_http_date():
    assert parse_retry_after("3") == 3
    assert parse_retry_after(" 1.5 ") == 1.5
    assert parse_retry_after("Thu, 01 Jan 2026 12:00:07 GMT", now=NOW) == 7
    assert parse_retry_after("Thu, 01 Jan 2026 11:00:00 GMT", now=NOW) == 0
    assert parse_retry_after(None) is None
    assert parse_retry_after("soon") is None
    assert parse_retry_after("inf") is None


def test_backoff_is_exponential_with_full_jitter_and_bounded():
    policy = RetryPolicy(max_retries=10, base_delay=1, max_delay=8, rng=random.Random(7))
    error = ServerError("boom", status=500)
    for attempt, ceiling in [(0, 1), (1, 2), (2, 4), (3, 8), (6, 8)]:
        delays = [policy.delay_for(error, attempt) for _ in range(200)]
        assert all(0 <= d <= ceiling for d in delays)
        assert max(delays) > ceiling * 0.8  # full jitter spreads over the whole range


def test_gives_up_after_max_retries():
    policy = RetryPolicy(max_retries=2)
    assert policy.delay_for(NetworkError("x"), 1) is not None
    assert policy.delay_for(NetworkError("x"), 2) is None


def test_retry_after_is_honoured_unless_too_long():
    policy = RetryPolicy(max_delay=10)
    assert policy.delay_for(RateLimitedError("slow", status=429, retry_after=4), 0) == 4
    assert policy.delay_for(RateLimitedError("slow", status=429, retry_after=60), 0) is None


@pytest.mark.parametrize("error", [
    ValidationError("bad", status=400),
    ServerError("boom", status=500, maybe_applied=True),
    NetworkError("no answer", maybe_applied=True),
])
def test_never_retried(error):
    assert RetryPolicy().delay_for(error, 0) is None
