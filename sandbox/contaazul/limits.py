"""The gate in front of every /v1 call: bearer token, per-company rate limit, injected faults.

Also counts calls for `stats()`. Faults reach the token endpoint only when asked for
(`Faults.token_endpoint`), so fault tests of the API do not break the sign-in they depend on.
"""
from __future__ import annotations

import math
import time
from collections import deque

from flask import Flask, Response, g, request

from . import tokens
from .context import get_world
from .errors import UNAVAILABLE, UNEXPECTED, ApiError
from .world import World

RATE_LIMITED = "Limite de requisições excedido. Aguarde alguns instantes e tente novamente."
TOKEN_ENDPOINTS = ("/oauth/token", "/oauth2/token")  # the current one, and the one before August 2026


def _is_api() -> bool:
    return request.path.startswith("/v1/") or request.path == "/v1"


def _retry_after(world: World, company_id: str) -> float | None:
    """Seconds until the company may call again, or None when it may call now (and is counted)."""
    limit = world.rate_limit
    now = world.clock.timestamp()
    hits = limit.hits.setdefault(company_id, deque())
    while hits and hits[0] <= now - 60:
        hits.popleft()
    last_second = [hit for hit in hits if hit > now - 1]
    if limit.per_second and len(last_second) >= limit.per_second:
        return 1 - (now - last_second[0])
    if limit.per_minute and len(hits) >= limit.per_minute:
        return 60 - (now - hits[0])
    hits.append(now)
    return None


def _check_rate(world: World, company_id: str) -> None:
    wait = _retry_after(world, company_id)
    if wait is None:
        return
    world.stats["rate_limited"] += 1
    headers = {"Retry-After": str(max(1, math.ceil(wait)))} if world.rate_limit.send_retry_after else {}
    raise ApiError(429, RATE_LIMITED, headers)


def _injected_status(world: World) -> int | None:
    """The status of a failure to inject now, if any (fail_next first, then the random rate)."""
    faults = world.faults
    if faults.fail_next > 0:
        faults.fail_next -= 1
        return faults.fail_status
    if faults.error_rate and world.rng.random() < faults.error_rate:
        return world.rng.choice((500, 500, 502, 503))
    return None


def _inject_fault(world: World) -> None:
    status = _injected_status(world)
    if status is None:
        return
    world.stats["injected_errors"] += 1
    headers = {"Retry-After": "1"} if status in (429, 503) and world.rate_limit.send_retry_after else {}
    raise ApiError(status, UNEXPECTED if status == 500 else UNAVAILABLE, headers)


def gate() -> None:
    """before_request: authenticate, limit and maybe fail the call; sleep the configured latency."""
    world = get_world()
    if _is_api():
        with world.lock:
            g.company = tokens.authenticate(world, request.headers.get("Authorization"))
            _check_rate(world, g.company.id)
            _inject_fault(world)
            latency = world.faults.latency_ms
    elif request.path in TOKEN_ENDPOINTS and world.faults.token_endpoint:
        with world.lock:
            _inject_fault(world)
            latency = world.faults.latency_ms
    else:
        return
    if latency:
        time.sleep(latency / 1000)


def count(response: Response) -> Response:
    """after_request: counters for /v1 calls."""
    if _is_api():
        world = get_world()
        route = request.url_rule.rule if request.url_rule else "?"
        with world.lock:
            world.stats["requests"] += 1
            world.by_status[response.status_code] += 1
            world.by_route[f"{request.method} {route}"] += 1
    return response


def init_app(app: Flask) -> None:
    app.before_request(gate)
    app.after_request(count)
