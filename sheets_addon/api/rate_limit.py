"""Per-key sliding windows: nobody can hammer the sign-in-free connect pages, the begin page and the
OAuth callbacks (guessing states, replaying codes) from one address, and no signed-in person can
spend what everyone shares (the service account's Sheets quota, the web threads, the worker) by
repeating one call.

A view takes part by a mark: `@per_client_address` (the callbacks), or `@per_user(LIMIT)` with one
of the limits below, each a setting a minute. One `before_request`, after sign-in, checks the mark
and answers 429 with `Retry-After` (whole seconds until the window has room again).

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
from dataclasses import dataclass
from typing import Protocol, TypeVar

from flask import Flask, current_app, g, request

from sheets_addon import messages
from sheets_addon.api.errors import error_response
from sheets_addon.api.shared_window import SharedSlidingWindow
from sheets_addon.config import current_settings

_PER_ADDRESS = "azulejo.callback_limiter"
_PER_USER = "azulejo.user_limiters"
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


@dataclass(frozen=True)
class PerUser:
    """A limit each signed-in person has, a minute, on the views marked with it (shared by them all).

    `setting` names the Settings field with the limit; `code` and `message` are the 429's.
    """

    name: str
    setting: str
    message: str
    code: str = "too_many_requests"


NUDGES = PerUser("nudge", "NUDGES_PER_MINUTE", messages.HTTP_ERROR_MESSAGES[429], "too_many_nudges")
SPREADSHEET_INFO = PerUser("spreadsheet_info", "SPREADSHEET_INFO_PER_MINUTE", messages.TOO_MANY_SPREADSHEET_INFO)
PREVIEWS = PerUser("preview", "PREVIEWS_PER_MINUTE", messages.TOO_MANY_PREVIEWS)
RUNS_NOW = PerUser("run_now", "RUNS_NOW_PER_MINUTE", messages.TOO_MANY_RUNS_NOW)
CONNECT_STARTS = PerUser("connect_start", "CONNECT_STARTS_PER_MINUTE", messages.TOO_MANY_CONNECT_STARTS)
ACCESS_PROOFS = PerUser("access_proof", "ACCESS_PROOFS_PER_MINUTE", messages.TOO_MANY_ACCESS_PROOFS)
PER_USER_LIMITS = (NUDGES, SPREADSHEET_INFO, PREVIEWS, RUNS_NOW, CONNECT_STARTS, ACCESS_PROOFS)


def per_user(limit: PerUser) -> Callable[[View], View]:
    """Marks a signed-in view as counting against `limit`, per person: `@per_user(PREVIEWS)`."""
    def mark(view: View) -> View:
        view.limited_per_user = limit  # type: ignore[attr-defined]
        return view
    return mark


def per_client_address(view: View) -> View:
    """Marks a sign-in-free view: at most OAUTH_CALLBACKS_PER_MINUTE calls a minute per client
    address, shared by every view so marked, then 429 with Retry-After."""
    view.limited_per_address = True  # type: ignore[attr-defined]
    return view


def init_app(app: Flask) -> None:
    """Registers the limits' check; call it after `auth.init_app`, so a person is known by then."""
    settings = current_settings(app)
    app.extensions[_PER_ADDRESS] = sliding_window(app, "oauth_callback", settings.OAUTH_CALLBACKS_PER_MINUTE)
    app.extensions[_PER_USER] = {limit.name: sliding_window(app, limit.name, getattr(settings, limit.setting))
                                 for limit in PER_USER_LIMITS}
    app.before_request(_enforce_limits)


def _enforce_limits():
    view = current_app.view_functions.get(request.endpoint) if request.endpoint else None
    if getattr(view, "limited_per_address", False):
        wait = current_app.extensions[_PER_ADDRESS].wait_seconds(request.remote_addr or "unknown")
        if wait:
            return _too_many("too_many_requests", messages.HTTP_ERROR_MESSAGES[429], wait)
    limit: PerUser | None = getattr(view, "limited_per_user", None)
    if limit is not None and "user" in g:  # a marked view is never public: sign-in ran first
        wait = current_app.extensions[_PER_USER][limit.name].wait_seconds(g.user.id)
        if wait:
            return _too_many(limit.code, limit.message.format(seconds=wait), wait)
    return None


def _too_many(code: str, message: str, wait: int):
    response, status = error_response(429, code, message)
    response.headers["Retry-After"] = str(wait)
    return response, status
