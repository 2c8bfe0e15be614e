"""Google's error shape, `{"error": {"code", "message", "status"}}`, for every failure.

Drive adds its legacy `errors` list (gspread's back-off client looks there). Nothing, not even
a bug, leaves as an HTML page or a stack trace.
"""
from __future__ import annotations

import logging

from flask import Flask, Response, current_app, jsonify, request
from werkzeug.exceptions import HTTPException, MethodNotAllowed, NotFound, RequestEntityTooLarge

from .world import EXTENSION

log = logging.getLogger(__name__)

STATUS_NAMES = {400: "INVALID_ARGUMENT", 401: "UNAUTHENTICATED", 403: "PERMISSION_DENIED", 404: "NOT_FOUND",
                409: "ABORTED", 429: "RESOURCE_EXHAUSTED", 500: "INTERNAL", 502: "UNAVAILABLE",
                503: "UNAVAILABLE", 504: "DEADLINE_EXCEEDED"}
MESSAGES = {404: "Requested entity was not found.", 500: "Internal error encountered.",
            502: "Bad Gateway", 503: "The service is currently unavailable.", 504: "Deadline exceeded."}
MAX_BODY_BYTES = 10 * 1024 * 1024


class GoogleError(Exception):
    """An API error: HTTP code, Google's message and canonical status, optional details."""

    def __init__(self, code: int, message: str | None = None, *, details: list | None = None,
                 headers: dict[str, str] | None = None, drive_reason: str | None = None, status: str | None = None):
        self.code = code
        self.status = status or STATUS_NAMES.get(code, "UNKNOWN")
        self.message = message or MESSAGES.get(code, "Unknown error.")
        super().__init__(self.message)
        self.details = details
        self.headers = headers or {}
        self.drive_reason = drive_reason

    def body(self) -> dict:
        error: dict = {"code": self.code, "message": self.message}
        if self.drive_reason:
            error["errors"] = [{"message": self.message, "domain": "global", "reason": self.drive_reason}]
        else:
            error["status"] = self.status
        if self.details:
            error["details"] = self.details
        return {"error": error}


def invalid_argument(message: str) -> GoogleError:
    return GoogleError(400, message)


def not_found(message: str | None = None) -> GoogleError:
    return GoogleError(404, message)


def _google_error(error: GoogleError) -> Response:
    response = jsonify(error.body())
    response.status_code = error.code
    response.headers.update(error.headers)
    return response


def _http_error(error: HTTPException) -> Response:
    if isinstance(error, (NotFound, MethodNotAllowed)):
        return _google_error(not_found())           # Google answers an unmapped method with 404
    if isinstance(error, RequestEntityTooLarge):
        return _google_error(invalid_argument(f"Request payload size exceeds the limit: {MAX_BODY_BYTES} bytes."))
    code = error.code or 500
    return _google_error(GoogleError(code, error.description if code < 500 else None))


def _unexpected(error: Exception) -> Response:
    """A bug: logged with its traceback for us, answered as Google's 500 for the caller."""
    log.exception("unexpected error on %s %s", request.method, request.path)
    world = current_app.extensions.get(EXTENSION)
    if world is not None:
        with world.lock:
            world.counters["unexpected_errors"] += 1
    return _google_error(GoogleError(500))


def register_error_handlers(app: Flask) -> None:
    app.register_error_handler(GoogleError, _google_error)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Exception, _unexpected)
