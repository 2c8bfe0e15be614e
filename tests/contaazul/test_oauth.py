"""OAuth against the stand-in: our sign-in link, the form, the code exchange, refresh rotation."""
from __future__ import annotations

import html
import re
from datetime import datetime, timedelta, timezone
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from contaazul import SCOPE, ContaAzulOAuth, InvalidClientError, InvalidGrantError, TokenPair
from sandbox.contaazul import DEMO_EMAIL, DEMO_PASSWORD


def sign_in(authorize_url: str, email: str, password: str) -> dict[str, str]:
    """What a person does in the browser: open our link, fill the form, follow the redirect."""
    with httpx.Client(timeout=10) as browser:
        page = browser.get(authorize_url)
        assert page.status_code == 200, page.text
        hidden = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page.text))
        form = {k: html.unescape(v) for k, v in hidden.items()}
        form.update(email=email, password=password, action="authorize")
        origin = "{0.scheme}://{0.netloc}".format(urlsplit(authorize_url))
        answer = browser.post(origin + "/login", data=form)
    assert answer.status_code == 302, answer.text
    return {k: v[0] for k, v in parse_qs(urlsplit(answer.headers["location"]).query).items()}


def test_authorize_url_carries_the_fixed_scope(oauth, contaazul_settings):
    url = urlsplit(oauth.authorize_url("st4te"))
    assert url.path == "/oauth2/authorize"
    query = parse_qs(url.query)
    assert query == {
        "response_type": ["code"],
        "client_id": [contaazul_settings.client_id],
        "redirect_uri": [contaazul_settings.redirect_uri],
        "state": ["st4te"],
        "scope": [SCOPE],
    }
    assert "scope=openid+profile+aws.cognito.signin.user.admin" in url.query


def test_default_auth_host():
    assert ContaAzulOAuth("id", "secret", "https://x/cb").authorize_url("s").startswith(
        "https://auth.contaazul.com/oauth2/authorize?")


def test_state_is_random_and_compared_safely():
    first, second = ContaAzulOAuth.new_state(), ContaAzulOAuth.new_state()
    assert first != second and len(first) >= 32
    assert ContaAzulOAuth.state_matches(first, first)
    assert not ContaAzulOAuth.state_matches(first, second)
    assert not ContaAzulOAuth.state_matches(first, None)
    assert not ContaAzulOAuth.state_matches(None, None)
    assert not ContaAzulOAuth.state_matches("", "")


def test_round_trip_through_our_own_link(oauth, make_client):
    from contaazul import MemoryTokenStore

    state = oauth.new_state()
    callback = sign_in(oauth.authorize_url(state), DEMO_EMAIL, DEMO_PASSWORD)
    assert oauth.state_matches(state, callback["state"])
    pair = oauth.exchange_code(callback["code"])
    assert isinstance(pair, TokenPair)
    assert pair.expires_at > datetime.now(timezone.utc) + timedelta(minutes=50)
    company = make_client(MemoryTokenStore(pair)).company.get()
    assert company["id_empresa"] and company["razao_social"]


def test_a_code_works_once(oauth, contaazul_sandbox):
    code = contaazul_sandbox.authorize(DEMO_EMAIL, DEMO_PASSWORD, state="s")
    oauth.exchange_code(code)
    with pytest.raises(InvalidGrantError) as caught:
        oauth.exchange_code(code)
    assert caught.value.status == 400 and not caught.value.retryable


def test_an_expired_code_is_refused(oauth, contaazul_sandbox):
    code = contaazul_sandbox.authorize(DEMO_EMAIL, DEMO_PASSWORD, state="s")
    contaazul_sandbox.advance_clock(181)
    with pytest.raises(InvalidGrantError):
        oauth.exchange_code(code)


def test_refresh_rotates_and_the_old_refresh_token_dies(oauth, connect):
    first = connect()
    second = oauth.refresh(first.refresh_token)
    assert second.access_token != first.access_token
    assert second.refresh_token != first.refresh_token
    with pytest.raises(InvalidGrantError):
        oauth.refresh(first.refresh_token)
    third = oauth.refresh(second.refresh_token)
    assert third.refresh_token not in (first.refresh_token, second.refresh_token)


def test_wrong_client_secret_is_invalid_client(contaazul_sandbox, contaazul_settings, connect):
    pair = connect()
    wrong = ContaAzulOAuth(contaazul_settings.client_id, "not-the-secret", contaazul_settings.redirect_uri,
                           auth_base_url=contaazul_sandbox.url)
    with pytest.raises(InvalidClientError) as caught:
        wrong.refresh(pair.refresh_token)
    assert caught.value.status == 401
    wrong.close()
