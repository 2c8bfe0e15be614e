"""Mapping Conta Azul's error answers, in all their shapes, to the typed tree."""
from __future__ import annotations

import pytest

from contaazul.errors import (
    AuthenticationError,
    ConflictError,
    ContaAzulError,
    InvalidClientError,
    InvalidGrantError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitedError,
    ServerError,
    ValidationError,
    error_for_status,
)

UUID_MESSAGE = ("O valor 'x' fornecido no parâmetro 'id_conta_financeira' "
                "não é um identificador (uuid) válido.")


def make(status, body, **kwargs):
    return error_for_status(status, body, method="POST", path="/v1/venda", **kwargs)


@pytest.mark.parametrize("status, body, kind, message", [
    (400, {"code": 400, "message": UUID_MESSAGE}, ValidationError, UUID_MESSAGE),
    (422, {"error": "A data de início não pode ser posterior à data de fim."}, ValidationError,
     "A data de início não pode ser posterior à data de fim."),
    (400, {"error": "invalid_grant", "error_description": "Refresh token expired"},
     InvalidGrantError, "Refresh token expired"),
    (401, {"error": "invalid_client"}, InvalidClientError, "invalid_client"),
    (401, {"code": 401, "message": "The Token has expired."}, AuthenticationError, "The Token has expired."),
    (403, {"message": "Acesso negado"}, PermissionDeniedError, "Acesso negado"),
    (404, {"code": 404, "message": "Venda não encontrada"}, NotFoundError, "Venda não encontrada"),
    (409, {"message": "conflito"}, ConflictError, "conflito"),
    (400, {"message": "A versão informada está desatualizada."}, ConflictError,
     "A versão informada está desatualizada."),
    (429, {"message": "Too many requests"}, RateLimitedError, "Too many requests"),
    (503, "Service Unavailable", ServerError, "Service Unavailable"),
    (418, None, ContaAzulError, "HTTP 418 without a message"),
])
def test_shapes_and_kinds(status, body, kind, message):
    error = make(status, body)
    assert type(error) is kind
    assert error.message == message
    assert error.status == status
    assert message in str(error) and "POST /v1/venda" in str(error)


@pytest.mark.parametrize("status, body, code_exchange, kind, subtype", [
    (400, {"error": "invalid_grant", "error_subtype": "invalid_refresh_token", "error_description": "x"}, False,
     InvalidGrantError, "invalid_refresh_token"),
    (400, {"error": "invalid_grant", "error_subtype": "access_revoked", "error_description": "x"}, False,
     InvalidGrantError, "access_revoked"),
    (400, {"error": "invalid_grant", "error_subtype": "invalid_client", "error_description": "x"}, False,
     InvalidClientError, "invalid_client"),
    (400, {"error": "invalid_request"}, True, InvalidGrantError, None),  # a code expired or used
    (400, {"error": "invalid_request"}, False, ValidationError, None),
])
def test_the_token_endpoints_refusals_as_measured_on_the_live_api(status, body, code_exchange, kind, subtype):
    error = error_for_status(status, body, method="POST", path="/oauth/token", code_exchange=code_exchange)
    assert type(error) is kind and getattr(error, "error_subtype", None) == subtype


def test_fix_the_row_versus_try_later():
    assert not make(400, {"message": "x"}).retryable
    assert not make(404, {"message": "x"}).retryable
    assert make(429, {}, retry_after=2).retryable
    assert make(429, {}, retry_after=2).retry_after == 2
    assert make(500, {}).retryable
    assert issubclass(InvalidGrantError, AuthenticationError)


def test_maybe_applied_is_said_in_the_message():
    error = make(500, {"code": 500, "message": "Ocorreu um erro inesperado no servidor."}, maybe_applied=True)
    assert error.maybe_applied
    assert "may have been applied" in str(error) and "look the record up" in str(error)


def test_secrets_echoed_by_the_server_are_scrubbed():
    error = make(401, {"message": "token abcdef123456 is bad"}, secrets=["abcdef123456"])
    assert "abcdef123456" not in str(error) and "abcdef123456" not in repr(error)
    assert "[redacted]" in error.message
