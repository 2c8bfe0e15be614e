"""The gate in front of every API call: bearer token, per-minute quotas, injected faults, counters.

A view takes part by being marked with `api_method(name, quota)`; the name is what `stats()`
counts (`values.get`, `spreadsheets.batchUpdate`, `drive.files.list`...), the quota is "read",
"write" or None (Drive has its own quotas, not modelled).
"""
from __future__ import annotations

import hashlib
import math
import time
from collections import deque
from collections.abc import Callable

from flask import Flask, Response, current_app, g, request

from .access import check_scopes
from .oauth import AccessToken
from .context import get_world
from .errors import GoogleError
from .world import World

READ, WRITE = "read", "write"
SERVICE = "sheets.googleapis.com"
MISSING_CREDENTIALS = ("Request is missing required authentication credential. Expected OAuth 2 access token, login "
                       "cookie or other valid authentication credential. See "
                       "https://developers.google.com/identity/sign-in/web/devconsole-project.")
INVALID_CREDENTIALS = ("Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie "
                       "or other valid authentication credential. See "
                       "https://developers.google.com/identity/sign-in/web/devconsole-project.")


def api_method(name: str, quota: str | None = None) -> Callable:
    """Marks a view as an API method: its name in the counters and the quota it draws from."""
    def mark(view: Callable) -> Callable:
        view.api_method = name  # type: ignore[attr-defined]
        view.quota = quota  # type: ignore[attr-defined]
        return view
    return mark


def _marked_view() -> Callable | None:
    view = current_app.view_functions.get(request.endpoint) if request.endpoint else None
    return view if getattr(view, "api_method", None) else None


def caller_for_token(world: World, token: str) -> tuple[str | None, AccessToken | None]:
    """Who a token stands for, and the access its scopes and sharing are checked against (None: a
    token that is not ours carries none): an access token our OAuth server issued, while it lives; a
    service account's self-signed JWT, while valid; a registered token; or (lax mode) anyone's,
    a user derived from the token."""
    issued = world.oauth.issued(token)
    if issued is None and world.service_accounts.signed_this(token):
        issued = world.service_accounts.self_signed_access(token)
        if issued is None:
            return None, None
    if issued is not None:
        return (issued.grant.email, issued) if world.oauth.is_live(issued) else (None, None)
    if token in world.auth.tokens:
        return world.auth.tokens[token], None
    if world.auth.strict:
        return None, None
    return "token-" + hashlib.sha256(token.encode()).hexdigest()[:12], None


def _authenticate(world: World) -> str:
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    token = token.strip() if scheme.lower() == "bearer" else ""
    token = token or (request.args.get("access_token", "") if not header else "")
    g.token = token
    user, g.access = caller_for_token(world, token) if token else (None, None)
    if user is None:
        world.counters["unauthenticated"] += 1
        message = INVALID_CREDENTIALS if header or token else MISSING_CREDENTIALS
        raise GoogleError(401, message, headers={"WWW-Authenticate": 'Bearer realm="https://accounts.google.com/"'})
    return user


def _check_quota(world: World, kind: str | None, user: str) -> None:
    """Sliding one-minute windows per user and (when set) per project; a refused call is not counted."""
    if kind is None:
        return
    quotas, now = world.quotas, world.clock.timestamp()
    per_user = quotas.read_per_minute if kind == READ else quotas.write_per_minute
    per_project = quotas.project_read_per_minute if kind == READ else quotas.project_write_per_minute
    windows = [((kind, "user:" + user), per_user, True), ((kind, "project"), per_project, False)]
    for key, limit, is_user in windows:
        if not limit:
            continue
        hits = quotas.hits.setdefault(key, deque())
        while hits and hits[0] <= now - 60:
            hits.popleft()
        if len(hits) >= limit:
            world.counters["quota_exceeded"] += 1
            raise _quota_error(world, kind, limit, is_user, 60 - (now - hits[0]))
    for key, limit, _ in windows:
        if limit:
            quotas.hits[key].append(now)


def _quota_error(world: World, kind: str, limit: int, is_user: bool, wait: float) -> GoogleError:
    metric = "Read requests" if kind == READ else "Write requests"
    limit_name = f"{metric} per minute" + (" per user" if is_user else "")
    consumer = f"project_number:{world.settings.project_number}"
    message = (f"Quota exceeded for quota metric '{metric}' and limit '{limit_name}' of service '{SERVICE}' "
               f"for consumer '{consumer}'.")
    quota_limit = f"{kind.capitalize()}RequestsPerMinute" + ("PerUser" if is_user else "")
    details = [{"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": "RATE_LIMIT_EXCEEDED",
                "domain": "googleapis.com",
                "metadata": {"quota_metric": f"{SERVICE}/{kind}_requests", "quota_limit": quota_limit,
                             "quota_limit_value": str(limit), "quota_location": "global", "service": SERVICE,
                             "consumer": f"projects/{world.settings.project_number}"}},
               {"@type": "type.googleapis.com/google.rpc.Help",
                "links": [{"description": "Request a higher quota limit.",
                           "url": "https://cloud.google.com/docs/quotas/help/request_increase"}]}]
    headers = {"Retry-After": str(max(1, math.ceil(wait)))} if world.quotas.send_retry_after else None
    return GoogleError(429, message, details=details, headers=headers)


def _inject_fault(world: World) -> None:
    faults = world.faults
    status = None
    if faults.fail_next > 0:
        faults.fail_next -= 1
        status = faults.fail_status
    elif faults.error_rate and world.rng.random() < faults.error_rate:
        status = world.rng.choice((500, 503))
    if status is not None:
        world.counters["injected_errors"] += 1
        raise GoogleError(status, "Resource has been exhausted (e.g. check quota)." if status == 429 else None)


def gate() -> None:
    """before_request: authenticate, count, apply quotas and faults; then sleep the latency, unlocked."""
    view = _marked_view()
    if view is None:
        return
    world = get_world()
    with world.lock:
        g.user = _authenticate(world)
        world.count_call(view.api_method, g.user, (request.view_args or {}).get("spreadsheet_id"))
        check_scopes(view.api_method, view.quota, g.access)
        if g.token not in world.auth.apps_script:
            _check_quota(world, view.quota, g.user)
        _inject_fault(world)
        latency = world.faults.latency_ms
    if latency:
        time.sleep(latency / 1000)


def count_status(response: Response) -> Response:
    """after_request: answers per HTTP status, for API calls only."""
    if _marked_view() is not None:
        world = get_world()
        with world.lock:
            world.by_status[response.status_code] += 1
    return response


def init_app(app: Flask) -> None:
    app.before_request(gate)
    app.after_request(count_status)
