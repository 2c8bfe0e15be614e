"""OAuth grants: one-use authorization codes, expiring access tokens, rotating refresh tokens.

Tokens are random opaque strings; each belongs to exactly one company. Refusals answer as Conta
Azul's token endpoint was measured to (2026-08-28): a code expired or used is
`invalid_request`; a refresh refused is `invalid_grant` with an `error_subtype`.
"""
from __future__ import annotations

import base64
import json
import secrets

from .errors import ApiError, OAuthError
from .world import Company, World

TOKEN_EXPIRED = "The Token has expired."
TOKEN_INVALID = "Token de acesso inválido ou ausente."
SCOPE = "openid profile aws.cognito.signin.user.admin"
REFRESH_TOKEN_REFUSED = "Invalid refresh token."
ACCESS_REVOKED = "Access to this account was revoked."


def issue_code(world: World, company: Company, client_id: str, redirect_uri: str) -> str:
    """A code valid for settings.code_ttl_seconds, redeemable once, bound to client and redirect_uri."""
    code = secrets.token_urlsafe(24)
    world.codes[code] = {
        "company_id": company.id,
        "client_id": client_id,
        "redirect_uri": redirect_uri,
        "expires_at": world.clock.timestamp() + world.settings.code_ttl_seconds,
    }
    return code


def redeem_code(world: World, code: str, client_id: str, redirect_uri: str | None) -> dict:
    """Exchanges a code for tokens; the code is gone afterwards whatever the outcome. A code that
    is unknown, used, expired or another client's or redirect URI's is `invalid_request`, bare."""
    grant = world.codes.pop(code, None)
    if (grant is None or grant["expires_at"] <= world.clock.timestamp()
            or grant["client_id"] != client_id or grant["redirect_uri"] != redirect_uri):
        raise OAuthError(400, "invalid_request")
    return issue_tokens(world, world.companies[grant["company_id"]], client_id)


def refresh(world: World, refresh_token: str, client_id: str) -> dict:
    """Rotates: the refresh token used stops working and a new pair is returned. A refresh token
    unknown, spent, expired or another client's is `invalid_refresh_token`; one whose company
    took the access back, `access_revoked`."""
    grant = world.refresh_tokens.get(refresh_token)
    if grant is None or grant["client_id"] != client_id or grant["expires_at"] <= world.clock.timestamp():
        raise _refresh_refused(world, "invalid_refresh_token", REFRESH_TOKEN_REFUSED)
    if grant.get("revoked"):
        raise _refresh_refused(world, "access_revoked", ACCESS_REVOKED)
    world.spent_refresh_tokens[refresh_token] = world.refresh_tokens.pop(refresh_token)
    world.stats["token_refreshes"] += 1
    return issue_tokens(world, world.companies[grant["company_id"]], client_id)


def _refresh_refused(world: World, subtype: str, description: str) -> OAuthError:
    world.stats["refreshes_refused"] += 1
    return OAuthError(400, "invalid_grant", description, subtype)


def revoke_access(world: World, company: Company) -> int:
    """The company takes the app's access back in Conta Azul: its access tokens stop working and
    its refresh tokens answer `access_revoked` (kept, for the token audits); how many were live."""
    with world.lock:
        grants = [grant for store in (world.access_tokens, world.refresh_tokens) for grant in store.values()
                  if grant["company_id"] == company.id and not grant.get("revoked")]
        for grant in grants:
            grant["revoked"] = True
        return len(grants)


def issue_tokens(world: World, company: Company, client_id: str) -> dict:
    """A new access/refresh pair for the company, in the token endpoint's answer shape."""
    now = world.clock.timestamp()
    access, refresh_token = secrets.token_urlsafe(32), secrets.token_urlsafe(48)
    world.access_tokens[access] = {"company_id": company.id,
                                   "expires_at": now + world.settings.token_ttl_seconds}
    world.refresh_tokens[refresh_token] = {"company_id": company.id, "client_id": client_id,
                                           "expires_at": now + world.settings.refresh_token_ttl_seconds}
    return {
        "access_token": access,
        "refresh_token": refresh_token,
        "expires_in": world.settings.token_ttl_seconds,
        "token_type": "Bearer",
        "id_token": _id_token(company, client_id, now),
    }


def _id_token(company: Company, client_id: str, now: float) -> str:
    """An unsigned JWT-shaped id_token carrying who signed in (clients may ignore it)."""
    def part(data: dict) -> str:
        return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()
    claims = {"sub": company.id, "email": company.login_email, "aud": client_id,
              "iat": int(now), "exp": int(now) + 3600, "custom:empresa": company.razao_social}
    return f"{part({'alg': 'none', 'typ': 'JWT'})}.{part(claims)}."


def authenticate(world: World, authorization: str | None) -> Company:
    """The company a `Bearer` header belongs to; 401 in Conta Azul's shape otherwise."""
    scheme, _, token = (authorization or "").partition(" ")
    grant = world.access_tokens.get(token.strip()) if scheme.lower() == "bearer" else None
    challenge = {"WWW-Authenticate": "Bearer"}
    if grant is None or grant.get("revoked"):
        raise ApiError(401, TOKEN_INVALID, challenge)
    if grant["expires_at"] <= world.clock.timestamp():
        raise ApiError(401, TOKEN_EXPIRED, challenge)
    return world.companies[grant["company_id"]]


def expire_access_tokens(world: World) -> int:
    """Makes every issued access token answer 401 "expired" from now on."""
    with world.lock:
        now = world.clock.timestamp()
        for grant in world.access_tokens.values():
            grant["expires_at"] = min(grant["expires_at"], now)
        return len(world.access_tokens)
