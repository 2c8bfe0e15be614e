"""The API's own limits (nudges per user, OAuth callbacks per address) held across every web
process on one PostgreSQL database, so N gunicorn processes still allow a key its limit, not N times.

The same sliding window as `rate_limit.SlidingWindow`, its events kept in `request_limit_hits`:
a key's requests take turns under a transaction-scoped advisory lock on the key, and times are
the database's clock, the one every machine shares. Only allowed requests are stored and the
expired ones go as new ones come, so a flood leaves at most `limit` rows per key.
"""
from __future__ import annotations

import math

from sqlalchemy import Engine, delete, func, insert, select

from sheets_addon.models import RequestLimitHit
from sheets_addon.shared_rate_limit import DATABASE_NOW


class SharedSlidingWindow:
    """At most `limit` events per key in any `window_seconds`, counted by every process together.

    `name` keeps one limit's keys apart from another's ("nudge" user 7, "oauth_callback" address).
    """

    def __init__(self, engine: Engine, name: str, limit: int, window_seconds: float) -> None:
        self.engine, self.name, self.limit, self.window = engine, name, limit, window_seconds

    def wait_seconds(self, key: object) -> int:
        """0 and the event counted when allowed; otherwise how many whole seconds until it would be."""
        named = f"{self.name}:{key}"
        with self.engine.begin() as connection:
            connection.execute(select(func.pg_advisory_xact_lock(func.hashtext(named))))
            now = connection.scalar(select(DATABASE_NOW))
            connection.execute(delete(RequestLimitHit).where(RequestLimitHit.at <= now - self.window))
            count, oldest = connection.execute(select(func.count(), func.min(RequestLimitHit.at))
                                               .where(RequestLimitHit.key == named)).one()
            if count >= self.limit:
                return max(1, math.ceil(oldest + self.window - now))
            connection.execute(insert(RequestLimitHit).values(key=named, at=now))
            return 0
