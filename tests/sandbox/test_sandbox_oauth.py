"""The OAuth server: login form round trip, redirect_uri and client checks, codes, refresh rotation."""
from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import httpx
import pytest

from sandbox.contaazul import DEMO_EMAIL, DEMO_PASSWORD, OTHER_EMAIL, OTHER_PASSWORD, SandboxLoginError


def _form(sandbox, **changes) -> dict:
    settings = sandbox.settings
    form = {"response_type": "code", "client_id": settings.client_id, "redirect_uri": settings.redirect_uri,
            "state": "xyz", "scope": "openid profile aws.cognito.signin.user.admin",
            "email": DEMO_EMAIL, "password": DEMO_PASSWORD}
    form.update(changes)
    return form


def _token(sandbox, auth=None, **form) -> httpx.Response:
    settings = sandbox.settings
    return httpx.post(f"{sandbox.url}/oauth2/token", data=form,
                      auth=auth if auth is not None else (settings.client_id, settings.client_secret))


def _exchange(sandbox, code: str, **extra) -> httpx.Response:
    return _token(sandbox, grant_type="authorization_code", code=code,
                  redirect_uri=sandbox.settings.redirect_uri, **extra)


@pytest.mark.parametrize("path", ["/oauth2/authorize", "/login"])
def test_authorize_page_is_a_portuguese_form_naming_the_app(sandbox, path):
    params = {k: v for k, v in _form(sandbox).items() if k not in ("email", "password")}
    page = httpx.get(sandbox.url + path, params=params)
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "Azulejo" in page.text and "quer acessar" in page.text and "Senha" in page.text
    assert 'action="/login"' in page.text and f'value="{sandbox.settings.redirect_uri}"' in page.text


def test_login_form_round_trip_redirects_with_code_and_state(sandbox):
    answer = httpx.post(f"{sandbox.url}/login", data=_form(sandbox, state="abc 123"))
    assert answer.status_code == 302
    location = urlparse(answer.headers["location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == sandbox.settings.redirect_uri
    query = parse_qs(location.query)
    assert query["state"] == ["abc 123"] and len(query["code"][0]) > 20
    tokens = _exchange(sandbox, query["code"][0])
    assert tokens.status_code == 200 and tokens.headers["cache-control"] == "no-store"
    body = tokens.json()
    assert body["token_type"] == "Bearer" and body["expires_in"] == 3600
    assert body["access_token"] != body["refresh_token"] and body["id_token"].count(".") == 2


def test_wrong_password_shows_the_form_again_without_redirect(sandbox):
    answer = httpx.post(f"{sandbox.url}/login", data=_form(sandbox, password="errada"))
    assert answer.status_code == 200 and "E-mail ou senha incorretos." in answer.text
    with pytest.raises(SandboxLoginError):
        sandbox.authorize(DEMO_EMAIL, "errada")


def test_cancel_sends_access_denied_back(sandbox):
    answer = httpx.post(f"{sandbox.url}/login", data=_form(sandbox, action="cancel"))
    assert answer.status_code == 302
    assert parse_qs(urlparse(answer.headers["location"]).query) == {"error": ["access_denied"], "state": ["xyz"]}


@pytest.mark.parametrize("field, value", [("redirect_uri", "https://evil.example.com/callback"),
                                          ("redirect_uri", "http://127.0.0.1:5999/callback/extra"),
                                          ("client_id", "someone-else")])
def test_unregistered_client_or_redirect_uri_gets_an_error_page_never_a_redirect(sandbox, field, value):
    params = {k: v for k, v in _form(sandbox, **{field: value}).items() if k not in ("email", "password")}
    page = httpx.get(f"{sandbox.url}/oauth2/authorize", params=params)
    posted = httpx.post(f"{sandbox.url}/login", data=_form(sandbox, **{field: value}))
    for answer in (page, posted):
        assert answer.status_code == 400 and "location" not in answer.headers
        assert "Não foi possível continuar" in answer.text
    assert sandbox.state.codes == {}


def test_unsupported_response_type_is_reported_to_the_registered_redirect(sandbox):
    params = {k: v for k, v in _form(sandbox, response_type="token").items() if k not in ("email", "password")}
    answer = httpx.get(f"{sandbox.url}/oauth2/authorize", params=params)
    assert answer.status_code == 302
    assert parse_qs(urlparse(answer.headers["location"]).query)["error"] == ["unsupported_response_type"]


def test_code_works_once(sandbox):
    code = sandbox.authorize(state="s")
    assert _exchange(sandbox, code).status_code == 200
    again = _exchange(sandbox, code)
    assert again.status_code == 400 and again.json() == {"error": "invalid_grant"}


def test_code_expires_after_three_minutes(sandbox):
    fresh, stale = sandbox.authorize(), sandbox.authorize()
    sandbox.advance_clock(179)
    assert _exchange(sandbox, fresh).status_code == 200
    sandbox.advance_clock(2)
    answer = _exchange(sandbox, stale)
    assert answer.status_code == 400 and answer.json()["error"] == "invalid_grant"


def test_code_needs_the_same_redirect_uri(sandbox):
    code = sandbox.authorize()
    answer = _token(sandbox, grant_type="authorization_code", code=code, redirect_uri="http://127.0.0.1:1/other")
    assert answer.status_code == 400 and answer.json()["error"] == "invalid_grant"


def test_wrong_secret_or_unknown_client_is_invalid_client(sandbox):
    code = sandbox.authorize()
    wrong_secret = _token(
        sandbox, auth=(sandbox.settings.client_id, "wrong"), grant_type="authorization_code", code=code,
        redirect_uri=sandbox.settings.redirect_uri)
    unknown = _token(sandbox, auth=("intruder", sandbox.settings.client_secret), grant_type="refresh_token",
                     refresh_token="x")
    no_auth = httpx.post(f"{sandbox.url}/oauth2/token", data={"grant_type": "refresh_token", "refresh_token": "x"})
    for answer in (wrong_secret, unknown, no_auth):
        assert answer.status_code == 401 and answer.json() == {"error": "invalid_client"}


def test_client_credentials_may_come_in_the_form_body(sandbox):
    code = sandbox.authorize()
    settings = sandbox.settings
    answer = httpx.post(f"{sandbox.url}/oauth2/token", data={
        "grant_type": "authorization_code", "code": code, "redirect_uri": settings.redirect_uri,
        "client_id": settings.client_id, "client_secret": settings.client_secret})
    assert answer.status_code == 200 and answer.json()["access_token"]


def test_unknown_grant_type_and_missing_code(sandbox):
    assert _token(sandbox, grant_type="password").json() == {"error": "unsupported_grant_type"}
    missing = _token(sandbox, grant_type="authorization_code")
    assert missing.status_code == 400 and missing.json()["error"] == "invalid_request"


def test_refresh_rotates_and_the_old_refresh_token_stops_working(sandbox):
    first = sandbox.obtain_tokens()
    second = _token(sandbox, grant_type="refresh_token", refresh_token=first["refresh_token"])
    assert second.status_code == 200
    renewed = second.json()
    assert renewed["refresh_token"] != first["refresh_token"] and renewed["access_token"] != first["access_token"]
    reused = _token(sandbox, grant_type="refresh_token", refresh_token=first["refresh_token"])
    assert reused.status_code == 400 and reused.json() == {"error": "invalid_grant"}
    third = _token(sandbox, grant_type="refresh_token", refresh_token=renewed["refresh_token"])
    assert third.status_code == 200
    assert sandbox.stats()["token_refreshes"] == 2
    answer = httpx.get(f"{sandbox.url}/v1/pessoas/conta-conectada",
                       headers={"Authorization": f"Bearer {third.json()['access_token']}"})
    assert answer.json()["razao_social"] == "Padaria Aurora Ltda"


def test_refresh_token_expires_eventually(sandbox):
    tokens = sandbox.obtain_tokens()
    sandbox.advance_clock(sandbox.settings.refresh_token_ttl_seconds + 1)
    answer = _token(sandbox, grant_type="refresh_token", refresh_token=tokens["refresh_token"])
    assert answer.status_code == 400 and answer.json()["error"] == "invalid_grant"


def test_one_token_one_company(sandbox):
    demo, other = sandbox.obtain_tokens(), sandbox.obtain_tokens(OTHER_EMAIL, OTHER_PASSWORD)
    names = [httpx.get(f"{sandbox.url}/v1/pessoas/conta-conectada",
                       headers={"Authorization": f"Bearer {t['access_token']}"}).json()["nome_fantasia"]
             for t in (demo, other)]
    assert names == ["Padaria Aurora", "Oficina Ipê"]


def test_token_endpoint_faults_are_opt_in(sandbox):
    sandbox.configure_faults(fail_next=1, fail_status=503)
    code = sandbox.authorize()
    assert _exchange(sandbox, code).status_code == 200
    assert sandbox.state.faults.fail_next == 1
    sandbox.configure_faults(token_endpoint=True)
    failed = _exchange(sandbox, sandbox.authorize())
    assert failed.status_code == 503 and failed.json()["code"] == 503
