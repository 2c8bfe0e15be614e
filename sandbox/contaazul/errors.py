"""Conta Azul's error shapes and the handlers that make every failure answer in one of them.

Most modules answer `{"code": 400, "message": "..."}`; the contracts module answers
`{"error": "..."}` (a blueprint sets `g.error_shape`); OAuth answers `{"error": "invalid_grant"}`,
with Conta Azul's `error_subtype` when it gives one.
Nothing, not even a bug, may leave as an HTML page or a stack trace.
"""
from __future__ import annotations

import logging

from flask import Flask, Response, current_app, g, jsonify, request
from werkzeug.exceptions import HTTPException

log = logging.getLogger(__name__)

UNEXPECTED = "Ocorreu um erro inesperado no servidor. Tente novamente mais tarde."
UNAVAILABLE = "Serviço temporariamente indisponível. Tente novamente mais tarde."
HTTP_MESSAGES = {
    400: "Requisição inválida.",
    404: "Recurso não encontrado.",
    405: "Método não permitido para este recurso.",
    413: "O corpo da requisição é grande demais.",
    415: "Tipo de conteúdo não suportado.",
}


class ApiError(Exception):
    """A Conta Azul API error: an HTTP status and a Portuguese message for the caller."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}


class BadRequest(ApiError):
    """400: the request itself is wrong (missing field, bad uuid, bad enum...)."""

    def __init__(self, message: str):
        super().__init__(400, message)


class NotFound(ApiError):
    """404: the record named in the path does not exist for this company."""

    def __init__(self, message: str):
        super().__init__(404, message)


class OAuthError(Exception):
    """An OAuth token-endpoint error, answered as `{"error": code}` (and `error_subtype`,
    `error_description` when given)."""

    def __init__(self, status: int, error: str, description: str | None = None, subtype: str | None = None):
        super().__init__(error)
        self.status = status
        self.error = error
        self.description = description
        self.subtype = subtype


def error_response(status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    """Renders an error in the shape the current module uses."""
    if g.get("error_shape") == "error":
        body: dict = {"error": message}
    else:
        body = {"code": status, "message": message}
    response = jsonify(body)
    response.status_code = status
    response.headers.update(headers or {})
    return response


def _api_error(error: ApiError) -> Response:
    return error_response(error.status, error.message, error.headers)


def _oauth_error(error: OAuthError) -> Response:
    body = {"error": error.error}
    if error.subtype:
        body["error_subtype"] = error.subtype
    if error.description:
        body["error_description"] = error.description
    response = jsonify(body)
    response.status_code = error.status
    response.headers["Cache-Control"] = "no-store"
    return response


def _http_error(error: HTTPException) -> Response:
    status = error.code or 500
    message = HTTP_MESSAGES.get(status, error.name)
    headers = {"Allow": error.get_response().headers["Allow"]} if status == 405 else None
    return error_response(status, message, headers)


def _unexpected(error: Exception) -> Response:
    """A bug: logged with its traceback for us, answered in the documented 500 shape for the caller."""
    log.exception("unexpected error on %s %s", request.method, request.path)
    world = current_app.extensions.get("contaazul_sandbox")
    if world is not None:
        with world.lock:
            world.stats["unexpected_errors"] += 1
    return error_response(500, UNEXPECTED)


def register_error_handlers(app: Flask) -> None:
    """Makes every error, expected or not, answer in Conta Azul's JSON shape."""
    app.register_error_handler(ApiError, _api_error)
    app.register_error_handler(OAuthError, _oauth_error)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Exception, _unexpected)
