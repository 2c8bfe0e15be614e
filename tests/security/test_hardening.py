"""The smaller findings of issue 14's attack review, as an attacker meets them: real HTTP to gunicorn
with the repository's gunicorn.conf.py (2 processes of 4 threads), both stand-ins, a real start.

Each test says what was sent and what came back; none times anything. The deployment's settings
are the defaults but for HEALTH_CACHE_SECONDS, lengthened so one cache period spans the whole
module (the default, 30 s, could run out halfway on a loaded machine).
"""
from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from sheets_addon.config import Settings
from tests.deployment import Deployment

WEB_PROCESSES = 2  # gunicorn.conf.py's default
CONTAAZUL_CHECK = "GET /v1/pessoas/conta-conectada"
TWENTY_MB = 20 * 1024 * 1024
NUDGE = "/api/v1/hooks/nudge"


@pytest.fixture(scope="module")
def deployment() -> Iterator[Deployment]:
    umask = os.umask(0o022)  # the usual umask of a service: what made the SQLite file 0644
    try:
        with Deployment(worker=False, env={"HEALTH_CACHE_SECONDS": "3600"}) as deployment:
            yield deployment
    finally:
        os.umask(umask)


@pytest.fixture
def http(deployment) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=deployment.url, timeout=60) as client:
        yield client


def test_a_20_mb_body_is_refused_413_unread(deployment, http):
    body = b"[" + b"1," * (TWENTY_MB // 2) + b"1]"
    signed_in = {**deployment.signed_in(), "Content-Type": "application/json"}

    answers = [http.post(NUDGE, content=body, headers=signed_in),
               http.post(NUDGE, content=body, headers={"Content-Type": "application/json"}),  # nobody signed in
               http.post("/api/v1/flows", content=_chunks(body), headers=signed_in)]  # no Content-Length

    assert [answer.status_code for answer in answers] == [413, 413, 413]
    for answer in answers:
        assert answer.json()["error"] == {"code": "request_entity_too_large",
                                          "message": "O conteúdo enviado é grande demais."}
    assert "Content-Length" not in answers[2].request.headers


def test_json_100000_levels_deep_is_400_never_a_500(deployment, http):
    deep = "[" * 100_000 + "]" * 100_000
    headers = {**deployment.signed_in(), "Content-Type": "application/json"}

    paths = (NUDGE, "/api/v1/flows", "/api/v1/catalog/sale")
    answers = [http.post(path, content=deep, headers=headers) for path in paths]
    broken = http.post(NUDGE, content='{"spreadsheet_id": "x", "sheet": ', headers=headers)

    assert [answer.status_code for answer in [*answers, broken]] == [400, 400, 400, 400]
    assert {answer.json()["error"]["code"] for answer in [*answers, broken]} == {"invalid_json"}
    assert "RecursionError" not in deployment.logs() and "unhandled error" not in deployment.logs()


def test_a_million_row_nudge_is_refused(deployment, http):
    """At the default size limit a million row numbers are not even read (413); an operator who raises
    that limit still gets the row bound (422)."""
    nudge = {"spreadsheet_id": "1AbC", "sheet": "Vendas", "rows": list(range(1, 1_000_001))}
    answer = http.post(NUDGE, json=nudge, headers=deployment.signed_in())
    with Deployment(worker=False, env={"MAX_REQUEST_BYTES": str(16 * 1024 * 1024)}) as roomy:
        read = httpx.post(f"{roomy.url}{NUDGE}", json=nudge, headers=roomy.signed_in(), timeout=60)
        row_past_the_largest_sheet = httpx.post(f"{roomy.url}{NUDGE}", headers=roomy.signed_in(), timeout=60,
                                                json={**nudge, "rows": [2, 10_000_001]})

    assert len(json.dumps(nudge)) > Settings.MAX_REQUEST_BYTES and answer.status_code == 413
    assert read.status_code == 422 and read.json()["error"]["code"] == "invalid_nudge"
    assert row_past_the_largest_sheet.status_code == 422


def test_anonymous_health_says_only_up_and_a_burst_asks_conta_azul_once_per_process(deployment, http):
    with ThreadPoolExecutor(max_workers=16) as pool:
        burst = list(pool.map(lambda _: httpx.get(f"{deployment.url}/health", timeout=60), range(64)))
    page = http.get("/")

    assert {answer.status_code for answer in burst} == {200}
    assert {answer.text.strip() for answer in burst} == {json.dumps({"status": "ok"}, separators=(",", ":"))}
    assert page.status_code == 200 and "Tudo funcionando" in page.text
    for shown in (burst[0].text, page.text):
        assert deployment.contaazul.url not in shown and str(deployment.contaazul.port) not in shown
    # Startup's own looks at /health included: one check per process for the whole period.
    assert 1 <= deployment.contaazul.stats()["by_route"].get(CONTAAZUL_CHECK, 0) <= WEB_PROCESSES


def test_the_instance_folder_is_private_after_a_real_start(deployment, http):
    http.get("/api/v1/me", headers=deployment.signed_in())  # a signed-in call: the database in use
    instance = deployment.workdir / "instance"
    files = {path.name: stat.S_IMODE(path.stat().st_mode) for path in instance.iterdir()}

    assert stat.S_IMODE(instance.stat().st_mode) == 0o700
    assert {"secret_key", "azulejo.db", "azulejo.db-wal", "azulejo.db-shm"} <= set(files)
    assert files == dict.fromkeys(files, 0o600)
    assert "private path tightened" not in deployment.logs()  # made private, not mended afterwards


def test_error_codes_read_plainly_in_the_log_and_callback_codes_do_not(deployment, http):
    refused = http.get("/api/v1/me")
    callback = http.get("/api/v1/connections/contaazul/callback",
                        params={"code": "Zq9-secret-code", "state": "Xy7-secret-state"})

    assert refused.json()["error"]["code"] == "missing_token" and callback.status_code == 400
    logs = deployment.logs()
    assert '"code": "missing_token"' in logs
    assert "Zq9-secret-code" not in logs and "Xy7-secret-state" not in logs


def _chunks(body: bytes, size: int = 1024 * 1024) -> Iterator[bytes]:
    """The body in pieces, so httpx sends it chunked, without a Content-Length."""
    for start in range(0, len(body), size):
        yield body[start:start + size]
