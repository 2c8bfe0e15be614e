"""OAuth against the stand-in: our sign-in link (its query after the page's route in the fragment), the sign-in,
the code exchange, refresh rotation, and Conta Azul's refusals as measured on the live API."""
from __future__ import annotations

import html
import re
from datetime import datetime, timedelta, timezone
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from contaazul import (
    LEGACY_AUTHORIZATION_ENDPOINT,
    LEGACY_TOKEN_ENDPOINT,
    SCOPE,
    ContaAzulOAuth,
    InvalidClientError,
    InvalidGrantError,
    MemoryTokenStore,
    TokenPair,
)
from sandbox.contaazul import DEMO_EMAIL, DEMO_PASSWORD


def test_authorize_url_puts_the_query_after_the_sign_in_pages_route(oauth, contaazul_settings, contaazul_sandbox):
    url = oauth.authorize_url("st4te")
    page, route = urlsplit(url), urlsplit(url).fragment.partition("?")
    assert url.startswith(f"{contaazul_sandbox.url}/#/oauth/authorize?response_type=code&")
    assert (page.path, page.query, route[0]) == ("/", "", "/oauth/authorize")  # the server sees only "/"
    assert parse_qs(route[2]) == {
        "response_type": ["code"],
        "client_id": [contaazul_settings.client_id],
        "redirect_uri": [contaazul_settings.redirect_uri],
        "state": ["st4te"],
        "scope": [SCOPE],
    }
    assert "scope=openid+profile+aws.cognito.signin.user.admin" in route[2]


def test_the_default_endpoints_are_conta_azuls_since_august_2026():
    oauth = ContaAzulOAuth("id", "secret", "https://x/cb")
    assert oauth.authorize_url("s").startswith("https://login.contaazul.com/#/oauth/authorize?response_type=code&")
    assert oauth.token_endpoint == "https://api-v2.contaazul.com/oauth/token"
    old = ContaAzulOAuth("id", "secret", "https://x/cb", authorization_endpoint=LEGACY_AUTHORIZATION_ENDPOINT,
                         token_endpoint=LEGACY_TOKEN_ENDPOINT)
    assert old.authorize_url("s").startswith("https://auth.contaazul.com/oauth2/authorize?response_type=code&")
    assert "secret" not in repr(old) and "auth.contaazul.com/oauth2/token" in repr(old)


def test_state_is_random_and_compared_safely():
    first, second = ContaAzulOAuth.new_state(), ContaAzulOAuth.new_state()
    assert first != second and len(first) >= 32
    assert ContaAzulOAuth.state_matches(first, first)
    assert not ContaAzulOAuth.state_matches(first, second)
    assert not ContaAzulOAuth.state_matches(first, None)
    assert not ContaAzulOAuth.state_matches(None, None)
    assert not ContaAzulOAuth.state_matches("", "")


def test_round_trip_through_our_own_link(oauth, make_client, contaazul_sandbox, stats):
    state = oauth.new_state()
    callback = contaazul_sandbox.sign_in(oauth.authorize_url(state), DEMO_EMAIL, DEMO_PASSWORD)
    assert oauth.state_matches(state, callback["state"])
    pair = oauth.exchange_code(callback["code"])
    assert isinstance(pair, TokenPair)
    assert pair.expires_at > datetime.now(timezone.utc) + timedelta(minutes=50)
    company = make_client(MemoryTokenStore(pair)).company.get()
    assert company["id_empresa"] and company["razao_social"]
    assert stats["token_requests"] == 1


@pytest.mark.sandbox(legacy_oauth_paths=True)
def test_the_pair_before_august_2026_still_signs_in(contaazul_sandbox, contaazul_settings):
    """The old sign-in page takes its parameters in the query and posts a form; codes are traded at /oauth2/token."""
    oauth = ContaAzulOAuth(contaazul_settings.client_id, contaazul_settings.client_secret,
                           contaazul_settings.redirect_uri,
                           authorization_endpoint=f"{contaazul_sandbox.url}/oauth2/authorize",
                           token_endpoint=f"{contaazul_sandbox.url}/oauth2/token")
    with httpx.Client(timeout=10) as browser:
        page = browser.get(oauth.authorize_url("old"))
        form = {name: html.unescape(value) for name, value in
                re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page.text)}
        back = browser.post(f"{contaazul_sandbox.url}/login",
                            data={**form, "email": DEMO_EMAIL, "password": DEMO_PASSWORD, "action": "authorize"})
    query = parse_qs(urlsplit(back.headers["location"]).query)
    assert page.status_code == 200 and query["state"] == ["old"]
    assert oauth.exchange_code(query["code"][0]).access_token
    oauth.close()


@pytest.mark.parametrize("spoil", ["used", "expired"])
def test_a_code_used_or_expired_is_invalid_grant_though_conta_azul_says_invalid_request(
        oauth, contaazul_sandbox, spoil):
    code = contaazul_sandbox.authorize(DEMO_EMAIL, DEMO_PASSWORD, state="s")
    if spoil == "used":
        oauth.exchange_code(code)
    else:
        contaazul_sandbox.advance_clock(181)
    with pytest.raises(InvalidGrantError) as caught:
        oauth.exchange_code(code)
    assert (caught.value.status, caught.value.oauth_error) == (400, "invalid_request")
    assert not caught.value.retryable


def test_refresh_rotates_and_the_old_refresh_token_dies(oauth, connect):
    first = connect()
    second = oauth.refresh(first.refresh_token)
    assert second.access_token != first.access_token
    assert second.refresh_token != first.refresh_token
    with pytest.raises(InvalidGrantError) as caught:
        oauth.refresh(first.refresh_token)
    assert caught.value.error_subtype == "invalid_refresh_token"
    third = oauth.refresh(second.refresh_token)
    assert third.refresh_token not in (first.refresh_token, second.refresh_token)


def test_access_revoked_by_the_company_is_invalid_grant_saying_so(oauth, connect, contaazul_sandbox):
    pair = connect()
    contaazul_sandbox.revoke_access(DEMO_EMAIL)
    with pytest.raises(InvalidGrantError) as caught:
        oauth.refresh(pair.refresh_token)
    assert (caught.value.status, caught.value.error_subtype) == (400, "access_revoked")


@pytest.mark.parametrize("status", [
    pytest.param(400, marks=pytest.mark.sandbox(wrong_secret_on_refresh="invalid_grant")),
    pytest.param(401, marks=pytest.mark.sandbox(wrong_secret_on_refresh="invalid_client"))])
def test_our_client_secret_refused_on_refresh_is_invalid_client_never_invalid_grant(
        oauth, connect, contaazul_sandbox, contaazul_settings, status):
    """Conta Azul answers 400 invalid_grant with the subtype invalid_client, or 401 invalid_client."""
    pair = connect()
    contaazul_sandbox.change_client_secret("regenerated-at-conta-azul")
    with pytest.raises(InvalidClientError) as caught:
        oauth.refresh(pair.refresh_token)
    assert caught.value.status == status and not isinstance(caught.value, InvalidGrantError)
    assert contaazul_settings.client_secret not in str(caught.value) and "test-client-secret" not in str(caught.value)


def test_our_client_secret_refused_on_a_code_is_invalid_client(oauth, contaazul_sandbox):
    code = contaazul_sandbox.authorize(DEMO_EMAIL, DEMO_PASSWORD, state="s")
    contaazul_sandbox.change_client_secret("regenerated-at-conta-azul")
    with pytest.raises(InvalidClientError) as caught:
        oauth.exchange_code(code)
    assert (caught.value.status, caught.value.oauth_error) == (401, "invalid_client")
