"""The API described as OpenAPI 3.1, served at /api/v1/openapi.json; a test keeps it true.

Written by hand rather than generated: it is the contract the add-on and any other client rely
on, and the test (every route described, every described route served, every response of the
test suite valid against it) catches the two drifting apart.
"""
from __future__ import annotations

from typing import Any

from flask import Blueprint, jsonify

from sheets_addon.api.auth import public

bp = Blueprint("openapi", __name__, url_prefix="/api/v1")

_ERROR_REF = {"$ref": "#/components/schemas/Error"}
_TEXT = {"type": "string"}
_NULLABLE_TEXT = {"type": ["string", "null"]}
_TIMESTAMP = {"type": "string", "format": "date-time"}


def _json(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _error(description: str) -> dict[str, Any]:
    return _json(_ERROR_REF, description)


def _html(description: str) -> dict[str, Any]:
    return {"description": description, "content": {"text/html": {"schema": _TEXT}}}


def _signed_in(summary: str, responses: dict[str, Any], **extra: Any) -> dict[str, Any]:
    """An operation behind Google sign-in: it may also answer 401 and 503 (Google unreachable)."""
    return {"summary": summary, "security": [{"googleIdToken": []}], **extra,
            "responses": {**responses, "401": _error("Missing or invalid Google ID token."),
                          "503": _error("Google's certificates cannot be fetched right now.")}}


def _object(properties: dict[str, Any]) -> dict[str, Any]:
    return {"type": "object", "required": list(properties), "properties": properties,
            "additionalProperties": False}


SCHEMAS: dict[str, Any] = {
    "Error": _object({"error": _object({"code": _TEXT, "message": _TEXT})}),
    "Health": _object({"status": {"enum": ["ok", "degraded"]}, "database": {"type": "boolean"},
                       "contaazul": {"type": "boolean"}, "contaazul_api_base_url": _TEXT}),
    "Me": _object({"id": {"type": "integer"}, "email": {"type": "string", "format": "email"},
                   "name": _NULLABLE_TEXT}),
    "ConnectLink": _object({"authorize_url": {"type": "string", "format": "uri"}, "expires_at": _TIMESTAMP}),
    "Connection": _object({
        "id": {"type": "integer"}, "company_name": _NULLABLE_TEXT, "company_document": _NULLABLE_TEXT,
        "status": {"enum": ["active", "disconnected", "needs_reconnect"]}, "status_reason": _NULLABLE_TEXT,
        "flow_count": {"type": "integer", "minimum": 0}, "connected_at": _TIMESTAMP, "updated_at": _TIMESTAMP,
    }),
    "ConnectionList": _object({"connections": {"type": "array", "items": _ref("Connection")}}),
}

PATHS: dict[str, Any] = {
    "/health": {"get": {"summary": "Service health for monitors", "responses": {
        "200": _json(_ref("Health"), "Everything reachable."),
        "503": _json(_ref("Health"), "The database or Conta Azul is unreachable.")}}},
    "/api/v1/openapi.json": {"get": {"summary": "This document", "responses": {
        "200": _json({"type": "object"}, "The OpenAPI document.")}}},
    "/api/v1/me": {"get": _signed_in("The signed-in user", {"200": _json(_ref("Me"), "Who is signed in.")})},
    "/api/v1/connections": {"get": _signed_in("The user's Conta Azul connections (never their tokens)", {
        "200": _json(_ref("ConnectionList"), "Connections, oldest first.")})},
    "/api/v1/connections/contaazul/start": {"post": _signed_in(
        "A Conta Azul sign-in link with a one-time state bound to the user", {
            "201": _json(_ref("ConnectLink"), "Open `authorize_url` in a browser before `expires_at`.")})},
    "/api/v1/connections/contaazul/callback": {"get": {
        "summary": "Where Conta Azul sends the browser back (no ID token: the state says whose it is)",
        "parameters": [{"name": name, "in": "query", "required": False, "schema": _TEXT}
                       for name in ("code", "state", "error")],
        "responses": {"200": _html("Connected: the person can close the window."),
                      "400": _html("State missing, unknown, used or expired; sign-in cancelled or code refused."),
                      "502": _html("Conta Azul did not answer.")}}},
    "/api/v1/connections/{connection_id}/disconnect": {"post": _signed_in(
        "Forget the connection's tokens and pause its flows",
        {"200": _json(_ref("Connection"), "The connection, now disconnected."),
         "404": _error("No such connection for this user.")},
        parameters=[{"name": "connection_id", "in": "path", "required": True, "schema": {"type": "integer"}}])},
}

DOCUMENT: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {"title": "Azulejo API", "version": "1",
             "description": "The backend of the Azulejo Google Sheets add-on. Errors are "
                            "`{\"error\": {\"code\", \"message\"}}` with a message in Portuguese."},
    "paths": PATHS,
    "components": {"schemas": SCHEMAS, "securitySchemes": {"googleIdToken": {
        "type": "http", "scheme": "bearer", "bearerFormat": "Google ID token (ScriptApp.getIdentityToken())"}}},
}


@bp.get("/openapi.json")
@public
def openapi_document():
    return jsonify(DOCUMENT)
