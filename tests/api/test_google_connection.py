"""The user's own Google access: the consent dance from the begin page through the stand-in's real
consent page, the state's rules, sheets reached as the user, refresh after expiry by google-auth, a
revoked consent pausing the flows, disconnecting; every answer checked against the OpenAPI document."""
from __future__ import annotations

import json
from urllib.parse import parse_qs, urlparse

import pytest

from sheets_addon import messages
from sheets_addon.config import current_settings
from sheets_addon.db import get_engine, get_session
from sheets_addon.google_access import SheetsClients
from sheets_addon.models import Flow, GoogleConnection, OAuthState
from sheets_addon.sync.work import work_due_flows
from tests import wiring
from tests.api import connect_steps
from tests.api.connect_steps import ANA, GOOGLE_CALLBACK, JOAO, google_consent, open_link, state_of
from tests.api.openapi_check import OpenApiCheckingClient

SPREADSHEETS = "https://www.googleapis.com/auth/spreadsheets"
CUSTOMERS = {"Clientes": [["Nome", "Enviar?"], ["Maria Souza", "sim"]]}


def start(api, headers) -> str:
    """The link the sidebar opens: the begin page of a Google connect."""
    return connect_steps.start(api, headers, "google")


def consent(api, sheets_sandbox, headers, email: str = ANA, **choices) -> dict:
    """Asks for a link, opens it in the browser (`api`) and consents at Google as `email`."""
    return google_consent(api, sheets_sandbox, start(api, headers), email, **choices)


def callback(api, query: dict):
    return api.get(GOOGLE_CALLBACK, query_string=query)


def backend_account(sheets_sandbox) -> str:
    """The e-mail of the backend's service account (the stand-in made it, with its key file)."""
    with open(sheets_sandbox.service_account_file(), encoding="utf-8") as key_file:
        return json.load(key_file)["client_email"]


def google_access(api, headers) -> dict:
    return api.get("/api/v1/me", headers=headers).json["google_access"]


@pytest.fixture
def connect_google(api, signed_in, sheets_sandbox):
    """`email` signs in to the add-on, asks for the link and consents at Google (the stand-in's page)."""
    def run(email: str = ANA, consenting: str | None = None, granted: list[str] | None = None):
        return callback(api, consent(api, sheets_sandbox, signed_in(email), consenting or email, granted=granted))
    return run


@pytest.fixture
def anas_sheet(sheets_sandbox) -> str:
    """A sheet Ana owns and shared with nobody: the backend's own account cannot open it."""
    return sheets_sandbox.create_spreadsheet("Clientes da Ana", CUSTOMERS, owner=ANA)


def test_the_consent_dance_stores_the_users_own_access(api, signed_in, sheets_sandbox, connect_google):
    before = google_access(api, signed_in())
    link = start(api, signed_in())
    begun = open_link(api, link)
    url = begun.headers["Location"]
    asked = {name: values[0] for name, values in parse_qs(urlparse(url).query).items()}

    page = connect_google()

    assert before["mode"] == "service_account" and before["connection"] is None and before["consent_available"]
    assert link.startswith("http://127.0.0.1:5000/api/v1/connections/begin?state=")
    assert begun.status_code == 303 and begun.headers["Set-Cookie"].startswith("azulejo_connect=")
    assert url.startswith(sheets_sandbox.authorization_endpoint)
    assert (asked["access_type"], asked["prompt"], asked["login_hint"]) == ("offline", "consent", ANA)
    assert SPREADSHEETS in asked["scope"].split() and asked["state"] == state_of(link)
    assert page.status_code == 200 and "fechar esta janela" in page.text
    assert f"A conta Google {ANA} está conectada à conta do Azulejo de {ANA}" in page.text
    access = api.get("/api/v1/connections/google", headers=signed_in()).json
    assert access == google_access(api, signed_in())
    assert (access["mode"], access["share_with"]) == ("user", ANA)
    assert (access["connection"]["google_email"], access["connection"]["status"]) == (ANA, "active")
    assert SPREADSHEETS in access["connection"]["scopes"] and "token" not in str(access).lower()


def test_a_state_works_once(api, signed_in, sheets_sandbox):
    query = consent(api, sheets_sandbox, signed_in())
    assert callback(api, query).status_code == 200

    again = consent(api, sheets_sandbox, signed_in())
    replay = callback(api, {**query, "code": again["code"]})

    assert replay.status_code == 400 and "já foi usado" in replay.text


@pytest.mark.parametrize("query", [{"code": "4/0Aabc"}, {"code": "4/0Aabc", "state": ""},
                                   {"code": "4/0Aabc", "state": "made-up"}], ids=["missing", "empty", "unknown"])
def test_a_missing_or_unknown_state_is_refused(api, signed_in, query):
    page = callback(api, query)

    assert page.status_code == 400 and "Não foi possível conectar" in page.text
    assert google_access(api, signed_in())["connection"] is None


def test_an_expired_state_is_refused(api, signed_in, sheets_sandbox):
    query = consent(api, sheets_sandbox, signed_in())
    session = get_session()
    for state in session.query(OAuthState):
        state.expires_at = state.created_at
    session.commit()

    assert callback(api, query).status_code == 400
    assert google_access(api, signed_in())["connection"] is None


def test_a_conta_azul_state_at_googles_callback_only_checks_the_sign_in(api, signed_in, sheets_sandbox,
                                                                        contaazul_sandbox):
    """Google's callback takes a Conta Azul connect's state too, for its sign-in check: even with a
    consent's code it stores no Google access, and goes on to Conta Azul."""
    contaazul_link = connect_steps.start(api, signed_in())
    assert open_link(api, contaazul_link).status_code == 303  # bound to this browser, awaiting the sign-in
    google_query = consent(api, sheets_sandbox, signed_in())

    page = callback(api, {**google_query, "state": state_of(contaazul_link)})

    assert page.status_code == 303 and page.headers["Location"].startswith(contaazul_sandbox.url)
    assert google_access(api, signed_in())["connection"] is None
    assert callback(api, google_query).status_code == 400  # the consent's code was spent on the check


def test_another_users_state_connects_nobody_and_the_grant_is_revoked(api, signed_in, sheets_sandbox):
    """João's browser finishes Ana's link consenting as João: refused, and João's grant is given back."""
    api.get("/api/v1/me", headers=signed_in(JOAO))
    query = consent(api, sheets_sandbox, signed_in(ANA), JOAO)

    page = callback(api, query)

    assert page.status_code == 400 and JOAO in page.text and f"autorize com a conta {ANA}" in page.text
    assert google_access(api, signed_in(ANA))["connection"] is None
    assert google_access(api, signed_in(JOAO))["connection"] is None
    assert sheets_sandbox.stats()["oauth"]["live_grants"] == 0


def test_consenting_on_someone_elses_link_leaves_ones_own_consent_alone(api, signed_in, sheets_sandbox,
                                                                         connect_google, anas_sheet):
    """Revoking the refused grant at Google would end every grant of João's to the client, his own
    consent here too: a link forwarded to him must not take his access away."""
    assert connect_google(JOAO).status_code == 200
    sheets_sandbox.share(anas_sheet, JOAO)

    page = callback(api, consent(api, sheets_sandbox, signed_in(ANA), JOAO))

    assert page.status_code == 400 and google_access(api, signed_in(ANA))["connection"] is None
    assert sheets_sandbox.stats()["oauth"]["live_grants"] == 2  # his own, and the refused one nobody holds
    sheets_sandbox.expire_access_tokens()
    assert api.get(f"/api/v1/spreadsheets/{anas_sheet}", headers=signed_in(JOAO)).status_code == 200


def test_a_consent_in_another_browser_is_refused_before_the_code_is_traded(api, api_app, signed_in, sheets_sandbox):
    query = consent(api, sheets_sandbox, signed_in())
    redeemed = sheets_sandbox.stats()["oauth"]["codes_redeemed"]

    stranger = callback(OpenApiCheckingClient(api_app), query)

    assert stranger.status_code == 403 and "outro navegador" in stranger.text
    assert sheets_sandbox.stats()["oauth"]["codes_redeemed"] == redeemed
    assert callback(api, query).status_code == 400 and google_access(api, signed_in())["connection"] is None


def test_cancelling_at_google_spends_the_state_and_says_so(api, signed_in, sheets_sandbox):
    query = consent(api, sheets_sandbox, signed_in(), allow=False)

    page = callback(api, query)

    assert page.status_code == 400 and "cancelada" in page.text
    assert callback(api, {"code": "late", "state": query["state"]}).status_code == 400


def test_a_refused_code_says_to_try_again(api, signed_in):
    link = start(api, signed_in())
    open_link(api, link)
    state = state_of(link)

    page = callback(api, {"code": "4/0Anot-a-real-code", "state": state})

    assert page.status_code == 400 and "tente de novo" in page.text


def test_consent_without_the_sheets_scope_is_refused_and_given_back(api, signed_in, sheets_sandbox, connect_google):
    page = connect_google(granted=[])

    assert page.status_code == 400 and "permissão" in page.text
    assert google_access(api, signed_in())["connection"] is None
    assert sheets_sandbox.stats()["oauth"]["live_grants"] == 0


def test_without_an_oauth_client_only_the_service_account_is_offered(api_without_google_client, signed_in):
    api = api_without_google_client
    answer = api.post("/api/v1/connections/google/start", headers=signed_in())
    me = api.get("/api/v1/me", headers=signed_in()).json

    assert answer.status_code == 409 and answer.json["error"]["code"] == "google_consent_unavailable"
    assert "Compartilhe" in answer.json["error"]["message"]
    assert me["google_access"]["consent_available"] is False


def test_a_sheet_only_its_owner_reaches_is_read_with_her_own_access(api, signed_in, sheets_sandbox, connect_google,
                                                                   anas_sheet):
    as_backend = api.get(f"/api/v1/spreadsheets/{anas_sheet}", headers=signed_in())
    connect_google()
    sheets_sandbox.reset_stats()

    as_ana = api.get(f"/api/v1/spreadsheets/{anas_sheet}", headers=signed_in())

    assert as_backend.status_code == 403
    assert backend_account(sheets_sandbox) in as_backend.json["error"]["message"]
    assert as_ana.status_code == 200 and as_ana.json["tabs"] == [{"title": "Clientes", "headers": ["Nome", "Enviar?"]}]
    assert set(sheets_sandbox.stats()["by_user"]) == {ANA}


def test_a_sheet_not_shared_with_the_user_says_so_in_their_name(api, signed_in, connect_google, anas_sheet):
    connect_google(JOAO)

    answer = api.get(f"/api/v1/spreadsheets/{anas_sheet}", headers=signed_in(JOAO))

    assert answer.status_code == 403 and JOAO in answer.json["error"]["message"]


def test_an_expired_access_token_is_refreshed_by_google_auth_and_kept(api, signed_in, sheets_sandbox, connect_google,
                                                                     anas_sheet):
    connect_google()
    assert api.get(f"/api/v1/spreadsheets/{anas_sheet}", headers=signed_in()).status_code == 200
    assert sheets_sandbox.stats()["oauth"]["refreshes"] == 0  # the code exchange's access token was kept

    sheets_sandbox.expire_access_tokens()
    first = api.get(f"/api/v1/spreadsheets/{anas_sheet}", headers=signed_in())
    second = api.get(f"/api/v1/spreadsheets/{anas_sheet}", headers=signed_in())

    assert first.status_code == second.status_code == 200
    assert sheets_sandbox.stats()["oauth"]["refreshes"] == 1  # the refreshed token was stored for the next request


@pytest.fixture
def anas_flows(api, signed_in, contaazul_sandbox, anas_sheet):
    """Ana's Conta Azul company and two flows on her own sheet: one running, one she paused. Nobody
    proves she can edit it: once she consents, the backend proves it itself, as her, when a run needs it."""
    api.get("/api/v1/me", headers=signed_in())
    connection = wiring.connect_demo_company(contaazul_sandbox)
    running = wiring.make_flow(connection, "customer", anas_sheet, {"name": "Nome"}, worksheet="Clientes", prove=False)
    held = wiring.make_flow(connection, "customer", anas_sheet, {"name": "Nome"}, worksheet="Clientes", prove=False)
    held.enabled = False
    get_session().commit()
    return running, held


def test_the_worker_writes_the_users_sheet_as_the_user(api_app, sheets_sandbox, connect_google, anas_flows,
                                                       anas_sheet):
    connect_google()
    running, _ = anas_flows
    sheets_sandbox.reset_stats()

    ran = work_due_flows(get_session(), current_settings(), get_engine(), SheetsClients(current_settings(), get_engine()),
                         "worker-test")

    assert ran == 1
    assert sheets_sandbox.read(anas_sheet, "Clientes!C2")[0][0].startswith("✔")
    assert set(sheets_sandbox.stats()["by_user"]) == {ANA}


def test_a_revoked_consent_pauses_the_users_flows_until_she_consents_again(api, signed_in, sheets_sandbox,
                                                                          connect_google, anas_flows, caplog):
    connect_google()
    running, held = anas_flows
    sheets_sandbox.revoke_consent(ANA)
    sheets_sandbox.expire_access_tokens()

    report = api.post(f"/api/v1/flows/{running.id}/run", headers=signed_in())

    session = get_session()
    session.expire_all()
    assert report.status_code == 200 and report.json["problem"] == messages.GOOGLE_REFRESH_REFUSED
    assert (session.get(Flow, running.id).enabled, session.get(Flow, running.id).paused_by) == (False, "google")
    assert (session.get(Flow, held.id).enabled, session.get(Flow, held.id).paused_by) == (False, None)
    access = google_access(api, signed_in())
    assert access["connection"]["status"] == "needs_reconnect"
    assert access["connection"]["status_reason"] == messages.GOOGLE_REFRESH_REFUSED
    assert session.query(GoogleConnection).one().encrypted_tokens is None
    assert any(r.getMessage() == "google refresh refused: user's flows paused" for r in caplog.records)
    again = api.post(f"/api/v1/flows/{running.id}/run", headers=signed_in())
    info = api.get(f"/api/v1/spreadsheets/{running.spreadsheet_id}", headers=signed_in())
    assert again.status_code == info.status_code == 409
    assert again.json["error"]["code"] == info.json["error"]["code"] == "google_reconnect_needed"
    enable = api.post(f"/api/v1/flows/{held.id}/enable", headers=signed_in())
    assert enable.status_code == 409 and enable.json["error"]["code"] == "google_reconnect_needed"

    assert connect_google().status_code == 200
    session.expire_all()
    assert (session.get(Flow, running.id).enabled, session.get(Flow, held.id).enabled) == (True, False)
    assert google_access(api, signed_in())["connection"]["status"] == "active"


def test_disconnecting_revokes_at_google_and_forgets(api, signed_in, sheets_sandbox, connect_google, anas_sheet):
    connect_google()
    live_before = sheets_sandbox.stats()["oauth"]["live_grants"]

    theirs = api.post("/api/v1/connections/google/disconnect", headers=signed_in(JOAO))
    answer = api.post("/api/v1/connections/google/disconnect", headers=signed_in())

    assert theirs.status_code == 404 and live_before == 1
    assert answer.status_code == 200 and answer.json["revoked_at_google"] is True
    assert answer.json["google_access"]["mode"] == "service_account"
    assert answer.json["google_access"]["connection"] is None
    assert sheets_sandbox.stats()["oauth"]["live_grants"] == 0
    assert get_session().query(GoogleConnection).count() == 0
    assert api.get(f"/api/v1/spreadsheets/{anas_sheet}", headers=signed_in()).status_code == 403
    assert api.post("/api/v1/connections/google/disconnect", headers=signed_in()).status_code == 404


def test_disconnecting_when_google_is_unreachable_still_forgets(api_app, api, signed_in, connect_google, unused_port):
    connect_google()
    settings = api_app.extensions["azulejo.settings"]
    api_app.extensions["azulejo.settings"] = type(settings)(**{
        **settings.as_flask_config(), "GOOGLE_OAUTH_REVOKE_URI": f"http://127.0.0.1:{unused_port}/revoke"})

    answer = api.post("/api/v1/connections/google/disconnect", headers=signed_in())

    assert answer.status_code == 200 and answer.json["revoked_at_google"] is False
    assert answer.json["google_access"]["connection"] is None


def test_every_google_route_but_the_callback_needs_a_token(api):
    for method, path in [("GET", "/api/v1/connections/google"), ("POST", "/api/v1/connections/google/start"),
                         ("POST", "/api/v1/connections/google/disconnect")]:
        assert api.open(method, path).status_code == 401
