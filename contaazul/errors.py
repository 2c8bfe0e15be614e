"""The typed error tree callers catch.

Every error says whether trying later can help (`retryable`) and whether a write may already
have happened in Conta Azul (`maybe_applied`), so the sync layer can tell "fix the row" from
"try later" from "look the record up before creating it again". Messages carry Conta Azul's own
text and the request's method and path, never headers or tokens.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any


class ContaAzulError(Exception):
    """Base of every error the client raises."""

    retryable: bool = False

    def __init__(
        self,
        message: str,
        *,
        status: int | None = None,
        method: str | None = None,
        path: str | None = None,
        retryable: bool | None = None,
        maybe_applied: bool = False,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.method = method
        self.path = path
        self.maybe_applied = maybe_applied
        self.retry_after = retry_after  # seconds Conta Azul asked us to wait, when it said
        if retryable is not None:
            self.retryable = retryable

    def __str__(self) -> str:
        where = f"{self.method} {self.path}" if self.method and self.path else None
        parts = [p for p in (where, f"HTTP {self.status}" if self.status else None) if p]
        text = f"{self.message} ({', '.join(parts)})" if parts else self.message
        if self.maybe_applied:
            text += (
                "; the request may have been applied by Conta Azul: look the record up"
                " before sending it again"
            )
        return text

    def __repr__(self) -> str:
        return f"{type(self).__name__}({str(self)!r})"


class AuthenticationError(ContaAzulError):
    """The credentials were refused (401, or the OAuth token endpoint said no).

    From the token endpoint, `oauth_error` and `error_subtype` are its own codes
    (`invalid_grant`, `access_revoked`…), for callers that tell "reconnect" from "revoked".
    """

    def __init__(self, message: str, *, oauth_error: str | None = None, error_subtype: str | None = None,
                 **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.oauth_error, self.error_subtype = oauth_error, error_subtype


class InvalidGrantError(AuthenticationError):
    """The code or refresh token is expired, used or revoked: the person connects again."""


class InvalidClientError(AuthenticationError):
    """The application's client id or secret is wrong: an operator must fix the settings,
    and no company needs to reconnect."""


class NotConnectedError(AuthenticationError):
    """The token store holds no tokens: the company was never connected (or was disconnected)."""


class PermissionDeniedError(ContaAzulError):
    """403: the connected user may not do this."""


class NotFoundError(ContaAzulError):
    """404: the record does not exist (or not in this company)."""


class ValidationError(ContaAzulError):
    """400/422: Conta Azul refused the data; `message` is its own text, to show on the row."""


class ConflictError(ContaAzulError):
    """409 or a stale `versao`: someone changed the record; read it again before updating."""


class RateLimitedError(ContaAzulError):
    """429 still standing after the retries; `retry_after` is seconds to wait, when known."""

    retryable = True


class ServerError(ContaAzulError):
    """5xx from Conta Azul."""

    retryable = True


class NetworkError(ContaAzulError):
    """No answer: connection refused, timeout, connection reset."""

    retryable = True


class ProtocolFailedError(ValidationError):
    """An asynchronous payable/receivable ended in ERROR; `message` is the protocol's reason."""

    def __init__(self, message: str, *, protocol_id: str, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.protocol_id = protocol_id


class ProtocolPendingError(ContaAzulError):
    """The protocol was still PENDING when we stopped waiting: ask again later by its id."""

    retryable = True

    def __init__(self, message: str, *, protocol_id: str, **kwargs: Any) -> None:
        super().__init__(message, maybe_applied=True, **kwargs)
        self.protocol_id = protocol_id


_STALE_VERSION = re.compile(r"vers[aã]o.*(desatualizad|diferente|inv[aá]lid|conflit|alterad)", re.I)


def error_message(body: Any, fallback: str) -> str:
    """Conta Azul's own message from any of its error shapes, verbatim."""
    if isinstance(body, dict):
        for key in ("message", "mensagem", "error_description", "detail"):
            if isinstance(body.get(key), str) and body[key].strip():
                return body[key]
        if isinstance(body.get("error"), str):
            return body["error"]
        if isinstance(body.get("errors"), list) and body["errors"]:
            return "; ".join(error_message(e, str(e)) for e in body["errors"])
    if isinstance(body, str) and body.strip():
        return body.strip()[:500]
    return fallback


def oauth_error_code(body: Any, field: str = "error") -> str | None:
    """The OAuth `error` code (`invalid_grant`, `invalid_client`…) when the body is OAuth-shaped;
    `field="error_subtype"` for Conta Azul's finer reason (`access_revoked`…)."""
    if isinstance(body, dict) and isinstance(body.get(field), str):
        return body[field]
    return None


def _oauth_error_class(body: Any, code_exchange: bool) -> type[AuthenticationError] | None:
    """Conta Azul refuses a wrong client secret on refresh as `invalid_grant` with the subtype
    `invalid_client`, and an expired or used code as `invalid_request` (both measured on the live
    API, 2026-08-28): the first is the operator's to fix, the second the person's to start over."""
    error, subtype = oauth_error_code(body), oauth_error_code(body, "error_subtype")
    if error == "invalid_client" or (error == "invalid_grant" and subtype == "invalid_client"):
        return InvalidClientError
    if error == "invalid_grant" or (code_exchange and error == "invalid_request"):
        return InvalidGrantError
    return None


def scrub(text: str, secrets: Iterable[str | None]) -> str:
    """Remove any secret an error body might echo back before it reaches a message or log."""
    for secret in secrets:
        if secret and len(secret) >= 6:
            text = text.replace(secret, "[redacted]")
    return text


def error_for_status(
    status: int,
    body: Any,
    *,
    method: str,
    path: str,
    maybe_applied: bool = False,
    retry_after: float | None = None,
    secrets: Iterable[str | None] = (),
    code_exchange: bool = False,
) -> ContaAzulError:
    """Map an HTTP error answer to the typed error a caller can act on (`code_exchange`: the token
    endpoint's answer to an authorization code)."""
    message = scrub(error_message(body, f"HTTP {status} without a message"), secrets)
    common: dict[str, Any] = {"status": status, "method": method, "path": path,
                              "retry_after": retry_after}
    refusal = _oauth_error_class(body, code_exchange)
    if refusal is not None:
        return refusal(message, oauth_error=oauth_error_code(body),
                       error_subtype=oauth_error_code(body, "error_subtype"), **common)
    if status == 429:
        return RateLimitedError(message, **common)
    if status >= 500:
        return ServerError(message, maybe_applied=maybe_applied, **common)
    return _client_error_class(status, message)(message, **common)


def _client_error_class(status: int, message: str) -> type[ContaAzulError]:
    if status == 401:
        return AuthenticationError
    if status == 403:
        return PermissionDeniedError
    if status == 404:
        return NotFoundError
    if status in (409, 412) or (status in (400, 422) and _STALE_VERSION.search(message)):
        return ConflictError
    if status in (400, 422):
        return ValidationError
    return ContaAzulError
