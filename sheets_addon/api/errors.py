"""Errors as JSON with a code and a Portuguese message: never a stack trace."""
from __future__ import annotations

import logging

from flask import Flask, jsonify
from werkzeug.exceptions import HTTPException

from contaazul import InvalidClientError
from sheets_addon.messages import CONTAAZUL_CLIENT_REFUSED, HTTP_ERROR_MESSAGES, UNEXPECTED_ERROR

log = logging.getLogger(__name__)


def register_error_handlers(app: Flask) -> None:
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(InvalidClientError, _contaazul_client_refused)
    app.register_error_handler(Exception, _unexpected_error)


def error_response(status: int, code: str, message: str, **details):
    """`details` add fields a client can act on, such as the `problems` of an invalid flow."""
    return jsonify({"error": {"code": code, "message": message, **details}}), status


def _http_error(error: HTTPException):
    """An exception may carry its own `error_code` and Portuguese `message` (request_body.InvalidJson)."""
    code = getattr(error, "error_code", None) or (error.name or "error").lower().replace(" ", "_")
    message = getattr(error, "message", None) or HTTP_ERROR_MESSAGES.get(error.code or 500, UNEXPECTED_ERROR)
    response, status = error_response(error.code or 500, code, message)
    for name, value in error.get_headers():
        if name in ("Allow", "Retry-After"):
            response.headers[name] = value
    return response, status


def _contaazul_client_refused(_error: InvalidClientError):
    """Conta Azul refused the backend's own client secret (logged for the operator where it was met):
    nothing the person can fix, and nothing paused."""
    return error_response(503, "contaazul_client_refused", CONTAAZUL_CLIENT_REFUSED)


def _unexpected_error(error: Exception):
    log.exception("unhandled error", extra={"error_type": type(error).__name__})
    return error_response(500, "internal_error", UNEXPECTED_ERROR)
