"""Conta Azul's OAuth 2.0 authorization-code flow: the sign-in link, the code exchange, refresh.

Token requests are sent once and never retried: a refresh that reached the server has already
spent the refresh token, and sending it again would only earn `invalid_grant`.
"""
from __future__ import annotations

import hmac
import secrets
import time
from typing import Any
from urllib.parse import urlencode

import httpx

from .errors import ContaAzulError, error_for_status
from .logs import log_event
from .network import network_error
from .tokens import TokenPair

DEFAULT_AUTH_BASE_URL = "https://auth.contaazul.com"
SCOPE = "openid profile aws.cognito.signin.user.admin"
TOKEN_PATH = "/oauth2/token"


class ContaAzulOAuth:
    """The application's OAuth credentials and the calls that turn codes into tokens."""

    def __init__(
        self,
        client_id: str,
        client_secret: str,
        redirect_uri: str,
        *,
        auth_base_url: str = DEFAULT_AUTH_BASE_URL,
        http_client: httpx.Client | None = None,
        timeout: float = 30.0,
    ) -> None:
        self.client_id = client_id
        self._client_secret = client_secret
        self.redirect_uri = redirect_uri
        self.auth_base_url = auth_base_url.rstrip("/")
        self._owns_http = http_client is None
        self._http = http_client or httpx.Client(timeout=timeout)

    def __repr__(self) -> str:
        return f"ContaAzulOAuth(client_id={self.client_id!r}, auth_base_url={self.auth_base_url!r})"

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
        """The Conta Azul sign-in page to send the user to."""
        query = urlencode(
            {
                "response_type": "code",
                "client_id": self.client_id,
                "redirect_uri": self.redirect_uri,
                "state": state,
                "scope": SCOPE,
            }
        )
        return f"{self.auth_base_url}/oauth2/authorize?{query}"

    def exchange_code(self, code: str) -> TokenPair:
        """Trade the code from the callback (valid 3 minutes, once) for a token pair."""
        body = self._token_request(
            {"grant_type": "authorization_code", "code": code, "redirect_uri": self.redirect_uri},
            hide=(code,),
        )
        return TokenPair.from_token_response(body)

    def refresh(self, refresh_token: str) -> TokenPair:
        """Spend a refresh token for a new pair; the old refresh token stops working."""
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
                self.auth_base_url + TOKEN_PATH,
                data=form,
                auth=(self.client_id, self._client_secret),
                headers={"Accept": "application/json"},
            )
        except httpx.TransportError as exc:
            raise network_error(exc, "POST", TOKEN_PATH, idempotent=False) from None
        log_event("oauth.token", method="POST", path=TOKEN_PATH, grant=grant,
                  status=response.status_code, elapsed_ms=_elapsed_ms(started))
        body = _json_or_text(response)
        if response.is_success and isinstance(body, dict):
            return body
        raise self._token_error(response.status_code, body, hide)

    def _token_error(self, status: int, body: Any, hide: tuple[str, ...]) -> ContaAzulError:
        if 200 <= status < 300:
            status = 502  # a success without a JSON object is a broken answer
        return error_for_status(status, body, method="POST", path=TOKEN_PATH,
                                maybe_applied=status >= 500,
                                secrets=(*self.secrets, *hide))

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
