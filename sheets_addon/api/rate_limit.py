"""Per-key sliding windows: one add-on cannot flood a worker with nudges, and nobody can hammer
the sign-in-free connect pages, the begin page and the OAuth callbacks (guessing states, replaying
codes), from one address.

On PostgreSQL every web process counts together (`shared_window`); on SQLite (one machine) each
process counts in its memory, so N processes would allow a key N times the limit. Behind a
reverse proxy the client's address is the proxy's `X-Forwarded-For` (`TRUSTED_PROXIES`,
ProxyFix), never a header anyone may send.
"""
from __future__ import annotations

import math
import threading
import time
from collections import defaultdict, deque
from collections.abc import Callable, Hashable
from typing import Protocol, TypeVar

from flask import Flask, current_app, request

from sheets_addon import messages
from sheets_addon.api.errors import error_response
from sheets_addon.api.shared_window import SharedSlidingWindow
from sheets_addon.config import current_settings

_PER_ADDRESS = "azulejo.callback_limiter"
_FORGET_ABOVE = 1024  # keys remembered before idle ones are swept out
View = TypeVar("View", bound=Callable)


class Window(Protocol):
    def wait_seconds(self, key: Hashable) -> int: ...


def sliding_window(app: Flask, name: str, limit: int, window_seconds: float = 60) -> Window:
    """The window an API limit counts in: shared through the database on PostgreSQL, else this process's."""
    engine = app.extensions["azulejo.engine"]
    if engine.dialect.name == "postgresql":
        return SharedSlidingWindow(engine, name, limit, window_seconds)
    return SlidingWindow(limit, window_seconds)


class SlidingWindow:
    """At most `limit` events per key in any `window_seconds`.

    Keys with nothing left in their window are forgotten now and then, so callers seen once (every
    address on the internet, say) do not pile up in memory.
    """

    def __init__(self, limit: int, window_seconds: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.limit, self.window, self._clock = limit, window_seconds, clock
        self._events: dict[Hashable, deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()
        self._forget_above = _FORGET_ABOVE

    def wait_seconds(self, key: Hashable) -> int:
        """0 and the event counted when allowed; otherwise how many whole seconds until it would be."""
        now = self._clock()
        with self._lock:
            if len(self._events) > self._forget_above:
                self._forget_idle(now)
            events = self._events[key]
            while events and events[0] <= now - self.window:
                events.popleft()
            if len(events) >= self.limit:
                return max(1, math.ceil(events[0] + self.window - now))
            events.append(now)
            return 0

    def __len__(self) -> int:
        """How many keys it remembers."""
        return len(self._events)

    def _forget_idle(self, now: float) -> None:
        for key in [key for key, events in self._events.items() if not events or events[-1] <= now - self.window]:
            del self._events[key]
        self._forget_above = max(_FORGET_ABOVE, 2 * len(self._events))  # amortised: a sweep per doubling


def per_client_address(view: View) -> View:
    """Marks a sign-in-free view: at most OAUTH_CALLBACKS_PER_MINUTE calls a minute per client
    address, shared by every view so marked, then 429 with Retry-After."""
    view.limited_per_address = True  # type: ignore[attr-defined]
    return view


def init_app(app: Flask) -> None:
    limit = current_settings(app).OAUTH_CALLBACKS_PER_MINUTE
    app.extensions[_PER_ADDRESS] = sliding_window(app, "oauth_callback", limit)
    app.before_request(_limit_per_client_address)


def _limit_per_client_address():
    view = current_app.view_functions.get(request.endpoint) if request.endpoint else None
    if not getattr(view, "limited_per_address", False):
        return None
    wait = current_app.extensions[_PER_ADDRESS].wait_seconds(request.remote_addr or "unknown")
    if not wait:
        return None
    response, status = error_response(429, "too_many_requests", messages.HTTP_ERROR_MESSAGES[429])
    response.headers["Retry-After"] = str(wait)
    return response, status
