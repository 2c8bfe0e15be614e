"""Connecting Conta Azul through the real stand-in sign-in form, listing, disconnecting, tenancy."""
from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import httpx
import pytest

from sheets_addon.db import get_session
from sheets_addon.models import ContaAzulConnection, Flow, OAuthState
from tests import wiring

ANA, JOAO = "ana@padariaaurora.com.br", "joao@oficinaipe.com.br"


def start(api, headers) -> str:
    answer = api.post("/api/v1/connections/contaazul/start", headers=headers)
    assert answer.status_code == 201
    return answer.json["authorize_url"]


def sign_in_at_contaazul(contaazul_sandbox, authorize_url: str, email: str = ANA, password: str = "aurora123") -> dict:
    """The person's browser: Conta Azul's sign-in page, its form, and the redirect's query."""
    assert httpx.get(authorize_url).status_code == 200
    state = parse_qs(urlparse(authorize_url).query)["state"][0]
    return {"code": contaazul_sandbox.authorize(email, password, state=state), "state": state}


def callback(api, query: dict):
    return api.get("/api/v1/connections/contaazul/callback", query_string=query)


@pytest.fixture
def connect(api, signed_in, contaazul_sandbox):
    """Connects `email`'s Google account to the Conta Azul company of `login` the whole way round."""
    def run(email: str = ANA, login: tuple[str, str] = (ANA, "aurora123")) -> dict:
        query = sign_in_at_contaazul(contaazul_sandbox, start(api, signed_in(email)), *login)
        page = callback(api, query)
        assert page.status_code == 200, page.text
        return api.get("/api/v1/connections", headers=signed_in(email)).json["connections"][-1]
    return run


def test_the_full_round_trip_lands_a_connection_with_the_company(api, signed_in, contaazul_sandbox):
    authorize_url = start(api, signed_in())
    query = sign_in_at_contaazul(contaazul_sandbox, authorize_url)

    page = callback(api, query)
    listed = api.get("/api/v1/connections", headers=signed_in()).json["connections"]

    assert page.status_code == 200 and "fechar esta janela" in page.text
    company = contaazul_sandbox.company(ANA)
    assert [(c["company_name"], c["company_document"], c["status"]) for c in listed] == [
        (company.nome_fantasia, company.documento, "active")]
    assert company.nome_fantasia in page.text and "token" not in str(listed).lower()


def test_a_state_works_once(api, signed_in, contaazul_sandbox):
    query = sign_in_at_contaazul(contaazul_sandbox, start(api, signed_in()))
    assert callback(api, query).status_code == 200

    replay = callback(api, {**query, "code": contaazul_sandbox.authorize(state=query["state"])})

    assert replay.status_code == 400 and "já foi usado" in replay.text


@pytest.mark.parametrize("query", [{"code": "abc"}, {"code": "abc", "state": ""}, {"code": "abc", "state": "made-up"}],
                         ids=["missing", "empty", "unknown"])
def test_a_missing_or_unknown_state_is_refused(api, signed_in, query):
    page = callback(api, query)

    assert page.status_code == 400 and "Não foi possível conectar" in page.text
    assert api.get("/api/v1/connections", headers=signed_in()).json["connections"] == []


def test_an_expired_state_is_refused(api, signed_in, contaazul_sandbox, api_app):
    query = sign_in_at_contaazul(contaazul_sandbox, start(api, signed_in()))
    session = get_session()
    for state in session.query(OAuthState):
        state.expires_at = state.created_at
    session.commit()

    assert callback(api, query).status_code == 400
    assert api.get("/api/v1/connections", headers=signed_in()).json["connections"] == []


def test_a_state_connects_only_the_user_it_was_given_to(api, signed_in, contaazul_sandbox):
    """The callback has no ID token: whoever's browser finishes Ana's link connects Ana, never João."""
    api.get("/api/v1/me", headers=signed_in(JOAO))
    query = sign_in_at_contaazul(contaazul_sandbox, start(api, signed_in(ANA)), JOAO, "ipe123")

    assert callback(api, query).status_code == 200
    assert api.get("/api/v1/connections", headers=signed_in(JOAO)).json["connections"] == []
    assert len(api.get("/api/v1/connections", headers=signed_in(ANA)).json["connections"]) == 1


def test_cancelling_at_contaazul_spends_the_state_and_says_so(api, signed_in, contaazul_sandbox):
    state = parse_qs(urlparse(start(api, signed_in())).query)["state"][0]

    page = callback(api, {"error": "access_denied", "state": state})

    assert page.status_code == 400 and "cancelada" in page.text
    assert callback(api, {"code": "late", "state": state}).status_code == 400


def test_a_refused_code_says_to_try_again(api, signed_in):
    state = parse_qs(urlparse(start(api, signed_in())).query)["state"][0]

    page = callback(api, {"code": "not-a-real-code", "state": state})

    assert page.status_code == 400 and "tente de novo" in page.text


def test_user_b_cannot_see_or_disconnect_user_a_connection(api, signed_in, connect):
    anas = connect(ANA)

    theirs = api.get("/api/v1/connections", headers=signed_in(JOAO)).json["connections"]
    attempt = api.post(f"/api/v1/connections/{anas['id']}/disconnect", headers=signed_in(JOAO))
    nonexistent = api.post("/api/v1/connections/999/disconnect", headers=signed_in(JOAO))

    assert theirs == []
    assert attempt.status_code == 404 and attempt.json == nonexistent.json
    assert api.get("/api/v1/connections", headers=signed_in(ANA)).json["connections"][0]["status"] == "active"


def test_disconnect_wipes_the_tokens_and_pauses_the_flows_until_reconnected(api, signed_in, connect, sheets_sandbox):
    connection_id = connect()["id"]
    session = get_session()
    connection = session.get(ContaAzulConnection, connection_id)
    running = wiring.make_flow(connection, "customer", "sheet-1", {"name": "Nome"}, prove=False)
    held = wiring.make_flow(connection, "customer", "sheet-2", {"name": "Nome"}, prove=False)
    held.enabled = False
    session.commit()

    answer = api.post(f"/api/v1/connections/{connection_id}/disconnect", headers=signed_in())
    session.expire_all()

    assert answer.status_code == 200 and answer.json["status"] == "disconnected" and answer.json["status_reason"]
    assert session.get(ContaAzulConnection, connection_id).encrypted_tokens is None
    assert [session.get(Flow, f.id).enabled for f in (running, held)] == [False, False]

    assert connect()["id"] == connection_id
    session.expire_all()
    assert [session.get(Flow, f.id).enabled for f in (running, held)] == [True, False]


def test_every_connection_route_needs_a_token(api, connect):
    connection_id = connect()["id"]
    for method, path in [("GET", "/api/v1/connections"), ("POST", "/api/v1/connections/contaazul/start"),
                         ("POST", f"/api/v1/connections/{connection_id}/disconnect")]:
        assert api.open(method, path).status_code == 401
