"""Every /api/v1 call proves who it is with a Google ID token, verified by google-auth."""
from __future__ import annotations

import pytest

from sheets_addon.models import User


def test_a_valid_token_signs_in_and_creates_the_user_once(api, signed_in, api_app):
    first = api.get("/api/v1/me", headers=signed_in("Ana@PadariaAurora.com.br", name="Ana"))
    again = api.get("/api/v1/me", headers=signed_in("ana@padariaaurora.com.br"))

    assert first.status_code == 200 and first.json["email"] == "ana@padariaaurora.com.br"
    assert first.json["name"] == "Ana" and again.json["id"] == first.json["id"]
    from sheets_addon.db import get_session
    assert get_session().query(User).count() == 1


@pytest.mark.parametrize("claims, code", [
    ({"expired": True}, "token_expired"),
    ({"audience": "someone-else.apps.googleusercontent.com"}, "invalid_token"),
    ({"issuer": "https://accounts.example.com"}, "invalid_token"),
    ({"email_verified": False}, "email_not_verified"),
    ({"forged": True}, "invalid_token"),
], ids=["expired", "wrong-audience", "wrong-issuer", "unverified-email", "forged"])
def test_a_token_that_proves_nothing_is_refused_with_a_json_401(api, signed_in, claims, code):
    answer = api.get("/api/v1/me", headers=signed_in(**claims))

    assert answer.status_code == 401
    assert answer.json["error"]["code"] == code and answer.json["error"]["message"]
    assert answer.headers["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize("header", [None, "Bearer ", "Basic YW5hOnNlbmhh", "Bearer not.a.jwt", "Bearer a.b.c"])
def test_missing_or_garbage_credentials_are_refused(api, header):
    answer = api.get("/api/v1/connections", headers={"Authorization": header} if header else {})

    assert answer.status_code == 401 and answer.json["error"]["code"] in {"missing_token", "invalid_token"}


def test_both_google_issuer_spellings_are_accepted(api, signed_in):
    assert api.get("/api/v1/me", headers=signed_in(issuer="accounts.google.com")).status_code == 200


def test_an_operator_created_user_is_bound_at_first_sign_in(api, signed_in):
    from sheets_addon.db import get_session
    from sheets_addon.flows.store import find_or_create_user
    session = get_session()
    operator_made = find_or_create_user(session, "joao@oficinaipe.com.br")
    session.commit()

    me = api.get("/api/v1/me", headers=signed_in("joao@oficinaipe.com.br", sub="1001"))
    other_account = api.get("/api/v1/me", headers=signed_in("joao@oficinaipe.com.br", sub="2002"))

    assert me.json["id"] == operator_made.id
    assert other_account.status_code == 401 and other_account.json["error"]["code"] == "account_conflict"


def test_certificates_are_fetched_once_and_reused(api, signed_in, sheets_sandbox, monkeypatch):
    import httpx
    fetches = []
    real_get = httpx.get
    monkeypatch.setattr(httpx, "get", lambda url, **kw: fetches.append(url) or real_get(url, **kw))

    for _ in range(3):
        assert api.get("/api/v1/me", headers=signed_in()).status_code == 200

    assert fetches == [sheets_sandbox.certs_url]


def test_unreachable_certificates_answer_503_not_a_crash(tmp_path, contaazul_sandbox, sheets_sandbox, unused_port,
                                                         signed_in):
    from app import create_app
    from tests import wiring
    from tests.api.openapi_check import OpenApiCheckingClient
    config = wiring.backend_config(tmp_path / "a.db", contaazul_sandbox, sheets_sandbox)
    app = create_app({**config, "GOOGLE_CERTS_URL": f"http://127.0.0.1:{unused_port}/oauth2/v1/certs"})

    answer = OpenApiCheckingClient(app).get("/api/v1/me", headers=signed_in())

    assert answer.status_code == 503 and answer.json["error"]["code"] == "sign_in_unavailable"
