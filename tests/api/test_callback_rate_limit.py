"""The OAuth callbacks and the begin page need no sign-in, so nothing but a limit per client address
stops someone hammering them (guessing states, replaying codes): OAUTH_CALLBACKS_PER_MINUTE calls a
minute per address, the three together, then 429 with Retry-After. Behind a trusted proxy the address is
the forwarded client's; without one, a forged X-Forwarded-For changes nothing."""
from __future__ import annotations

from collections.abc import Callable

import pytest

from app import create_app
from sheets_addon import messages
from sheets_addon.api.rate_limit import SlidingWindow
from sheets_addon.db import upgrade_database
from tests import wiring
from tests.api.openapi_check import OpenApiCheckingClient

CONTAAZUL = "/api/v1/connections/contaazul/callback"
GOOGLE = "/api/v1/connections/google/callback"
BEGIN = "/api/v1/connections/begin"
LIMIT = 3


@pytest.fixture
def backend(database_url, contaazul_sandbox, sheets_sandbox) -> Callable[..., OpenApiCheckingClient]:
    def build(**settings) -> OpenApiCheckingClient:
        app = create_app({**wiring.backend_config(database_url, contaazul_sandbox, sheets_sandbox),
                          "OAUTH_CALLBACKS_PER_MINUTE": LIMIT, **settings})
        with app.app_context():
            upgrade_database()
        return OpenApiCheckingClient(app)
    return build


def from_address(address: str, **headers: str) -> dict:
    return {"environ_base": {"REMOTE_ADDR": address}, "headers": headers}


def test_past_the_limit_a_callback_answers_429_with_retry_after_for_that_address_only(backend):
    api = backend()
    bad_state = {"code": "c0de", "state": "not-a-state"}

    answers = [api.get(path, query_string=bad_state, **from_address("198.51.100.7"))
               for path in (CONTAAZUL, GOOGLE, BEGIN, GOOGLE)]
    elsewhere = api.get(CONTAAZUL, query_string=bad_state, **from_address("198.51.100.8"))

    assert [answer.status_code for answer in answers] == [400, 400, 400, 429]  # one window for the three
    refused = answers[-1]
    assert refused.json["error"] == {"code": "too_many_requests", "message": messages.HTTP_ERROR_MESSAGES[429]}
    assert 1 <= int(refused.headers["Retry-After"]) <= 60
    assert elsewhere.status_code == 400


def test_a_forged_forwarded_header_does_not_escape_the_limit_without_a_trusted_proxy(backend):
    api = backend()

    statuses = [api.get(CONTAAZUL, **from_address("198.51.100.7", **{"X-Forwarded-For": f"203.0.113.{n}"})).status_code
                for n in range(LIMIT + 1)]

    assert statuses == [400] * LIMIT + [429]


def test_behind_a_trusted_proxy_each_forwarded_client_has_its_own_limit(backend):
    api = backend(TRUSTED_PROXIES=1)
    proxy = "10.0.0.2"

    first = [api.get(CONTAAZUL, **from_address(proxy, **{"X-Forwarded-For": "203.0.113.1"})).status_code
             for _ in range(LIMIT + 1)]
    second = api.get(CONTAAZUL, **from_address(proxy, **{"X-Forwarded-For": "203.0.113.2"})).status_code

    assert (first, second) == ([400] * LIMIT + [429], 400)


def test_signed_in_routes_are_not_counted_against_the_address(backend, signed_in):
    api = backend()
    for _ in range(LIMIT + 2):
        assert api.get("/api/v1/me", headers=signed_in(), environ_base={"REMOTE_ADDR": "198.51.100.7"}).status_code == 200

    assert api.get(CONTAAZUL, **from_address("198.51.100.7")).status_code == 400


def test_the_window_forgets_addresses_seen_once_so_they_do_not_pile_up():
    now = [0.0]
    window = SlidingWindow(5, window_seconds=60, clock=lambda: now[0])
    for n in range(3000):
        window.wait_seconds(f"address-{n}")
        now[0] += 0.1  # 300 s in all: only the last minute's addresses are still needed

    assert len(window) <= 2 * 1024
    assert [window.wait_seconds("address-2999") > 0 for _ in range(5)] == [False] * 4 + [True]  # still counted
