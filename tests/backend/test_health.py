"""/health and the page at /: only up or down for anyone; Conta Azul asked at most once per
HEALTH_CACHE_SECONDS, one check at a time; which part is down goes to the operators' log."""
from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator

import pytest

from app import create_app
from sandbox.serving import LocalServer
from sheets_addon.health import HealthMonitor

CHECK_ROUTE = "GET /v1/pessoas/conta-conectada"


class FakeContaAzul:
    """Conta Azul's API as the health check sees it: `status` to every call, counted; with `hold`, each
    call waits until released (a slow Conta Azul: callers arriving meanwhile would call too if let)."""

    def __init__(self, status: int = 401, hold: bool = False) -> None:
        self.status, self.hold, self.calls = status, hold, 0
        self.arrived, self.release = threading.Event(), threading.Event()
        self._lock = threading.Lock()

    def __call__(self, environ, start_response):
        with self._lock:
            self.calls += 1
        self.arrived.set()
        if self.hold:
            self.release.wait(timeout=30)
        start_response(f"{self.status} Whatever", [("Content-Type", "application/json")])
        return [b'{"error": "unauthorized"}']


@pytest.fixture
def fake_contaazul() -> Iterator[tuple[FakeContaAzul, str]]:
    contaazul = FakeContaAzul()
    with LocalServer(contaazul) as server:
        yield contaazul, server.url


def health_app(tmp_path, contaazul_url: str, **settings):
    return create_app({"TESTING": True, "DATABASE_URL": f"sqlite:///{tmp_path / 'h.db'}", "SECRET_KEY": "test",
                       "CONTAAZUL_API_BASE_URL": contaazul_url, **settings})


def test_health_says_only_up_and_the_page_shows_no_address(tmp_path, contaazul_sandbox):
    app = health_app(tmp_path, contaazul_sandbox.url)
    client = app.test_client()

    answer, page = client.get("/health"), client.get("/")

    assert answer.status_code == 200 and answer.json == {"status": "ok"}
    shown = page.get_data(as_text=True)
    assert page.status_code == 200 and "Tudo funcionando" in shown
    assert contaazul_sandbox.url not in shown and "127.0.0.1" not in shown and "Banco de dados" not in shown


def test_down_is_503_degraded_and_the_log_says_once_which_part(tmp_path, unused_port, caplog):
    app = health_app(tmp_path, f"http://127.0.0.1:{unused_port}", HEALTH_CHECK_TIMEOUT_SECONDS=0.5,
                     HEALTH_CACHE_SECONDS=0)
    client = app.test_client()

    with caplog.at_level(logging.INFO, logger="sheets_addon.health"):
        answers = [client.get(path) for path in ("/health", "/health", "/")]

    assert [a.status_code for a in answers] == [503, 503, 503]
    assert answers[0].json == {"status": "degraded"}
    assert str(unused_port) not in answers[2].get_data(as_text=True)
    assert "Algo precisa de atenção" in answers[2].get_data(as_text=True)
    [turned] = [record for record in caplog.records if record.name == "sheets_addon.health"]
    assert (turned.levelname, turned.getMessage()) == ("WARNING", "health degraded")
    assert (turned.database_reachable, turned.contaazul_reachable) == (True, False)
    assert turned.contaazul_api_base_url == f"http://127.0.0.1:{unused_port}"


def test_conta_azul_is_asked_once_per_period_however_often_health_is(tmp_path, contaazul_sandbox):
    now = [1000.0]
    app = health_app(tmp_path, contaazul_sandbox.url, HEALTH_CACHE_SECONDS=30)
    app.extensions["azulejo.health"] = HealthMonitor(app.extensions["azulejo.settings"], clock=lambda: now[0])
    client = app.test_client()

    first = [client.get(path).status_code for path in ("/health", "/") * 10]
    calls_in_first_period = contaazul_sandbox.stats()["by_route"].get(CHECK_ROUTE)
    now[0] += 29.9
    client.get("/health")
    still_first = contaazul_sandbox.stats()["by_route"].get(CHECK_ROUTE)
    now[0] += 0.1
    client.get("/health")

    assert first == [200] * 20
    assert (calls_in_first_period, still_first, contaazul_sandbox.stats()["by_route"][CHECK_ROUTE]) == (1, 1, 2)


def test_callers_arriving_during_a_check_wait_for_it_instead_of_asking_too(tmp_path, fake_contaazul):
    contaazul, url = fake_contaazul
    contaazul.hold = True
    app = health_app(tmp_path, url, HEALTH_CACHE_SECONDS=30)
    statuses: list[int] = []

    def ask() -> None:
        statuses.append(app.test_client().get("/health").status_code)

    callers = [threading.Thread(target=ask) for _ in range(8)]
    for caller in callers:
        caller.start()
    assert contaazul.arrived.wait(timeout=30)
    time.sleep(0.5)  # room for the other callers to reach Conta Azul too, were they let through
    contaazul.release.set()
    for caller in callers:
        caller.join(timeout=30)

    assert statuses == [200] * 8
    assert contaazul.calls == 1


def test_a_change_of_what_is_down_and_a_recovery_are_logged(tmp_path, fake_contaazul, caplog):
    contaazul, url = fake_contaazul
    client = health_app(tmp_path, url, HEALTH_CACHE_SECONDS=0).test_client()

    with caplog.at_level(logging.INFO, logger="sheets_addon.health"):
        statuses = [client.get("/health").status_code]
        contaazul.status = 503
        statuses += [client.get("/health").status_code for _ in range(3)]
        contaazul.status = 401
        statuses += [client.get("/health").status_code for _ in range(2)]

    assert statuses == [200, 503, 503, 503, 200, 200]
    assert contaazul.calls == 6  # HEALTH_CACHE_SECONDS=0: every hit asks
    assert [r.getMessage() for r in caplog.records if r.name == "sheets_addon.health"] == \
        ["health degraded", "health recovered"]
