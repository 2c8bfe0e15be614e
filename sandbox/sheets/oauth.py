"""Google's OAuth 2.0 server in miniature: consent, one-time codes, expiring tokens, revocation.

The rules are Google's, as its web-server guide describes them:
- one registered web client (`oauth_client_id`/`_secret`) with its exact redirect URIs;
- a code is short-lived, redeemable once, by the same client with the same redirect URI; a
  second try fails and revokes what the first one gave (RFC 6749 §4.1.2);
- `access_type=offline` earns a refresh token at a person's first consent to the client, and
  after that only when the consent screen was shown again (`prompt=consent`);
- access tokens expire (`expires_in`); refresh tokens do not rotate and last until revoked
  (or, like a "Testing" app's, `refresh_token_lifetime_seconds`);
- revoking a token takes the app's access away from its person: every grant they gave the client
  (refresh and access tokens alike) ends, and the next consent starts afresh.

People are e-mails: the stand-in keeps no accounts, as its sign-in certificates keep none.
"""
from __future__ import annotations

import secrets
from collections import Counter
from dataclasses import dataclass, field

from ..contaazul.world import Clock
from .identity import GoogleIdentity
from .settings import SheetsSandboxSettings

SPREADSHEETS = "https://www.googleapis.com/auth/spreadsheets"
SPREADSHEETS_READONLY = "https://www.googleapis.com/auth/spreadsheets.readonly"
DRIVE = "https://www.googleapis.com/auth/drive"
DRIVE_READONLY = "https://www.googleapis.com/auth/drive.readonly"
DRIVE_FILE = "https://www.googleapis.com/auth/drive.file"
USERINFO_EMAIL = "https://www.googleapis.com/auth/userinfo.email"
USERINFO_PROFILE = "https://www.googleapis.com/auth/userinfo.profile"
OPENID = "openid"

# What the consent screen says each scope lets the app do (Google shows them in the person's language).
SCOPE_TEXTS = {
    OPENID: "Associar você às suas informações pessoais no Google",
    USERINFO_EMAIL: "Ver o endereço de e-mail principal da sua Conta do Google",
    USERINFO_PROFILE: "Ver suas informações pessoais, inclusive as que você disponibilizou publicamente",
    SPREADSHEETS: "Ver, editar, criar e excluir todas as suas planilhas do Google Planilhas",
    SPREADSHEETS_READONLY: "Ver todas as suas planilhas do Google Planilhas",
    DRIVE: "Ver, editar, criar e excluir todos os seus arquivos do Google Drive",
    DRIVE_READONLY: "Ver e baixar todos os seus arquivos do Google Drive",
    DRIVE_FILE: "Ver, editar, criar e excluir apenas os arquivos do Google Drive que você usa com este app",
}
SHORT_NAMES = {"email": USERINFO_EMAIL, "profile": USERINFO_PROFILE}
SIGN_IN_SCOPES = frozenset({OPENID, USERINFO_EMAIL, USERINFO_PROFILE})  # always granted, never a checkbox
ACCESS_TYPES = ("online", "offline")
PROMPTS = frozenset({"none", "consent", "select_account"})
REFRESH_REFUSED = "Token has been expired or revoked."


class OAuthError(Exception):
    """An answer of the token or revocation endpoint: `{"error", "error_description"}` and a status."""

    def __init__(self, status: int, error: str, description: str = "Bad Request") -> None:
        super().__init__(error)
        self.status, self.error, self.description = status, error, description

    def body(self) -> dict[str, str]:
        return {"error": self.error, "error_description": self.description}


class AuthorizationRefused(Exception):
    """A request the authorization page refuses with Google's error page, never redirecting anywhere."""

    def __init__(self, status: int, error: str, detail: str) -> None:
        super().__init__(error)
        self.status, self.error, self.detail = status, error, detail


@dataclass
class Grant:
    """One consent of one person to the client: the scopes they allowed, and whether offline."""

    email: str
    client_id: str
    scopes: tuple[str, ...]
    offline: bool
    expires_at: float | None          # a "Testing" app's refresh token; None = until revoked
    refresh_token: str | None = None
    revoked: bool = False
    service_account: bool = False     # a program's own identity (service_accounts.py), not a consent


@dataclass
class AccessToken:
    grant: Grant
    scopes: tuple[str, ...]
    expires_at: float


@dataclass
class PendingCode:
    email: str
    client_id: str
    redirect_uri: str
    scopes: tuple[str, ...]
    offline: bool
    consent_shown: bool
    expires_at: float


@dataclass
class AuthorizationRequest:
    """The authorization page's parameters once checked."""

    client_id: str
    redirect_uri: str
    scopes: tuple[str, ...]
    state: str
    access_type: str
    prompts: frozenset[str]
    login_hint: str

    @property
    def choosable_scopes(self) -> tuple[str, ...]:
        """What the granular consent screen shows as checkboxes (sign-in scopes come with the account)."""
        return tuple(scope for scope in self.scopes if scope not in SIGN_IN_SCOPES)


@dataclass
class GoogleOAuthServer:
    """The authorization server's state; every method runs under the world's lock."""

    settings: SheetsSandboxSettings
    clock: Clock
    identity: GoogleIdentity
    codes: dict[str, PendingCode] = field(default_factory=dict)
    spent_codes: dict[str, Grant | None] = field(default_factory=dict)
    access_tokens: dict[str, AccessToken] = field(default_factory=dict)
    refresh_tokens: dict[str, Grant] = field(default_factory=dict)
    grants: list[Grant] = field(default_factory=list)
    stats: Counter = field(default_factory=Counter)

    # -- the authorization page -------------------------------------------------------------

    def check_request(self, params: dict[str, str]) -> AuthorizationRequest:
        """The request's parameters, or `AuthorizationRefused` for Google's error page."""
        client_id = params.get("client_id", "")
        if client_id != self.settings.oauth_client_id:
            raise AuthorizationRefused(401, "invalid_client", "The OAuth client was not found.")
        redirect_uri = params.get("redirect_uri", "")
        if not redirect_uri:
            raise AuthorizationRefused(400, "invalid_request", "Missing required parameter: redirect_uri")
        if redirect_uri not in self.settings.redirect_uris():
            raise AuthorizationRefused(400, "redirect_uri_mismatch",
                                       f"redirect_uri: {redirect_uri} is not registered for this client.")
        response_type = params.get("response_type", "")
        if not response_type:
            raise AuthorizationRefused(400, "invalid_request", "Required parameter is missing: response_type")
        if response_type != "code":
            raise AuthorizationRefused(400, "unsupported_response_type",
                                       f"Invalid response_type: {response_type}")
        scopes = parse_scopes(params.get("scope", ""))
        access_type = params.get("access_type") or "online"
        if access_type not in ACCESS_TYPES:
            raise AuthorizationRefused(400, "invalid_request", f"Invalid access_type: {access_type}")
        prompts = frozenset(params.get("prompt", "").split())
        if prompts - PROMPTS or ("none" in prompts and len(prompts) > 1):
            raise AuthorizationRefused(400, "invalid_request", f"Invalid prompt: {params.get('prompt')}")
        return AuthorizationRequest(client_id, redirect_uri, scopes, params.get("state", ""), access_type,
                                    prompts, params.get("login_hint", ""))

    def issue_code(self, request: AuthorizationRequest, email: str, granted: tuple[str, ...]) -> str:
        """The code for a consent `email` gave to `granted` (the sign-in scopes always come along)."""
        scopes = tuple(scope for scope in request.scopes if scope in SIGN_IN_SCOPES or scope in granted)
        code = "4/0A" + secrets.token_urlsafe(40)
        self.codes[code] = PendingCode(email.strip().lower(), request.client_id, request.redirect_uri, scopes,
                                       request.access_type == "offline", "consent" in request.prompts,
                                       self.clock.timestamp() + self.settings.code_lifetime_seconds)
        self.stats["codes_issued"] += 1
        return code

    # -- the token endpoint -----------------------------------------------------------------

    def authenticate_client(self, client_id: str, client_secret: str) -> None:
        if client_id != self.settings.oauth_client_id:
            raise OAuthError(401, "invalid_client", "The OAuth client was not found.")
        if not secrets.compare_digest(client_secret.encode(), self.settings.oauth_client_secret.encode()):
            raise OAuthError(401, "invalid_client", "Unauthorized")

    def redeem_code(self, code: str, client_id: str, redirect_uri: str) -> dict:
        """authorization_code: tokens for a fresh code; a replayed code revokes what it gave."""
        if code in self.spent_codes:
            grant = self.spent_codes[code]
            if grant is not None:
                self._revoke_grant(grant)
            raise OAuthError(400, "invalid_grant")
        pending = self.codes.pop(code, None)
        if pending is None or pending.expires_at <= self.clock.timestamp() or pending.client_id != client_id:
            raise OAuthError(400, "invalid_grant")
        if pending.redirect_uri != redirect_uri:
            self.spent_codes[code] = None
            raise OAuthError(400, "redirect_uri_mismatch")
        had_offline = any(g.offline and g.refresh_token and not g.revoked and g.email == pending.email
                          and g.client_id == client_id for g in self.grants)
        lifetime = self.settings.refresh_token_lifetime_seconds
        grant = Grant(pending.email, client_id, pending.scopes, pending.offline,
                      self.clock.timestamp() + lifetime if lifetime else None)
        self.grants.append(grant)
        self.spent_codes[code] = grant
        answer = self.issue_access(grant, grant.scopes)
        if pending.offline and (pending.consent_shown or not had_offline):
            grant.refresh_token = "1//0" + secrets.token_urlsafe(64)
            self.refresh_tokens[grant.refresh_token] = grant
            answer["refresh_token"] = grant.refresh_token
        self.stats["codes_redeemed"] += 1
        return answer

    def refresh(self, refresh_token: str, client_id: str, scope: str | None) -> dict:
        """refresh_token: a new access token of the grant (the refresh token stays the same)."""
        grant = self.refresh_tokens.get(refresh_token)
        if grant is None or grant.revoked or (grant.expires_at is not None
                                              and grant.expires_at <= self.clock.timestamp()):
            raise OAuthError(400, "invalid_grant", REFRESH_REFUSED)
        if grant.client_id != client_id:
            raise OAuthError(401, "unauthorized_client", "Unauthorized")
        scopes = grant.scopes
        if scope:
            asked = parse_scopes(scope, refusal=OAuthError(400, "invalid_scope", "Bad Request"))
            if not set(asked) <= set(grant.scopes):
                raise OAuthError(400, "invalid_scope",
                                 "Some requested scopes were invalid. {invalid=[" + ", ".join(
                                     sorted(set(asked) - set(grant.scopes))) + "]}")
            scopes = asked
        self.stats["refreshes"] += 1
        return self.issue_access(grant, scopes)

    def issue_access(self, grant: Grant, scopes: tuple[str, ...]) -> dict:
        """An access token of the grant, answered as the token endpoint does."""
        token = "ya29." + secrets.token_urlsafe(96)
        lifetime = self.settings.access_token_lifetime_seconds
        self.access_tokens[token] = AccessToken(grant, scopes, self.clock.timestamp() + lifetime)
        self.stats["access_tokens_issued"] += 1
        answer = {"access_token": token, "expires_in": lifetime, "scope": " ".join(scopes),
                  "token_type": "Bearer"}
        if OPENID in scopes:
            answer["id_token"] = self.identity.mint_id_token(grant.email, audience=grant.client_id)
        return answer

    # -- revocation -------------------------------------------------------------------------

    def revoke(self, token: str) -> None:
        """An access or refresh token: its person's access for the client goes, every grant of it."""
        access = self.access_tokens.get(token)
        grant = access.grant if access is not None else self.refresh_tokens.get(token)
        if grant is None or grant.revoked or (access is not None and not self.is_live(access)):
            raise OAuthError(400, "invalid_token", "Token expired or revoked")
        if grant.service_account:  # no consent behind it: just this token goes
            self._revoke_grant(grant)
        else:
            self.revoke_consent(grant.email, grant.client_id)

    def revoke_consent(self, email: str, client_id: str | None = None) -> int:
        """The person removed the app from their Google Account: every grant of theirs (to it) goes."""
        grants = [g for g in self.grants if g.email == email.strip().lower() and not g.revoked
                  and client_id in (None, g.client_id)]
        for grant in grants:
            self._revoke_grant(grant)
        return len(grants)

    def _revoke_grant(self, grant: Grant) -> None:
        grant.revoked = True
        self.stats["revocations"] += 1

    # -- what the APIs ask ------------------------------------------------------------------

    def issued(self, token: str) -> AccessToken | None:
        """The access token if this server issued it (live or not)."""
        return self.access_tokens.get(token)

    def is_live(self, access: AccessToken) -> bool:
        return not access.grant.revoked and access.expires_at > self.clock.timestamp()

    def expire_access_tokens(self) -> int:
        """Every access token issued so far answers 401 from now on (refresh tokens still work)."""
        now = self.clock.timestamp()
        for access in self.access_tokens.values():
            access.expires_at = min(access.expires_at, now)
        return len(self.access_tokens)

    def snapshot(self) -> dict:
        live = sum(1 for access in self.access_tokens.values() if self.is_live(access))
        return {**{name: self.stats[name] for name in ("codes_issued", "codes_redeemed", "access_tokens_issued",
                                                       "refreshes", "revocations")},
                "live_access_tokens": live, "live_grants": sum(1 for g in self.grants if not g.revoked)}


def parse_scopes(text: str, refusal: Exception | None = None) -> tuple[str, ...]:
    """Space-separated scopes in Google's long form, in order, once each; unknown ones are refused."""
    names = [SHORT_NAMES.get(name, name) for name in text.split()]
    if not names:
        raise refusal or AuthorizationRefused(400, "invalid_request", "Missing required parameter: scope")
    unknown = [name for name in names if name not in SCOPE_TEXTS]
    if unknown:
        raise refusal or AuthorizationRefused(400, "invalid_scope", "Some requested scopes were invalid. "
                                              "{invalid=[" + ", ".join(unknown) + "]}")
    return tuple(dict.fromkeys(names))
