"""Conta Azul's per-company rate limit held across every process on one PostgreSQL database.

Each process's `contaazul.RateLimiter` keeps its company under the limit by itself; M workers
and the web processes together would send M times as much, and lean on 429s. Here the same
algorithm (see `contaazul.ratelimit`: a call holds a slot while under way, and counts from when
its answer came back) keeps its calls in `rate_limit_calls`, and a slot is taken with the
company's `rate_limit_keys` row locked (`SELECT … FOR UPDATE`), so processes take turns. Times
are the database's clock, the one clock every machine shares. A 429's pause is kept there too.

It is plugged into the client through its limiter registry (`SharedRateLimiters`), by
`sheets_addon.connections.contaazul_client`, on PostgreSQL only: on SQLite one machine runs one
worker, and a second connection waiting on SQLite's write lock behind the run's own session
could wait for good, so the in-process limiter stays there.
"""
from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, Engine, Float, delete, func, insert, literal_column, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert

from contaazul import RateLimit, RateLimiterRegistry
from sheets_addon.models import RateLimitCall, RateLimitKey

WINDOWS = ((1.0, "per_second"), (60.0, "per_minute"))
UNDER_WAY_POLL = 0.02  # seconds between looks when only calls under way fill a window
STALE_AFTER = 300.0    # a call still under way after this was cut short by a dead process: forgotten
DATABASE_NOW = literal_column("extract(epoch from clock_timestamp())", Float)  # the server's clock, now


class SharedRateLimiter:
    """A company's slice of the shared limit, with the interface the client uses (`slot`, `pause`)."""

    def __init__(self, engine: Engine, key: str, limit: RateLimit) -> None:
        self.engine, self.key, self.limit = engine, key, limit
        with engine.begin() as connection:
            connection.execute(pg_insert(RateLimitKey).values(key=key).on_conflict_do_nothing())

    @contextmanager
    def slot(self) -> Iterator[float]:
        """Wait for room (yielding the seconds waited) and hold it while the call is under way."""
        waited, call_id = 0.0, None
        while call_id is None:
            wait, call_id = self._try_take()
            if wait > 0:
                time.sleep(wait)
                waited += wait
        try:
            yield waited
        finally:
            with self.engine.begin() as connection:
                connection.execute(update(RateLimitCall).where(RateLimitCall.id == call_id)
                                   .values(ended_at=DATABASE_NOW))

    def pause(self, seconds: float) -> None:
        """Hold every call of this company, in every process, for `seconds` (a 429 said so)."""
        with self.engine.begin() as connection:
            connection.execute(update(RateLimitKey).where(RateLimitKey.key == self.key).values(
                paused_until=func.greatest(func.coalesce(RateLimitKey.paused_until, 0.0), DATABASE_NOW + seconds)))

    def _try_take(self) -> tuple[float, int | None]:
        """One turn with the company's row locked: a call under way (0, its id), or (seconds to wait, None)."""
        with self.engine.begin() as connection:
            paused_until = connection.scalar(select(RateLimitKey.paused_until)
                                             .where(RateLimitKey.key == self.key).with_for_update())
            now = connection.scalar(select(DATABASE_NOW))
            wait = max([(paused_until or 0.0) - now] + self._window_waits(connection, now))
            if wait > 0:
                return wait, None
            connection.execute(delete(RateLimitCall).where(
                RateLimitCall.key == self.key,
                (RateLimitCall.ended_at < now - WINDOWS[-1][0]) | (RateLimitCall.started_at < now - STALE_AFTER)))
            return 0.0, connection.scalar(insert(RateLimitCall).values(key=self.key, started_at=now)
                                          .returning(RateLimitCall.id))

    def _window_waits(self, connection: Connection, now: float) -> list[float]:
        """Per window, the seconds until one more call fits, counting the calls under way."""
        under_way = connection.scalar(select(func.count()).where(
            RateLimitCall.key == self.key, RateLimitCall.ended_at.is_(None),
            RateLimitCall.started_at >= now - STALE_AFTER))
        waits = []
        for period, name in WINDOWS:
            ended = (RateLimitCall.key == self.key, RateLimitCall.ended_at > now - period)
            in_window = connection.scalar(select(func.count()).where(*ended))
            excess = in_window + under_way - getattr(self.limit, name)  # this many must leave, and one more
            if excess < 0:
                waits.append(0.0)
            elif excess < in_window:  # the window has room once its `excess`-th oldest call leaves it
                oldest = connection.scalar(select(RateLimitCall.ended_at).where(*ended)
                                           .order_by(RateLimitCall.ended_at).offset(excess).limit(1))
                waits.append(oldest + period - now)
            else:
                waits.append(min(UNDER_WAY_POLL, period))  # calls under way fill it: wait for one to end
        return waits


class SharedRateLimiters(RateLimiterRegistry):
    """The client's limiter registry, answering with limiters shared through `engine`'s database."""

    def __init__(self, engine: Engine) -> None:
        super().__init__()
        self.engine = engine

    def get(self, company_key: str, limit: RateLimit = RateLimit()) -> SharedRateLimiter:  # type: ignore[override]
        return SharedRateLimiter(self.engine, company_key, limit)
