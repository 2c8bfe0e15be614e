"""The stand-in's Google sign-in: its tokens verify with google-auth against its certificates."""
from __future__ import annotations

import httpx
import pytest
from google.auth import jwt

AUDIENCE = "azulejo-sandbox.apps.googleusercontent.com"


def test_minted_tokens_verify_against_the_served_certificates(sheets_sandbox):
    answer = httpx.get(sheets_sandbox.certs_url)
    token = sheets_sandbox.mint_id_token("Ana@PadariaAurora.com.br", name="Ana")

    claims = jwt.decode(token, certs=answer.json(), audience=AUDIENCE)

    assert "max-age=" in answer.headers["Cache-Control"]
    assert all(pem.startswith("-----BEGIN CERTIFICATE-----") for pem in answer.json().values())
    assert claims["iss"] == "https://accounts.google.com" and claims["email_verified"] is True
    assert claims["sub"] == jwt.decode(sheets_sandbox.mint_id_token("ana@padariaaurora.com.br"),
                                       verify=False)["sub"]


@pytest.mark.parametrize("knobs, refusal", [({"expired": True}, "expired"), ({"forged": True}, "signature")])
def test_expired_and_forged_tokens_do_not_verify(sheets_sandbox, knobs, refusal):
    certs = httpx.get(sheets_sandbox.certs_url).json()
    with pytest.raises(ValueError, match=f"(?i){refusal}"):
        jwt.decode(sheets_sandbox.mint_id_token("ana@padariaaurora.com.br", **knobs), certs=certs, audience=AUDIENCE)


def test_the_http_control_mints_with_the_claims_asked_for(sheets_sandbox):
    answer = httpx.post(f"{sheets_sandbox.url}/_sandbox/id-token",
                        json={"email": "joao@oficinaipe.com.br", "sub": "42", "audience": "other",
                              "issuer": "accounts.google.com", "email_verified": False})
    claims = jwt.decode(answer.json()["id_token"], verify=False)

    assert (claims["sub"], claims["aud"], claims["iss"], claims["email_verified"]) == (
        "42", "other", "accounts.google.com", False)
    assert httpx.post(f"{sheets_sandbox.url}/_sandbox/id-token", json={"mail": "x"}).status_code == 400
