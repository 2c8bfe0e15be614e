"""The test and benchmark controls: in-process functions, and the same over HTTP under /_sandbox.

`SandboxServer` calls the functions directly; another process (a benchmark driving
`python -m sandbox.contaazul`) posts JSON to the routes, which call the same functions.
"""
from __future__ import annotations

from typing import Any

from flask import Blueprint, jsonify

from . import demo, tokens
from .context import get_world
from .errors import BadRequest
from .jsonio import read_json_body
from .model import sales
from .validation import Fields
from .world import World

bp = Blueprint("control", __name__, url_prefix="/_sandbox")
FAULT_STATUSES = (429, 500, 502, 503, 504)


def advance_clock(world: World, seconds: float) -> str:
    """Moves the stand-in's clock (codes, tokens, protocols, rate windows all follow it)."""
    with world.lock:
        world.clock.advance(seconds)
        return world.now().isoformat()


def configure_faults(world: World, error_rate: float | None = None, latency_ms: int | None = None,
                     fail_next: int | None = None, fail_status: int | None = None,
                     token_endpoint: bool | None = None) -> dict:
    """Changes only the knobs given; answers the resulting configuration."""
    with world.lock:
        faults = world.faults
        if error_rate is not None:
            faults.error_rate = max(0.0, min(1.0, float(error_rate)))
        if latency_ms is not None:
            faults.latency_ms = max(0, int(latency_ms))
        if fail_next is not None:
            faults.fail_next = max(0, int(fail_next))
        if fail_status is not None:
            if int(fail_status) not in FAULT_STATUSES:
                raise BadRequest(f"fail_status deve ser um de {FAULT_STATUSES}.")
            faults.fail_status = int(fail_status)
        if token_endpoint is not None:
            faults.token_endpoint = bool(token_endpoint)
        return dict(vars(faults))


def configure_rate_limit(world: World, per_second: int | None = None, per_minute: int | None = None,
                         send_retry_after: bool | None = None) -> dict:
    """Changes the per-company limits (0 disables one); the call history is kept."""
    with world.lock:
        limit = world.rate_limit
        if per_second is not None:
            limit.per_second = max(0, int(per_second))
        if per_minute is not None:
            limit.per_minute = max(0, int(per_minute))
        if send_retry_after is not None:
            limit.send_retry_after = bool(send_retry_after)
        return {"per_second": limit.per_second, "per_minute": limit.per_minute,
                "send_retry_after": limit.send_retry_after}


def change_client_secret(world: World, client_secret: str) -> None:
    """The app's secret is regenerated at Conta Azul: whoever still sends the old one is refused."""
    with world.lock:
        world.settings.client_secret = client_secret


def revoke_access(world: World, email: str) -> int:
    """The company of this login takes the app's access back: answers how many tokens stopped."""
    with world.lock:
        company = world.company_by_login(email)
        if company is None:
            raise BadRequest(f"Nenhuma empresa de demonstração com o login {email}.")
        return tokens.revoke_access(world, company)


def change_sale_situation(world: World, sale_id: str, situation: str, email: str = demo.DEMO_EMAIL) -> dict:
    """A person changes a sale's situation in Conta Azul (no API call): answers its search row."""
    with world.lock:
        company = world.company_by_login(email)
        if company is None:
            raise BadRequest(f"Nenhuma empresa de demonstração com o login {email}.")
        sale = sales.change_situation(world, company, sales.find_sale(company, sale_id), situation)
        return sales.sale_row(company, sale)


def _options(body: Fields, names: dict[str, str]) -> dict[str, Any]:
    readers = {"number": body.number, "integer": body.integer, "boolean": body.boolean}
    values = {name: readers[kind](name) for name, kind in names.items()}
    return {name: float(value) if names[name] == "number" and value is not None else value
            for name, value in values.items()}


@bp.get("/health")
def health():
    return {"ok": True}


@bp.post("/advance-clock")
def advance_clock_route():
    seconds = Fields(read_json_body()).number("seconds", required=True)
    return {"now": advance_clock(get_world(), float(seconds))}


@bp.post("/expire-tokens")
def expire_tokens_route():
    return {"expired": tokens.expire_access_tokens(get_world())}


@bp.post("/client-secret")
def client_secret_route():
    change_client_secret(get_world(), Fields(read_json_body()).text("client_secret", required=True))
    return {"ok": True}


@bp.post("/revoke-access")
def revoke_access_route():
    return {"revoked": revoke_access(get_world(), Fields(read_json_body()).text("email", required=True))}


@bp.post("/faults")
def faults_route():
    options = _options(Fields(read_json_body()), {"error_rate": "number", "latency_ms": "integer",
                                                  "fail_next": "integer", "fail_status": "integer",
                                                  "token_endpoint": "boolean"})
    return configure_faults(get_world(), **options)


@bp.post("/rate-limit")
def rate_limit_route():
    options = _options(Fields(read_json_body()), {"per_second": "integer", "per_minute": "integer",
                                                  "send_retry_after": "boolean"})
    return configure_rate_limit(get_world(), **options)


@bp.post("/seed")
def seed_route():
    body = Fields(read_json_body())
    kind = body.choice("kind", demo.SEED_KINDS, required=True)
    count = body.integer("count", required=True, minimum=1, maximum=100_000)
    ids = demo.seed(get_world(), kind, count, body.text("email") or demo.DEMO_EMAIL)
    return {"kind": kind, "created": len(ids), "ids": ids}


@bp.post("/sale-situation")
def sale_situation_route():
    body = Fields(read_json_body())
    row = change_sale_situation(get_world(), body.text("sale_id", required=True),
                                body.text("situation", required=True), body.text("email") or demo.DEMO_EMAIL)
    return jsonify(row)


@bp.post("/authorize")
def authorize_route():
    """Issues a code without the HTML form, for processes that cannot drive a browser form."""
    body = Fields(read_json_body())
    world = get_world()
    with world.lock:
        company = world.company_by_login(body.text("email", required=True))
        if company is None or company.password != body.text("password", required=True):
            raise BadRequest("E-mail ou senha incorretos.")
        code = tokens.issue_code(world, company, world.settings.client_id, world.settings.redirect_uri)
    return {"code": code, "state": body.text("state")}


@bp.post("/companies")
def add_company_route():
    """Another tenant set up like a demo company (`like`: its login), with its own login."""
    body = Fields(read_json_body())
    company = demo.add_company(get_world(), body.text("email", required=True), body.text("password", required=True),
                               body.text("razao_social") or "", body.text("like") or demo.DEMO_EMAIL)
    return {"id": company.id, "razao_social": company.razao_social, "documento": company.documento}, 201


@bp.get("/stats")
def stats_route():
    return jsonify(get_world().stats_snapshot())


@bp.post("/stats/reset")
def reset_stats_route():
    get_world().reset_stats()
    return {"ok": True}
