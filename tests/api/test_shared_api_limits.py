"""On PostgreSQL the API's own limits hold across web processes: two apps on one database (two
gunicorn processes, say) count a user's nudges and an address's OAuth callbacks together."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import create_engine

from app import create_app
from sheets_addon.api.shared_window import SharedSlidingWindow
from sheets_addon.db import upgrade_database
from tests import wiring
from tests.api.openapi_check import OpenApiCheckingClient
from tests.api.test_connections import JOAO
from tests.api.test_flows_api import sheet  # noqa: F401  (fixture)

pytestmark = pytest.mark.engines("postgresql")
CALLBACK = "/api/v1/connections/contaazul/callback"


@pytest.fixture
def web_processes(database_url, contaazul_sandbox, sheets_sandbox):
    """Two backends on one database, each with its own memory, as two processes would be."""
    config = {**wiring.backend_config(database_url, contaazul_sandbox, sheets_sandbox),
              "NUDGES_PER_MINUTE": 3, "OAUTH_CALLBACKS_PER_MINUTE": 3}
    apps = [create_app(config) for _ in range(2)]
    with apps[0].app_context():
        upgrade_database()
    return [OpenApiCheckingClient(app) for app in apps]


def test_two_web_processes_count_a_users_nudges_together(web_processes, signed_in, sheet):
    first, second = web_processes
    body = {"spreadsheet_id": sheet, "sheet": "Vendas"}
    answers = [(first, second)[n % 2].post("/api/v1/hooks/nudge", json=body, headers=signed_in()) for n in range(4)]

    assert [answer.status_code for answer in answers] == [202, 202, 202, 429]
    assert 1 <= int(answers[-1].headers["Retry-After"]) <= 60
    other_user = second.post("/api/v1/hooks/nudge", json=body, headers=signed_in(JOAO))
    assert other_user.status_code == 202


def test_two_web_processes_count_an_addresss_callbacks_together(web_processes):
    first, second = web_processes
    address = {"environ_base": {"REMOTE_ADDR": "198.51.100.7"}}
    statuses = [(first, second)[n % 2].get(CALLBACK, query_string={"code": "c", "state": "s"}, **address).status_code
                for n in range(4)]

    assert statuses == [400, 400, 400, 429]
    assert second.get(CALLBACK, environ_base={"REMOTE_ADDR": "198.51.100.8"}).status_code == 400


def test_requests_arriving_at_once_are_let_through_exactly_up_to_the_limit(database_url):
    engine = create_engine(database_url, pool_size=8)
    try:
        def ten_requests(process: int) -> list[int]:
            window = SharedSlidingWindow(engine, "nudge", 25, 60)  # each process builds its own
            return [window.wait_seconds("user-7") for _ in range(10)]

        with ThreadPoolExecutor(8) as pool:
            waits = [wait for waits in pool.map(ten_requests, range(8)) for wait in waits]
    finally:
        engine.dispose()
    assert waits.count(0) == 25 and all(1 <= wait <= 60 for wait in waits if wait)
