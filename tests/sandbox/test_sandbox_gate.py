"""The /v1 gate: bearer tokens, per-company rate limits, injected faults, counters, /_sandbox controls."""
from __future__ import annotations

import httpx
import pytest

from sandbox.contaazul import OTHER_EMAIL, OTHER_PASSWORD

from sandbox_assertions import error_of

ME = "/v1/pessoas/conta-conectada"


def test_missing_or_unknown_token_is_401(sandbox):
    for headers in ({}, {"Authorization": "Bearer nope"}, {"Authorization": "Basic abc"}):
        answer = httpx.get(sandbox.url + ME, headers=headers)
        assert error_of(answer, 401) == "Token de acesso inválido ou ausente."
        assert answer.headers["www-authenticate"] == "Bearer"


def test_access_token_expires_after_its_ttl(sandbox, api):
    assert api.get(ME).status_code == 200
    sandbox.advance_clock(3599)
    assert api.get(ME).status_code == 200
    sandbox.advance_clock(2)
    assert error_of(api.get(ME), 401) == "The Token has expired."


def test_expire_access_tokens_forces_401(sandbox, api):
    sandbox.expire_access_tokens()
    assert api.get(ME).json() == {"code": 401, "message": "The Token has expired."}


@pytest.mark.parametrize("retry_after", [True, False])
def test_rate_limit_per_second_answers_429(sandbox, api, retry_after):
    sandbox.configure_rate_limit(per_second=3, per_minute=600, send_retry_after=retry_after)
    statuses = [api.get(ME) for _ in range(4)]
    assert [a.status_code for a in statuses] == [200, 200, 200, 429]
    assert error_of(statuses[-1], 429).startswith("Limite de requisições excedido")
    assert ("retry-after" in statuses[-1].headers) is retry_after
    if retry_after:
        assert statuses[-1].headers["retry-after"] == "1"
    sandbox.advance_clock(1.01)
    assert api.get(ME).status_code == 200
    assert sandbox.stats()["rate_limited"] == 1


def test_rate_limit_per_minute_tells_how_long_to_wait(sandbox, api):
    sandbox.configure_rate_limit(per_second=0, per_minute=5)
    for _ in range(5):
        assert api.get(ME).status_code == 200
    limited = api.get(ME)
    assert limited.status_code == 429 and 55 <= int(limited.headers["retry-after"]) <= 60
    sandbox.advance_clock(61)
    assert api.get(ME).status_code == 200


def test_rate_limit_is_per_company(sandbox, api, other_api):
    sandbox.configure_rate_limit(per_second=2, per_minute=600)
    assert [api.get(ME).status_code for _ in range(3)] == [200, 200, 429]
    assert other_api.get(ME).status_code == 200


def test_default_limit_is_ten_per_second(contaazul_sandbox):
    token = contaazul_sandbox.obtain_tokens()["access_token"]
    with httpx.Client(base_url=contaazul_sandbox.url, headers={"Authorization": f"Bearer {token}"}) as api:
        codes = [api.get(ME).status_code for _ in range(11)]
    assert codes.count(429) >= 1 and codes[:10].count(200) >= 9


@pytest.mark.parametrize("status, message", [(500, "Ocorreu um erro inesperado no servidor. Tente novamente mais tarde."),
                                             (503, "Serviço temporariamente indisponível. Tente novamente mais tarde.")])
def test_fail_next_is_deterministic(sandbox, api, status, message):
    sandbox.configure_faults(fail_next=2, fail_status=status)
    answers = [api.get(ME) for _ in range(3)]
    assert [a.status_code for a in answers] == [status, status, 200]
    assert answers[0].json() == {"code": status, "message": message}
    assert sandbox.stats()["injected_errors"] == 2


def test_error_rate_injects_5xx_in_the_documented_shape(sandbox, api):
    sandbox.configure_faults(error_rate=1.0)
    answers = [api.get(ME) for _ in range(12)]
    assert {a.status_code for a in answers} <= {500, 502, 503}
    assert all(a.json()["code"] == a.status_code for a in answers)
    sandbox.configure_faults(error_rate=0.0)
    assert api.get(ME).status_code == 200


def test_latency_is_added(sandbox, api):
    sandbox.configure_faults(latency_ms=150)
    answer = api.get(ME)
    assert answer.status_code == 200 and answer.elapsed.total_seconds() >= 0.15


def test_stats_count_calls_by_status_and_route(sandbox, api):
    sandbox.reset_stats()
    api.get(ME)
    api.get("/v1/venda/00000000-0000-4000-8000-000000000000")
    api.get("/v1/nada")
    stats = sandbox.stats()
    assert stats["requests"] == 3
    assert stats["by_status"] == {200: 1, 404: 2}
    assert stats["by_route"]["GET /v1/pessoas/conta-conectada"] == 1


def test_controls_over_http(sandbox):
    url = sandbox.url + "/_sandbox"
    assert httpx.get(url + "/health").json() == {"ok": True}
    code = httpx.post(url + "/authorize", json={"email": OTHER_EMAIL, "password": OTHER_PASSWORD}).json()["code"]
    tokens = httpx.post(sandbox.token_endpoint, auth=(sandbox.settings.client_id, sandbox.settings.client_secret),
                        data={"grant_type": "authorization_code", "code": code,
                              "redirect_uri": sandbox.settings.redirect_uri}).json()
    api = httpx.Client(base_url=sandbox.url, headers={"Authorization": f"Bearer {tokens['access_token']}"})
    assert httpx.post(url + "/faults", json={"fail_next": 1, "fail_status": 502}).json()["fail_next"] == 1
    assert api.get(ME).status_code == 502
    httpx.post(url + "/advance-clock", json={"seconds": 2})
    assert httpx.post(url + "/rate-limit", json={"per_second": 1}).json()["per_second"] == 1
    assert api.get(ME).status_code == 200 and api.get(ME).status_code == 429
    assert httpx.post(url + "/advance-clock", json={"seconds": 5}).status_code == 200
    assert api.get(ME).status_code == 200
    seeded = httpx.post(url + "/seed", json={"kind": "people", "count": 3, "email": OTHER_EMAIL}).json()
    assert seeded["created"] == 3 and len(seeded["ids"]) == 3
    assert httpx.post(url + "/expire-tokens").json()["expired"] >= 1
    assert api.get(ME).status_code == 401
    stats = httpx.get(url + "/stats").json()
    assert stats["injected_errors"] == 1 and stats["by_status"]["429"] == 1
    assert httpx.post(url + "/seed", json={"kind": "planets", "count": 1}).status_code == 400
    assert httpx.post(url + "/faults", json={"fail_status": 418}).status_code == 400
    api.close()


def test_concurrent_calls_are_consistent(sandbox, tokens):
    from concurrent.futures import ThreadPoolExecutor

    def create(index: int) -> int:
        with httpx.Client(base_url=sandbox.url, headers={"Authorization": f"Bearer {tokens['access_token']}"}) as api:
            return api.post("/v1/centro-de-custo", json={"nome": f"Filial {index}"}).status_code

    with ThreadPoolExecutor(max_workers=16) as pool:
        statuses = list(pool.map(create, range(64)))
    assert statuses == [200] * 64
    assert sandbox.stats()["by_route"]["POST /v1/centro-de-custo"] == 64
    assert sandbox.stats()["unexpected_errors"] == 0
