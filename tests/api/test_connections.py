"""Connecting Conta Azul through the begin page, the stand-in's Google sign-in and Conta Azul's real
sign-in form; listing, disconnecting, tenancy."""
from __future__ import annotations

import hashlib
import re
from urllib.parse import parse_qs, urlparse

import httpx
import pytest

from app import create_app
from sandbox.contaazul import SandboxServer
from sheets_addon.connecting import company_label
from sheets_addon.db import get_session, upgrade_database
from sheets_addon.models import ContaAzulConnection, Flow, OAuthState
from tests import wiring
from tests.api.connect_steps import (
    ANA,
    JOAO,
    callback,
    google_sign_in,
    open_link,
    sign_in_at_contaazul,
    start,
    state_of,
    to_contaazul,
)
from tests.api.openapi_check import OpenApiCheckingClient


@pytest.fixture
def connect(api, signed_in, contaazul_sandbox, sheets_sandbox):
    """Connects `email`'s Google account to the Conta Azul company of `login` the whole way round."""
    def run(email: str = ANA, login: tuple[str, str] = (ANA, "aurora123")) -> dict:
        authorize_url = to_contaazul(api, sheets_sandbox, start(api, signed_in(email)), email)
        page = callback(api, sign_in_at_contaazul(contaazul_sandbox, authorize_url, *login))
        assert page.status_code == 200, page.text
        return api.get("/api/v1/connections", headers=signed_in(email)).json["connections"][-1]
    return run


@pytest.fixture
def at_contaazul(api, signed_in, sheets_sandbox):
    """Ana's link opened in her browser (`api`) and her Google sign-in checked: Conta Azul's page."""
    def run() -> str:
        return to_contaazul(api, sheets_sandbox, start(api, signed_in()))
    return run


def test_the_full_round_trip_lands_a_connection_with_the_company(api, signed_in, contaazul_sandbox, at_contaazul):
    authorize_url = at_contaazul()
    query = sign_in_at_contaazul(contaazul_sandbox, authorize_url)

    page = callback(api, query)
    listed = api.get("/api/v1/connections", headers=signed_in()).json["connections"]

    assert authorize_url.startswith(contaazul_sandbox.authorization_endpoint + "?")
    assert page.status_code == 200 and "fechar esta janela" in page.text
    company = contaazul_sandbox.company(ANA)
    assert [(c["company_name"], c["company_document"], c["status"]) for c in listed] == [
        (company.nome_fantasia, company.documento, "active")]
    assert "token" not in str(listed).lower()
    cnpj = company.documento
    assert (f"{company.nome_fantasia} (CNPJ {cnpj[:2]}.{cnpj[2:5]}.{cnpj[5:8]}/{cnpj[8:12]}-{cnpj[12:]}) "
            f"está conectada à conta do Azulejo de {ANA}") in page.text


def test_a_state_works_once(api, signed_in, contaazul_sandbox, at_contaazul):
    query = sign_in_at_contaazul(contaazul_sandbox, at_contaazul())
    assert callback(api, query).status_code == 200

    replay = callback(api, {**query, "code": contaazul_sandbox.authorize(state=query["state"])})

    assert replay.status_code == 400 and "já foi usado" in replay.text


@pytest.mark.parametrize("query", [{"code": "abc"}, {"code": "abc", "state": ""}, {"code": "abc", "state": "made-up"}],
                         ids=["missing", "empty", "unknown"])
def test_a_missing_or_unknown_state_is_refused(api, signed_in, query):
    page = callback(api, query)

    assert page.status_code == 400 and "Não foi possível conectar" in page.text
    assert api.get("/api/v1/connections", headers=signed_in()).json["connections"] == []


def test_an_expired_state_is_refused(api, signed_in, contaazul_sandbox, at_contaazul):
    query = sign_in_at_contaazul(contaazul_sandbox, at_contaazul())
    session = get_session()
    for state in session.query(OAuthState):
        state.expires_at = state.created_at
    session.commit()

    assert callback(api, query).status_code == 400
    assert api.get("/api/v1/connections", headers=signed_in()).json["connections"] == []


def test_a_state_connects_only_the_user_it_was_given_to(api, signed_in, contaazul_sandbox, at_contaazul):
    """The callback has no ID token: whichever company signs in at Conta Azul on Ana's link is Ana's, never João's."""
    api.get("/api/v1/me", headers=signed_in(JOAO))
    query = sign_in_at_contaazul(contaazul_sandbox, at_contaazul(), JOAO, "ipe123")

    assert callback(api, query).status_code == 200
    assert api.get("/api/v1/connections", headers=signed_in(JOAO)).json["connections"] == []
    assert len(api.get("/api/v1/connections", headers=signed_in(ANA)).json["connections"]) == 1


def test_cancelling_at_contaazul_spends_the_state_and_says_so(api, at_contaazul):
    state = state_of(at_contaazul())

    page = callback(api, {"error": "access_denied", "state": state})

    assert page.status_code == 400 and "cancelada" in page.text
    assert callback(api, {"code": "late", "state": state}).status_code == 400


def test_the_browser_is_sent_to_conta_azuls_page_with_the_query_after_its_fragments_route(
        api, signed_in, contaazul_sandbox, sheets_sandbox):
    """Conta Azul's sign-in page reads its route and parameters from the fragment since August 2026."""
    link = start(api, signed_in())
    checked = google_sign_in(api, sheets_sandbox, open_link(api, link), ANA)

    location = checked.headers["Location"]
    page, _, fragment = location.partition("#")
    settings = contaazul_sandbox.settings
    assert checked.status_code == 303 and page == contaazul_sandbox.url + "/"
    assert fragment.startswith("/oauth/authorize?response_type=code&")
    assert parse_qs(fragment.partition("?")[2]) == {
        "response_type": ["code"], "client_id": [settings.client_id], "redirect_uri": [settings.redirect_uri],
        "state": [state_of(link)], "scope": ["openid profile aws.cognito.signin.user.admin"]}


def _trade_elsewhere(contaazul_sandbox, code: str) -> None:
    settings = contaazul_sandbox.settings
    assert httpx.post(contaazul_sandbox.token_endpoint, auth=(settings.client_id, settings.client_secret),
                      data={"grant_type": "authorization_code", "code": code,
                            "redirect_uri": settings.redirect_uri}).status_code == 200


@pytest.mark.parametrize("spoil", ["unknown", "used", "expired"])
def test_a_code_conta_azul_refuses_says_to_start_connecting_again(api, signed_in, contaazul_sandbox, at_contaazul,
                                                                  spoil):
    """Conta Azul answers a used or expired code 400 invalid_request (measured on the live API)."""
    query = sign_in_at_contaazul(contaazul_sandbox, at_contaazul())
    if spoil == "unknown":
        query["code"] = "not-a-real-code"
    elif spoil == "used":
        _trade_elsewhere(contaazul_sandbox, query["code"])
    else:
        contaazul_sandbox.advance_clock(181)  # codes live 3 minutes

    page = callback(api, query)

    assert page.status_code == 400 and "comece a conexão de novo, em Conectar" in page.text
    assert api.get("/api/v1/connections", headers=signed_in()).json["connections"] == []


def test_our_client_secret_refused_at_the_callback_says_to_tell_the_operator(
        api, signed_in, contaazul_sandbox, at_contaazul, caplog):
    query = sign_in_at_contaazul(contaazul_sandbox, at_contaazul())
    contaazul_sandbox.change_client_secret("regenerated-at-conta-azul")

    page = callback(api, query)

    assert page.status_code == 503 and "Avise quem administra o Azulejo" in page.text
    assert api.get("/api/v1/connections", headers=signed_in()).json["connections"] == []
    lines = [r for r in caplog.records if r.getMessage().startswith("contaazul refused the backend's client")]
    assert len(lines) == 1 and lines[0].levelname == "ERROR" and lines[0].status == 401
    assert "test-client-secret" not in caplog.text and query["code"] not in caplog.text


def test_the_sign_in_before_august_2026_still_connects_when_configured(contaazul_settings, sheets_sandbox, signed_in,
                                                                       tmp_path):
    contaazul_settings.legacy_oauth_paths = True
    with SandboxServer(contaazul_settings) as old:
        config = {**wiring.backend_config(tmp_path / "old.db", old, sheets_sandbox),
                  "CONTAAZUL_AUTHORIZE_URL": f"{old.url}/oauth2/authorize",
                  "CONTAAZUL_TOKEN_URL": f"{old.url}/oauth2/token"}
        app = create_app(config)
        with app.app_context():
            upgrade_database()
            api = OpenApiCheckingClient(app)
            authorize_url = to_contaazul(api, sheets_sandbox, start(api, signed_in()))
            with httpx.Client() as browser:
                form = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"',
                                       browser.get(authorize_url).text))
                back = browser.post(f"{old.url}/login", data={**form, "email": ANA, "password": "aurora123",
                                                              "action": "authorize"})
            page = callback(api, {k: v[0] for k, v in parse_qs(urlparse(back.headers["location"]).query).items()})
            listed = api.get("/api/v1/connections", headers=signed_in()).json["connections"]

    assert authorize_url.startswith(f"{old.url}/oauth2/authorize?response_type=code&")
    assert page.status_code == 200 and [c["status"] for c in listed] == ["active"]
    assert old.stats()["token_requests"] == 1


def test_the_begin_page_binds_the_link_to_the_first_browser_and_sends_it_to_google_sign_in(
        api, api_app, signed_in, sheets_sandbox):
    link = start(api, signed_in())
    begun = open_link(api, link)
    again = open_link(api, link)
    elsewhere = open_link(OpenApiCheckingClient(api_app), link)

    assert link == f"http://127.0.0.1:5000/api/v1/connections/begin?state={state_of(link)}"
    asked = {name: values[0] for name, values in parse_qs(urlparse(begun.headers["Location"]).query).items()}
    assert begun.status_code == 303 and begun.headers["Location"].startswith(sheets_sandbox.authorization_endpoint)
    assert asked == {"client_id": sheets_sandbox.settings.oauth_client_id, "response_type": "code",
                     "redirect_uri": sheets_sandbox.settings.redirect_uris()[0], "scope": "openid email",
                     "state": state_of(link), "login_hint": ANA}  # no offline access, no consent screen
    cookie = begun.headers["Set-Cookie"]
    attributes = {part.strip().split("=")[0]: part.strip() for part in cookie.split(";")}
    assert cookie.startswith("azulejo_connect=") and {"HttpOnly", "SameSite", "Path", "Max-Age"} <= set(attributes)
    assert "Secure" not in attributes and attributes["SameSite"] == "SameSite=Lax"
    assert attributes["Path"] == "Path=/api/v1/connections/"
    assert 590 <= int(attributes["Max-Age"].split("=")[1]) <= 600  # the state's lifetime
    assert again.status_code == 303 and again.headers["Location"] == begun.headers["Location"]
    assert elsewhere.status_code == 403 and "outro navegador" in elsewhere.text
    assert "Set-Cookie" not in elsewhere.headers
    value = cookie.split(";")[0].split("=", 1)[1]
    stored = get_session().query(OAuthState).one()
    assert stored.browser_digest == hashlib.sha256(value.encode()).hexdigest() and stored.person_checked_at is None
    for page in (begun, elsewhere):
        assert page.headers["Cache-Control"] == "no-store" and page.headers["X-Frame-Options"] == "DENY"


def test_behind_https_the_cookie_is_secure_and_under_the_public_paths(contaazul_sandbox, sheets_sandbox, signed_in,
                                                                      tmp_path):
    app = create_app({**wiring.backend_config(tmp_path / "https.db", contaazul_sandbox, sheets_sandbox),
                      "PUBLIC_BASE_URL": "https://planilhas.example.com.br/azulejo/"})
    with app.app_context():
        upgrade_database()
        api = OpenApiCheckingClient(app)
        link = start(api, signed_in())
        cookie = api.get("/api/v1/connections/begin", query_string=urlparse(link).query).headers["Set-Cookie"]

    assert link.startswith("https://planilhas.example.com.br/azulejo/api/v1/connections/begin?state=")
    assert "; Secure" in cookie and "; Path=/azulejo/api/v1/connections/" in cookie


def test_a_callback_without_the_begin_pages_cookie_is_refused_before_the_code_is_traded(
        api, api_app, contaazul_sandbox, at_contaazul, caplog):
    query = sign_in_at_contaazul(contaazul_sandbox, at_contaazul())
    trades = contaazul_sandbox.stats()["token_requests"]

    stranger = callback(OpenApiCheckingClient(api_app), query)
    late = callback(api, query)

    assert stranger.status_code == 403 and "outro navegador" in stranger.text
    assert late.status_code == 400  # the state went where it should not: it is spent
    assert contaazul_sandbox.stats()["token_requests"] == trades
    assert any(r.getMessage().startswith("contaazul connect refused: not the browser") for r in caplog.records)
    assert get_session().query(ContaAzulConnection).count() == 0


def test_a_google_sign_in_by_another_account_is_refused_and_spends_the_link(api, signed_in, sheets_sandbox):
    link = start(api, signed_in())

    page = google_sign_in(api, sheets_sandbox, open_link(api, link), JOAO)

    assert page.status_code == 403 and f"de {ANA}" in page.text and f"entrou no Google como {JOAO}" in page.text
    assert open_link(api, link).status_code == 400


def test_cancelling_the_google_sign_in_spends_the_link(api, signed_in, sheets_sandbox):
    link = start(api, signed_in())

    page = google_sign_in(api, sheets_sandbox, open_link(api, link), ANA, allow=False)

    assert page.status_code == 400 and "cancelada" in page.text
    assert open_link(api, link).status_code == 400


def confirm(browser, page, action: str = "continue"):
    state = re.search(r'name="state" value="([^"]+)"', page.text).group(1)
    return browser.post("/api/v1/connections/begin", data={"state": state, "action": action})


def test_without_a_google_web_client_the_person_confirms_the_account_named(api_without_google_client, signed_in,
                                                                          contaazul_sandbox):
    api = api_without_google_client
    unconfirmed = start(api, signed_in())
    open_link(api, unconfirmed)
    skipped = callback(api, sign_in_at_contaazul(contaazul_sandbox, contaazul_sandbox.authorize_url(
        state_of(unconfirmed))))
    link = start(api, signed_in())
    asked = open_link(api, link)
    confirmed = confirm(api, asked)
    page = callback(api, sign_in_at_contaazul(contaazul_sandbox, confirmed.headers["Location"]))

    assert asked.status_code == 200 and "Set-Cookie" in asked.headers
    assert (f"Você vai conectar uma empresa do Conta Azul à conta do Azulejo de {ANA}. Continue só se foi você "
            "quem clicou em Conectar agora, no painel do Azulejo.") in asked.text
    assert ">Continuar</button>" in asked.text and ">Cancelar</button>" in asked.text
    assert skipped.status_code == 403 and "não foi confirmada" in skipped.text
    assert confirmed.status_code == 303 and confirmed.headers["Location"].startswith(contaazul_sandbox.url)
    assert page.status_code == 200 and f"conta do Azulejo de {ANA}" in page.text


def test_cancelling_the_confirmation_spends_the_link_and_another_browser_cannot_confirm(
        api_without_google_client, signed_in, contaazul_sandbox):
    api = api_without_google_client
    link = start(api, signed_in())
    asked = open_link(api, link)

    stranger = confirm(OpenApiCheckingClient(api.app), asked)
    cancelled = confirm(api, asked, "cancel")

    assert stranger.status_code == 403 and "Location" not in stranger.headers
    assert cancelled.status_code == 200 and "Nada foi conectado" in cancelled.text
    assert open_link(api, link).status_code == 400 and confirm(api, asked).status_code == 400


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


def test_the_result_page_formats_a_company_with_an_alphanumeric_cnpj():
    connection = ContaAzulConnection(company_name="Nova Padaria Ltda", company_document="12ABC34501DE35")
    assert company_label(connection) == "Nova Padaria Ltda (CNPJ 12.ABC.345/01DE-35)"
