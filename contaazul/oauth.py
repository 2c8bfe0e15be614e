"""Conta Azul's OAuth 2.0 authorization-code flow: the sign-in link, the code exchange, refresh.

Since August 2026 the sign-in page is a single-page app whose route lives in the URL fragment
(`https://login.contaazul.com/#/oauth/authorize?…`, the query after the `#`) and codes are traded
on the API's host (`https://api-v2.contaazul.com/oauth/token`). Both endpoints are whole URLs, so
the older pair (`LEGACY_AUTHORIZATION_ENDPOINT`, `LEGACY_TOKEN_ENDPOINT`) still fits.

Token requests are sent once and never retried: a refresh that reached the server has already
spent the refresh token, and sending it again would only earn `invalid_grant`.
"""
from __future__ import annotations

import hmac
import secrets
import time
from typing import Any
from urllib.parse import urlencode, urlsplit

import httpx

from .errors import ContaAzulError, error_for_status
from .logs import log_event
from .network import network_error
from .tokens import TokenPair

AUTHORIZATION_ENDPOINT = "https://login.contaazul.com/#/oauth/authorize"
TOKEN_ENDPOINT = "https://api-v2.contaazul.com/oauth/token"
LEGACY_AUTHORIZATION_ENDPOINT = "https://auth.contaazul.com/oauth2/authorize"  # before August 2026
LEGACY_TOKEN_ENDPOINT = "https://auth.contaazul.com/oauth2/token"
SCOPE = "openid profile aws.cognito.signin.user.admin"


class ContaAzulOAuth:
    """The application's OAuth credentials and the calls that turn codes into tokens.

    `authorization_endpoint` is the sign-in page the person is sent to, `token_endpoint` where
    codes and refresh tokens are traded: whole URLs, Conta Azul's current ones by default.
    """

    def __init__(
        self,
        client_id: str,
        client_secret: str,
        redirect_uri: str,
        *,
        authorization_endpoint: str = AUTHORIZATION_ENDPOINT,
        token_endpoint: str = TOKEN_ENDPOINT,
        http_client: httpx.Client | None = None,
        timeout: float = 30.0,
    ) -> None:
        self.client_id = client_id
        self._client_secret = client_secret
        self.redirect_uri = redirect_uri
        self.authorization_endpoint = authorization_endpoint
        self.token_endpoint = token_endpoint
        self._token_path = urlsplit(token_endpoint).path or "/"  # what logs and errors name
        self._owns_http = http_client is None
        self._http = http_client or httpx.Client(timeout=timeout)

    def __repr__(self) -> str:
        return (f"ContaAzulOAuth(client_id={self.client_id!r}, authorization_endpoint="
                f"{self.authorization_endpoint!r}, token_endpoint={self.token_endpoint!r})")

    @property
    def secrets(self) -> tuple[str, ...]:
        """Strings that must never be shown: used to scrub error text."""
        return (self._client_secret,)

    @staticmethod
    def new_state() -> str:
        """An unguessable `state` value tying the callback to the sign-in we started."""
        return secrets.token_urlsafe(32)

    @staticmethod
    def state_matches(expected: str | None, received: str | None) -> bool:
        """Compare states in constant time; a missing state never matches."""
        if not expected or not received:
            return False
        return hmac.compare_digest(expected.encode(), received.encode())

    def authorize_url(self, state: str) -> str:
        """The Conta Azul sign-in page to send the user to.

        Joined as text: the current page's route is a fragment (`…/#/oauth/authorize`) and its
        query must follow it, where a URL library would put the query before the `#`.
        """
        query = urlencode(
            {
                "response_type": "code",
                "client_id": self.client_id,
                "redirect_uri": self.redirect_uri,
                "state": state,
                "scope": SCOPE,
            }
        )
        separator = "&" if "?" in self.authorization_endpoint else "?"
        return f"{self.authorization_endpoint}{separator}{query}"

    def exchange_code(self, code: str) -> TokenPair:
        """Trade the code from the callback (valid 3 minutes, once) for a token pair; a code
        Conta Azul refuses (expired, used) raises `InvalidGrantError`: sign in again."""
        body = self._token_request(
            {"grant_type": "authorization_code", "code": code, "redirect_uri": self.redirect_uri},
            hide=(code,),
        )
        return TokenPair.from_token_response(body)

    def refresh(self, refresh_token: str) -> TokenPair:
        """Spend a refresh token for a new pair; the old refresh token stops working.

        `InvalidGrantError` (its `error_subtype` `invalid_refresh_token` or `access_revoked`): the
        company must connect again. `InvalidClientError`: our client secret is wrong.
        """
        body = self._token_request(
            {"grant_type": "refresh_token", "refresh_token": refresh_token},
            hide=(refresh_token,),
        )
        return TokenPair.from_token_response(body, previous_refresh_token=refresh_token)

    def _token_request(self, form: dict[str, str], hide: tuple[str, ...]) -> dict[str, Any]:
        grant = form["grant_type"]
        started = time.monotonic()
        try:
            response = self._http.post(
                self.token_endpoint,
                data=form,
                auth=(self.client_id, self._client_secret),
                headers={"Accept": "application/json"},
            )
        except httpx.TransportError as exc:
            raise network_error(exc, "POST", self._token_path, idempotent=False) from None
        log_event("oauth.token", method="POST", path=self._token_path, grant=grant,
                  status=response.status_code, elapsed_ms=_elapsed_ms(started))
        body = _json_or_text(response)
        if response.is_success and isinstance(body, dict):
            return body
        raise self._token_error(response.status_code, body, hide, grant)

    def _token_error(self, status: int, body: Any, hide: tuple[str, ...], grant: str) -> ContaAzulError:
        if 200 <= status < 300:
            status = 502  # a success without a JSON object is a broken answer
        return error_for_status(status, body, method="POST", path=self._token_path,
                                maybe_applied=status >= 500, secrets=(*self.secrets, *hide),
                                code_exchange=grant == "authorization_code")

    def close(self) -> None:
        """Close the HTTP connections, unless the caller lent us its own `http_client`."""
        if self._owns_http:
            self._http.close()


def _json_or_text(response: httpx.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        return response.text


def _elapsed_ms(started: float) -> int:
    return int((time.monotonic() - started) * 1000)
