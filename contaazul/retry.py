"""When to send a failed request again, and after how long.

Exponential backoff with full jitter, bounded in attempts and delay, honouring `Retry-After`.
An error flagged `maybe_applied` (a create that may have reached Conta Azul) is never retried:
Conta Azul has no idempotency keys, so a blind retry could create the record twice.
"""
from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime

from .errors import ContaAzulError, RateLimitedError


@dataclass(frozen=True)
class RetryPolicy:
    """How many times and how patiently to retry 429, 5xx and network failures."""

    max_retries: int = 4
    base_delay: float = 0.5
    max_delay: float = 30.0
    rng: random.Random = field(default_factory=random.Random, compare=False, repr=False)

    def delay_for(self, error: ContaAzulError, attempt: int) -> float | None:
        """Seconds to wait before attempt `attempt + 1`, or None to give up and raise."""
        if not error.retryable or error.maybe_applied or attempt >= self.max_retries:
            return None
        if error.retry_after is not None:
            return error.retry_after if error.retry_after <= self.max_delay else None
        ceiling = min(self.max_delay, self.base_delay * (2**attempt))
        return self.rng.uniform(0, ceiling)

    def pauses_company(self, error: ContaAzulError) -> bool:
        """A 429 concerns every client of the company, not just this request."""
        return isinstance(error, RateLimitedError)


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """`Retry-After` as seconds from now: a number of seconds or an HTTP date."""
    if not value or not value.strip():
        return None
    text = value.strip()
    try:
        seconds = float(text)
    except ValueError:
        seconds = None
    if seconds is not None:
        return max(0.0, seconds) if math.isfinite(seconds) else None
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - (now or datetime.now(timezone.utc))).total_seconds())
