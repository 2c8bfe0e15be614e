"""Google's OAuth 2.0 endpoints as the backend calls them: the consent link, the code exchange and
revocation. Refreshing is google-auth's own job (`google_connections.StoredUserCredentials`).

The link asks for offline access with `prompt=consent`, so Google hands out a refresh token
every time (it gives one only at a person's first consent otherwise), and for `openid email`,
so the callback knows which Google account consented.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from urllib.parse import urlencode

import httpx

from sheets_addon.config import Settings

SHEETS_SCOPE = "https://www.googleapis.com/auth/spreadsheets"
SIGN_IN_SCOPES = ("openid", "email")
CONSENT_SCOPES = (*SIGN_IN_SCOPES, SHEETS_SCOPE)
TIMEOUT_SECONDS = 30.0


class GoogleOAuthError(Exception):
    """A token or revocation call that did not succeed; `error` is Google's code, never a token."""

    def __init__(self, error: str) -> None:
        super().__init__(error)
        self.error = error


class GoogleRefused(GoogleOAuthError):
    """Google answered no (`invalid_grant`, `invalid_client`…): trying again will not help."""


class GoogleUnavailable(GoogleOAuthError):
    """Google could not be reached, or failed on its side: later may work."""


@dataclass(frozen=True, repr=False)
class GoogleGrant:
    """What the code exchange gave; only the refresh token lives on (encrypted)."""

    access_token: str
    expires_at: datetime
    scopes: tuple[str, ...]
    refresh_token: str | None
    id_token: str | None

    def __repr__(self) -> str:  # tokens stay out of logs and tracebacks
        return f"GoogleGrant(scopes={self.scopes!r}, offline={self.refresh_token is not None})"


class GoogleOAuthClient:
    """The backend's OAuth client at Google (`GOOGLE_OAUTH_*` settings)."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings

    def authorize_url(self, state: str, login_hint: str) -> str:
        """The consent page for `login_hint`'s account, offline, with the consent screen always shown."""
        return self._auth_url(state, login_hint, CONSENT_SCOPES, access_type="offline", prompt="consent")

    def sign_in_url(self, state: str, login_hint: str) -> str:
        """Google sign-in only (OpenID Connect): who the person in this browser is, nothing to keep."""
        return self._auth_url(state, login_hint, SIGN_IN_SCOPES)

    def _auth_url(self, state: str, login_hint: str, scopes: tuple[str, ...], **extra: str) -> str:
        settings = self._settings
        query = {"client_id": settings.GOOGLE_OAUTH_CLIENT_ID, "redirect_uri": settings.google_redirect_uri(),
                 "response_type": "code", "scope": " ".join(scopes), **extra, "state": state,
                 "login_hint": login_hint}
        return f"{settings.GOOGLE_OAUTH_AUTH_URI}?{urlencode(query)}"

    def exchange_code(self, code: str) -> GoogleGrant:
        answer = self._post(self._settings.GOOGLE_OAUTH_TOKEN_URI, {
            "grant_type": "authorization_code", "code": code, "redirect_uri": self._settings.google_redirect_uri(),
            "client_id": self._settings.GOOGLE_OAUTH_CLIENT_ID,
            "client_secret": self._settings.GOOGLE_OAUTH_CLIENT_SECRET})
        try:
            body = answer.json()
            return GoogleGrant(access_token=body["access_token"],
                               expires_at=datetime.now(UTC) + timedelta(seconds=int(body.get("expires_in", 0))),
                               scopes=tuple(str(body.get("scope", "")).split()),
                               refresh_token=body.get("refresh_token"), id_token=body.get("id_token"))
        except (ValueError, KeyError, TypeError):
            raise GoogleUnavailable("malformed token answer") from None

    def revoke(self, token: str) -> None:
        """Takes the app's access away from the token's person; a token Google no longer knows is done."""
        try:
            self._post(self._settings.GOOGLE_OAUTH_REVOKE_URI, {"token": token})
        except GoogleRefused as refusal:
            if refusal.error != "invalid_token":
                raise

    def _post(self, url: str, form: dict[str, str]) -> httpx.Response:
        """A form POST (secrets in the body, never in a URL a log line could show)."""
        try:
            answer = httpx.post(url, data=form, timeout=TIMEOUT_SECONDS)
        except httpx.HTTPError as error:
            raise GoogleUnavailable(type(error).__name__) from None
        if answer.status_code >= 500:
            raise GoogleUnavailable(f"status {answer.status_code}")
        if answer.status_code >= 400:
            raise GoogleRefused(_error_code(answer))
        return answer


def _error_code(answer: httpx.Response) -> str:
    try:
        error = answer.json().get("error")
    except ValueError:
        error = None
    return error if isinstance(error, str) else f"status {answer.status_code}"
