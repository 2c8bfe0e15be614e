"""The OAuth server: the sign-in page (its route and parameters in the fragment), code issuing with
redirect_uri and client checks, the token endpoint's refusals as measured on Conta Azul's, refresh
rotation, the pair before August 2026 behind a setting."""
from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import httpx
import pytest

from sandbox.contaazul import (
    DEMO_EMAIL,
    DEMO_PASSWORD,
    OTHER_EMAIL,
    OTHER_PASSWORD,
    SandboxLoginError,
    SandboxServer,
)

SIGN_IN = "/oauth/sign-in"


def _params(sandbox, **changes) -> dict:
    settings = sandbox.settings
    params = {"response_type": "code", "client_id": settings.client_id, "redirect_uri": settings.redirect_uri,
              "state": "xyz", "scope": "openid profile aws.cognito.signin.user.admin"}
    params.update(changes)
    return params


def _ask(sandbox, action: str, **changes) -> httpx.Response:
    """What the page's script posts."""
    login = {"email": DEMO_EMAIL, "password": DEMO_PASSWORD} if action == "authorize" else {}
    return httpx.post(sandbox.url + SIGN_IN, json={"action": action, **login, **_params(sandbox, **changes)})


def _token(sandbox, auth=None, **form) -> httpx.Response:
    settings = sandbox.settings
    return httpx.post(sandbox.token_endpoint, data=form,
                      auth=auth if auth is not None else (settings.client_id, settings.client_secret))


def _exchange(sandbox, code: str, **extra) -> httpx.Response:
    return _token(sandbox, grant_type="authorization_code", code=code,
                  redirect_uri=sandbox.settings.redirect_uri, **extra)


def _back(answer: httpx.Response) -> dict:
    """The query the page sends the browser back to the app with."""
    assert answer.status_code == 200, answer.text
    location = urlparse(answer.json()["redirect_to"])
    return {name: values[0] for name, values in parse_qs(location.query).items()}


def test_the_sign_in_page_is_one_page_reading_the_fragment_in_its_script(sandbox):
    url = sandbox.authorize_url("abc")
    page = httpx.get(url)  # httpx, like a browser, never sends the fragment

    assert url.startswith(f"{sandbox.url}/#/oauth/authorize?response_type=code&")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert page.url.path == "/" and not page.url.query
    assert "location.hash" in page.text and "'/oauth/sign-in'" in page.text and "Entrar e autorizar" in page.text
    assert sandbox.settings.redirect_uri not in page.text and sandbox.settings.client_id not in page.text


def test_check_names_the_app_and_what_it_asks(sandbox):
    answer = _ask(sandbox, "check")

    assert answer.status_code == 200
    assert answer.json()["app_name"] == "Azulejo" and "Ler e criar vendas" in " ".join(answer.json()["scopes"])


def test_signing_in_sends_the_browser_back_with_code_and_state(sandbox):
    answer = _ask(sandbox, "authorize", state="abc 123")

    location = urlparse(answer.json()["redirect_to"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == sandbox.settings.redirect_uri
    back = _back(answer)
    assert back["state"] == "abc 123" and len(back["code"]) > 20
    tokens = _exchange(sandbox, back["code"])
    assert tokens.status_code == 200 and tokens.headers["cache-control"] == "no-store"
    body = tokens.json()
    assert body["token_type"] == "Bearer" and body["expires_in"] == 3600
    assert body["access_token"] != body["refresh_token"] and body["id_token"].count(".") == 2


def test_the_helper_follows_the_url_it_is_given(sandbox):
    back = sandbox.sign_in(sandbox.authorize_url("from-the-fragment"))
    cancelled = sandbox.sign_in(sandbox.authorize_url("no"), action="cancel")

    assert back["state"] == "from-the-fragment" and _exchange(sandbox, back["code"]).status_code == 200
    assert cancelled == {"error": "access_denied", "state": "no"}
    with pytest.raises(SandboxLoginError):
        sandbox.sign_in(f"{sandbox.url}/oauth2/authorize?state=x")  # the old page's shape: not this page


def test_wrong_password_is_said_on_the_page_without_redirect(sandbox):
    answer = httpx.post(sandbox.url + SIGN_IN, json={"action": "authorize", "email": DEMO_EMAIL,
                                                     "password": "errada", **_params(sandbox)})
    assert answer.status_code == 401 and answer.json() == {"message": "E-mail ou senha incorretos."}
    with pytest.raises(SandboxLoginError):
        sandbox.authorize(DEMO_EMAIL, "errada")
    assert sandbox.state.codes == {}


def test_cancel_sends_access_denied_back(sandbox):
    assert _back(_ask(sandbox, "cancel")) == {"error": "access_denied", "state": "xyz"}


@pytest.mark.parametrize("field, value", [("redirect_uri", "https://evil.example.com/callback"),
                                          ("redirect_uri", "http://127.0.0.1:5999/callback/extra"),
                                          ("client_id", "someone-else")])
def test_unregistered_client_or_redirect_uri_gets_a_message_never_a_redirect(sandbox, field, value):
    for action in ("check", "authorize", "cancel"):
        answer = _ask(sandbox, action, **{field: value})
        assert answer.status_code == 400 and "redirect_to" not in answer.json()
        assert "não" in answer.json()["message"]
    assert sandbox.state.codes == {}


def test_unsupported_response_type_is_reported_to_the_registered_redirect(sandbox):
    assert _back(_ask(sandbox, "check", response_type="token"))["error"] == "unsupported_response_type"


@pytest.mark.parametrize("body", [{"action": "steal"}, {"email": DEMO_EMAIL}])
def test_an_unknown_action_is_a_400(sandbox, body):
    answer = httpx.post(sandbox.url + SIGN_IN, json=body)
    assert answer.status_code == 400 and answer.json()["code"] == 400


def test_the_old_paths_answer_only_when_kept(sandbox):
    form = {**_params(sandbox), "email": DEMO_EMAIL, "password": DEMO_PASSWORD}
    for answer in (httpx.get(sandbox.url + "/oauth2/authorize", params=_params(sandbox)),
                   httpx.post(sandbox.url + "/login", data=form),
                   httpx.post(sandbox.url + "/oauth2/token", data={"grant_type": "refresh_token"})):
        assert answer.status_code == 404
    assert sandbox.state.codes == {}


def test_the_sign_in_before_august_2026_behind_its_setting(contaazul_settings):
    contaazul_settings.legacy_oauth_paths = True
    with SandboxServer(contaazul_settings) as sandbox:
        _the_old_round_trip(sandbox)


def _the_old_round_trip(sandbox) -> None:
    page = httpx.get(sandbox.url + "/oauth2/authorize", params=_params(sandbox))
    wrong = httpx.post(sandbox.url + "/login", data={**_params(sandbox), "email": DEMO_EMAIL, "password": "errada"})
    refused = httpx.get(sandbox.url + "/login", params=_params(sandbox, client_id="someone-else"))
    signed_in = httpx.post(sandbox.url + "/login", data={**_params(sandbox), "email": DEMO_EMAIL,
                                                         "password": DEMO_PASSWORD, "action": "authorize"})
    code = parse_qs(urlparse(signed_in.headers["location"]).query)["code"][0]
    traded = httpx.post(sandbox.url + "/oauth2/token",
                        auth=(sandbox.settings.client_id, sandbox.settings.client_secret),
                        data={"grant_type": "authorization_code", "code": code,
                              "redirect_uri": sandbox.settings.redirect_uri})

    assert page.status_code == 200 and 'action="/login"' in page.text and "Senha" in page.text
    assert wrong.status_code == 200 and "E-mail ou senha incorretos." in wrong.text
    assert refused.status_code == 400 and "Não foi possível continuar" in refused.text
    assert signed_in.status_code == 302 and traded.status_code == 200
    assert _exchange(sandbox, sandbox.authorize()).status_code == 200  # the current sign-in still works


INVALID_REQUEST = {"error": "invalid_request"}  # Conta Azul's answer to a code expired or used, measured 2026-08-28


def test_code_works_once_and_a_used_one_is_invalid_request(sandbox):
    code = sandbox.authorize(state="s")
    assert _exchange(sandbox, code).status_code == 200
    again = _exchange(sandbox, code)
    assert again.status_code == 400 and again.json() == INVALID_REQUEST


def test_code_expires_after_three_minutes(sandbox):
    fresh, stale = sandbox.authorize(), sandbox.authorize()
    sandbox.advance_clock(179)
    assert _exchange(sandbox, fresh).status_code == 200
    sandbox.advance_clock(2)
    answer = _exchange(sandbox, stale)
    assert answer.status_code == 400 and answer.json() == INVALID_REQUEST


def test_code_needs_the_same_redirect_uri(sandbox):
    code = sandbox.authorize()
    answer = _token(sandbox, grant_type="authorization_code", code=code, redirect_uri="http://127.0.0.1:1/other")
    assert answer.status_code == 400 and answer.json() == INVALID_REQUEST


def test_wrong_secret_or_unknown_client_is_invalid_client(sandbox):
    code = sandbox.authorize()
    wrong_secret = _token(
        sandbox, auth=(sandbox.settings.client_id, "wrong"), grant_type="authorization_code", code=code,
        redirect_uri=sandbox.settings.redirect_uri)
    unknown = _token(sandbox, auth=("intruder", sandbox.settings.client_secret), grant_type="refresh_token",
                     refresh_token="x")
    no_auth = httpx.post(sandbox.token_endpoint, data={"grant_type": "refresh_token", "refresh_token": "x"})
    for answer in (wrong_secret, unknown, no_auth):
        assert answer.status_code == 401 and answer.json() == {"error": "invalid_client"}


def test_a_refresh_with_our_client_but_a_wrong_secret_is_invalid_grant_with_the_subtype(sandbox):
    tokens = sandbox.obtain_tokens()
    wrong = _token(sandbox, auth=(sandbox.settings.client_id, "wrong"), grant_type="refresh_token",
                   refresh_token=tokens["refresh_token"])
    sandbox.settings.wrong_secret_on_refresh = "invalid_client"
    as_401 = _token(sandbox, auth=(sandbox.settings.client_id, "wrong"), grant_type="refresh_token",
                    refresh_token=tokens["refresh_token"])

    assert wrong.status_code == 400 and wrong.json()["error"] == "invalid_grant"
    assert wrong.json()["error_subtype"] == "invalid_client"
    assert as_401.status_code == 401 and as_401.json() == {"error": "invalid_client"}
    assert _token(sandbox, grant_type="refresh_token", refresh_token=tokens["refresh_token"]).status_code == 200


def test_a_regenerated_secret_refuses_the_old_one(sandbox):
    old = sandbox.settings.client_secret
    tokens = sandbox.obtain_tokens()
    assert httpx.post(sandbox.url + "/_sandbox/client-secret", json={"client_secret": "new-one-123"}).json() == {
        "ok": True}

    refused = _token(sandbox, auth=(sandbox.settings.client_id, old), grant_type="refresh_token",
                     refresh_token=tokens["refresh_token"])
    accepted = _token(sandbox, auth=(sandbox.settings.client_id, "new-one-123"), grant_type="refresh_token",
                      refresh_token=tokens["refresh_token"])

    assert refused.json()["error_subtype"] == "invalid_client" and accepted.status_code == 200


def test_access_revoked_by_the_company_stops_its_tokens_and_says_so_on_refresh(sandbox):
    anas, joaos = sandbox.obtain_tokens(), sandbox.obtain_tokens(OTHER_EMAIL, OTHER_PASSWORD)
    revoked = httpx.post(sandbox.url + "/_sandbox/revoke-access", json={"email": DEMO_EMAIL}).json()

    me = [httpx.get(f"{sandbox.url}/v1/pessoas/conta-conectada", headers={"Authorization": f"Bearer {t}"}).status_code
          for t in (anas["access_token"], joaos["access_token"])]
    refused = _token(sandbox, grant_type="refresh_token", refresh_token=anas["refresh_token"])

    assert revoked == {"revoked": 2} and me == [401, 200]
    assert refused.status_code == 400 and refused.json()["error"] == "invalid_grant"
    assert refused.json()["error_subtype"] == "access_revoked"
    assert anas["refresh_token"] in sandbox.issued_tokens()  # kept for the log audits
    assert _token(sandbox, grant_type="refresh_token", refresh_token=joaos["refresh_token"]).status_code == 200
    assert httpx.post(sandbox.url + "/_sandbox/revoke-access", json={"email": "x@y.z"}).status_code == 400


def test_client_credentials_may_come_in_the_form_body(sandbox):
    code = sandbox.authorize()
    settings = sandbox.settings
    answer = httpx.post(sandbox.token_endpoint, data={
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
    assert reused.status_code == 400 and reused.json()["error"] == "invalid_grant"
    assert reused.json()["error_subtype"] == "invalid_refresh_token" and reused.json()["error_description"]
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
    assert answer.json()["error_subtype"] == "invalid_refresh_token"


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
