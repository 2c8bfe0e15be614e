"""The API described as OpenAPI 3.1, served at /api/v1/openapi.json; a test keeps it true.

Written by hand rather than generated: it is the contract the add-on and any other client rely
on, and the test (every route described, every described route served, every response of the
test suite valid against it) catches the two drifting apart.
"""
from __future__ import annotations

from typing import Any

from flask import Blueprint, jsonify

from sheets_addon.api.auth import public
from sheets_addon.api.hooks import MAX_NUDGED_ROWS, MAX_ROW_NUMBER
from sheets_addon.api.request_body import MAX_JSON_DEPTH
from sheets_addon.config import Settings
from sheets_addon.flows.catalog import CATALOG_KINDS
from sheets_addon.flows.spec import FLOW_KINDS

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


def _flow_operation(summary: str, responses: dict[str, Any], extra_parameters: tuple | list = (),
                    **extra: Any) -> dict[str, Any]:
    """An operation on one of the user's flows: someone else's answers 404."""
    return _signed_in(summary, {**responses, "404": _error("No such flow for this user.")},
                      parameters=[{"name": "flow_id", "in": "path", "required": True, "schema": {"type": "integer"}},
                                  *extra_parameters], **extra)


_ACCESS_REFUSED = ("The user has not shown lately that they can edit the spreadsheet "
                   "(`spreadsheet_access_unproven`: their add-on proves it), or Google said they cannot "
                   "(`spreadsheet_not_editable`).")
_SHEET_ERRORS = {"403": _error("The Google account used (the user's own, or the backend's) cannot open the sheet; "
                               + _ACCESS_REFUSED),
                 "503": _error("Google Sheets or Google sign-in is unreachable right now; Google's Sheets quota "
                               "for this minute is spent (`sheets_quota_exhausted`, answered at once with "
                               "Retry-After); or Google refused the backend's own service account "
                               "(`google_service_account_refused`: the operator's to mend).")}
_RUN_ERRORS = {**_SHEET_ERRORS, "503": _error(
    "Google Sheets or Google sign-in is unreachable right now; Google's Sheets quota for this minute is spent "
    "(`sheets_quota_exhausted`, answered at once with Retry-After); Google refused the backend's own service "
    "account (`google_service_account_refused`), or Conta Azul refused the backend's client credentials "
    "(`contaazul_client_refused`): the last two are the operator's to mend.")}
_SPREADSHEET_ID = {"name": "spreadsheet_id", "in": "path", "required": True,
                   "schema": {"type": "string", "pattern": "^[A-Za-z0-9_-]{1,200}$"}}
_KIND = {"name": "kind", "in": "path", "required": True, "schema": {"enum": list(CATALOG_KINDS)}}
_FLOW_TEXT = {"type": "string", "pattern": r"\S", "maxLength": 200}  # FlowSpec: not blank, at most 200
_CATALOG_ANSWERS = {"200": _json(_ref("Catalog"), "Fields in sidebar order and `suggested` {field: header}."),
                    "404": _error("Unknown kind."), "422": _error("`headers` is not a list of texts.")}

_PAGING = {"page": {"type": "integer", "minimum": 1}, "per_page": {"type": "integer", "minimum": 1, "maximum": 100},
           "total": {"type": "integer", "minimum": 0}}
_PAGE_PARAMETERS = [{"name": "page", "in": "query", "required": False, "schema": {"type": "integer", "minimum": 1}},
                    {"name": "per_page", "in": "query", "required": False,
                     "schema": {"type": "integer", "minimum": 1, "maximum": 100}}]

SCHEMAS: dict[str, Any] = {
    "Error": _object({"error": _object({"code": _TEXT, "message": _TEXT})}),
    "Health": _object({"status": {"enum": ["ok", "degraded"]}}),  # which part is down: the operators' log
    "Me": _object({"id": {"type": "integer"}, "email": {"type": "string", "format": "email"},
                   "name": _NULLABLE_TEXT, "google_access": _ref("GoogleAccess")}),
    # How the backend reaches the user's sheets: as them (`user`, their own consent), or as its own
    # service account (`service_account`), or neither (`none`); `share_with` is whom to share sheets with.
    "GoogleAccess": _object({
        "mode": {"enum": ["user", "service_account", "none"]}, "share_with": _NULLABLE_TEXT,
        "service_account_email": _NULLABLE_TEXT, "consent_available": {"type": "boolean"},
        "connection": {"anyOf": [{"type": "null"}, _ref("GoogleConnection")]}}),
    "GoogleConnection": _object({
        "google_email": {"type": "string", "format": "email"}, "scopes": {"type": "array", "items": _TEXT},
        "status": {"enum": ["active", "needs_reconnect"]}, "status_reason": _NULLABLE_TEXT,
        "connected_at": _TIMESTAMP, "updated_at": _TIMESTAMP}),
    "GoogleDisconnected": _object({"revoked_at_google": {"type": "boolean"}, "google_access": _ref("GoogleAccess")}),
    "ConnectLink": _object({"authorize_url": {"type": "string", "format": "uri"}, "expires_at": _TIMESTAMP}),
    "Connection": _object({
        "id": {"type": "integer"}, "company_name": _NULLABLE_TEXT, "company_document": _NULLABLE_TEXT,
        "status": {"enum": ["active", "disconnected", "needs_reconnect"]}, "status_reason": _NULLABLE_TEXT,
        "flow_count": {"type": "integer", "minimum": 0}, "connected_at": _TIMESTAMP, "updated_at": _TIMESTAMP,
    }),
    "ConnectionList": _object({"connections": {"type": "array", "items": _ref("Connection")}}),
    "InvalidFlow": _object({"error": _object({"code": _TEXT, "message": _TEXT,
                                              "problems": {"type": "array", "items": _TEXT}})}),
    # A flow as written (the `flows import` entry) plus `connection_id`; FlowSpec checks the rest.
    "FlowInput": {"type": "object", "required": ["name", "kind", "spreadsheet_id", "worksheet"], "properties": {
        "connection_id": {"type": "integer"}, "name": _FLOW_TEXT, "kind": {"enum": list(FLOW_KINDS)},
        "spreadsheet_id": _FLOW_TEXT, "worksheet": _FLOW_TEXT, "trigger_column": _FLOW_TEXT,
        "status_column": _FLOW_TEXT,
        "mapping": {"type": "object", "additionalProperties": _TEXT}, "filters": {"type": "array"},
        "columns": {"type": "array"}, "options": {"type": "object"}, "enabled": {"type": "boolean"}}},
    "Flow": {"type": "object", "required": ["id", "connection_id", "name", "kind", "spreadsheet_id", "worksheet",
                                            "filters", "options", "enabled", "paused_by", "paused_reason",
                                            "created_at", "updated_at"], "properties": {
        "id": {"type": "integer"}, "connection_id": {"type": ["integer", "null"]}, "name": _TEXT, "kind": _TEXT,
        "spreadsheet_id": _TEXT, "worksheet": _TEXT, "trigger_column": _TEXT, "status_column": _TEXT,
        "mapping": {"type": "object", "additionalProperties": _TEXT}, "filters": {"type": "array"},
        "columns": {"type": "array"}, "options": {"type": "object"}, "enabled": {"type": "boolean"},
        "paused_by": {"enum": [None, "connection", "google", "spreadsheet_access"]},
        "paused_reason": _NULLABLE_TEXT, "created_at": _TIMESTAMP, "updated_at": _TIMESTAMP},
        "additionalProperties": False},
    "FlowList": _object({"flows": {"type": "array", "items": _ref("Flow")}}),
    "FlowDeleted": _object({"id": {"type": "integer"}, "deleted": {"const": True}}),
    "FlowDocument": _object({"version": {"type": "integer"}, "flows": {"type": "array", "items": {
        "type": "object", "required": ["id", "owner", "name", "kind"]}}}),
    "CatalogField": {"type": "object", "required": ["key", "label", "type", "required", "help"], "properties": {
        "key": _TEXT, "label": _TEXT, "type": _TEXT, "required": {"type": "boolean"}, "help": _TEXT}},
    "Catalog": _object({"kind": _TEXT, "fields": {"type": "array", "items": _ref("CatalogField")},
                        "suggested": {"type": "object", "additionalProperties": _TEXT}}),
    "CatalogRequest": {"type": "object", "properties": {
        "headers": {"type": "array", "items": _TEXT}, "trigger_column": _TEXT, "status_column": _TEXT}},
    # A person's proof that they can edit a spreadsheet (see the README's "Security model").
    "SpreadsheetAccess": _object({"spreadsheet_id": _TEXT, "proved": {"type": "boolean"},
                                  "proved_at": {"anyOf": [{"type": "null"}, _TIMESTAMP]},
                                  "expires_at": {"anyOf": [{"type": "null"}, _TIMESTAMP]},
                                  "method": {"enum": [None, "add_on", "own_google"]},
                                  "refused_reason": _NULLABLE_TEXT}),
    "AccessChallenge": _object({"spreadsheet_id": _TEXT, "key": _TEXT, "value": _TEXT, "visibility": {"const": "DOCUMENT"},
                                "expires_at": _TIMESTAMP, "write": {"type": "boolean"}}),
    "Spreadsheet": _object({"id": _TEXT, "title": _TEXT, "tabs": {"type": "array", "items": _object({
        "title": _TEXT, "headers": {"type": "array", "items": _TEXT}})}}),
    # A cycle's counts (sheet → Conta Azul) or a poll's (sales log); `problem` stops the flow.
    "RunReport": {"type": "object", "required": ["flow_id", "dry_run", "problem"], "properties": {
        "flow_id": {"type": "integer"}, "dry_run": {"type": "boolean"}, "problem": _NULLABLE_TEXT},
        "additionalProperties": {"type": ["integer", "boolean", "string", "null"]}},
    "Run": _object({"id": {"type": "integer"}, "flow_id": {"type": "integer"},
                    "trigger": {"enum": ["schedule", "nudge", "manual"]}, "started_at": _TIMESTAMP,
                    "finished_at": _TIMESTAMP, "duration_ms": {"type": "integer", "minimum": 0},
                    "counts": {"type": "object", "additionalProperties": {"type": "integer"}},
                    "problem": _NULLABLE_TEXT}),
    "RunList": _object({"runs": {"type": "array", "items": _ref("Run")}, **_PAGING}),
    # What a flow did with one row: sheet → Conta Azul from its ledger; a sales log's rows from its own
    # (`contaazul_id`/`contaazul_number` are then the sale's, `status` says it in words).
    "RowOutcome": _object({
        "row": {"type": ["integer", "null"], "minimum": 1}, "state": {"enum": ["failed", "done", "pending"]},
        "contaazul_id": _NULLABLE_TEXT, "contaazul_number": {"type": ["integer", "null"]},
        "status": _NULLABLE_TEXT, "retryable": {"type": "boolean"}, "updated_at": _TIMESTAMP}),
    "RowOutcomeList": _object({"rows": {"type": "array", "items": _ref("RowOutcome")}, **_PAGING}),
    "ActivityDay": _object({"date": {"type": "string", "format": "date"},
                            **{name: {"type": "integer", "minimum": 0}
                               for name in ("sent", "errors", "runs", "problems")}}),
    "Activity": _object({"days": {"type": "array", "items": _ref("ActivityDay")}}),
    "Nudge": {"type": "object", "required": ["spreadsheet_id", "sheet"], "properties": {
        "spreadsheet_id": {"type": "string", "minLength": 1}, "sheet": {"type": "string", "minLength": 1},
        "rows": {"type": "array", "maxItems": MAX_NUDGED_ROWS,
                 "items": {"type": "integer", "minimum": 1, "maximum": MAX_ROW_NUMBER}}}},
    "Nudged": _object({"nudged": {"type": "array", "items": {"type": "integer"}}}),
    "Preview": {"type": "object", "required": ["flow_id", "dry_run", "problem", "rows"], "properties": {
        "flow_id": {"type": "integer"}, "dry_run": {"const": True}, "problem": _NULLABLE_TEXT,
        "rows": {"type": "array", "items": {"anyOf": [
            _object({"row": {"type": "integer"}, "status": _TEXT, "payload": {"type": ["object", "null"]},
                     "planned": {"type": "array", "items": _TEXT}}),
            _object({"values": {"type": "array"}})]}}}},
}

_FLOW_BODY = {"required": True, "content": {"application/json": {"schema": _ref("FlowInput"), "example": {
    "connection_id": 1, "name": "Vendas do balcão", "kind": "sale",
    "spreadsheet_id": "1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789", "worksheet": "Vendas", "trigger_column": "Enviar?",
    "mapping": {"order_key": "Pedido", "client_name": "Cliente", "client_document": "CPF/CNPJ", "sale_date": "Data",
                "item_code": "Código", "quantity": "Qtd", "unit_price": "Preço", "payment_type": "Pagamento",
                "payment_condition": "Condição", "category": "Categoria"},
    "options": {"poll_interval_seconds": 300}}}}}

def _limited(setting: str) -> dict[str, Any]:
    """A per-person limit a minute (`api.rate_limit.per_user`)."""
    return _error(f"Too many of these calls from this user this minute ({setting}); see Retry-After.")


_CALLBACKS_LIMITED = _error("Too many calls from this address this minute (OAUTH_CALLBACKS_PER_MINUTE, the begin "
                            "page and both callbacks together); see Retry-After.")
_OTHER_BROWSER = _html("The state came back in another browser than the one that opened its link, or (Conta Azul) "
                       "its person was not checked: refused before any code is traded, the state spent.")
_START_LINK = _json(_ref("ConnectLink"), "Open `authorize_url` (the begin page) in a browser before `expires_at`; "
                    "the person's oldest unused link goes beyond OAUTH_STATES_PER_USER.")

PATHS: dict[str, Any] = {
    "/health": {"get": {"summary": "Service health for monitors: up or down only (Conta Azul checked at most "
                               "once per HEALTH_CACHE_SECONDS per process)", "responses": {
        "200": _json(_ref("Health"), "Everything reachable."),
        "503": _json(_ref("Health"), "The database or Conta Azul is unreachable.")}}},
    "/api/v1/openapi.json": {"get": {"summary": "This document", "responses": {
        "200": _json({"type": "object"}, "The OpenAPI document.")}}},
    "/api/v1/me": {"get": _signed_in("The signed-in user", {"200": _json(_ref("Me"), "Who is signed in.")})},
    "/api/v1/connections": {"get": _signed_in("The user's Conta Azul connections (never their tokens)", {
        "200": _json(_ref("ConnectionList"), "Connections, oldest first.")})},
    "/api/v1/connections/contaazul/start": {"post": _signed_in(
        "A link to connect a Conta Azul company (the begin page) with a one-time state bound to the user",
        {"201": _START_LINK, "429": _limited("CONNECT_STARTS_PER_MINUTE, both starts together")})},
    "/api/v1/connections/begin": {
        "get": {
            "summary": "Where a connect link sends the browser first (no ID token): binds the state to the first "
                       "browser that opens it (an HttpOnly cookie), then on to Google's consent (a Google connect), "
                       "Google sign-in as the link's person or a confirmation naming the account (a Conta Azul "
                       "connect), or Conta Azul once checked",
            "parameters": [{"name": "state", "in": "query", "required": False, "schema": _TEXT}],
            "responses": {"200": _html("The confirmation: the Azulejo account the company would be connected to, "
                                       "Continuar and Cancelar (only without a Google web client)."),
                          "303": _html("On to Google's consent, Google sign-in or Conta Azul."),
                          "400": _html("State missing, unknown, used or expired."),
                          "403": _html("Another browser opened this link first: nothing is bound."),
                          "429": _CALLBACKS_LIMITED}},
        "post": {
            "summary": "The confirmation's answer: Continuar (on to Conta Azul) or Cancelar (the state is spent)",
            "requestBody": {"required": True, "content": {"application/x-www-form-urlencoded": {"schema": {
                "type": "object", "properties": {"state": _TEXT, "action": {"enum": ["continue", "cancel"]}}}}}},
            "responses": {"200": _html("Cancelled: nothing is connected."),
                          "303": _html("Confirmed: on to Conta Azul's sign-in."),
                          "400": _html("No state awaiting a confirmation (unknown, used, expired, a Google "
                                       "connect's, or this backend checks the person with Google sign-in)."),
                          "403": _html("Not the browser that opened the link."),
                          "429": _CALLBACKS_LIMITED}}},
    "/api/v1/connections/contaazul/callback": {"get": {
        "summary": "Where Conta Azul sends the browser back (no ID token: the state and the begin page's cookie "
                   "say whose it is)",
        "parameters": [{"name": name, "in": "query", "required": False, "schema": _TEXT}
                       for name in ("code", "state", "error")],
        "responses": {"200": _html("Connected: the page names the company and the Azulejo account."),
                      "400": _html("State missing, unknown, used or expired; sign-in cancelled or code refused "
                                   "(expired or used: start connecting again)."),
                      "403": _OTHER_BROWSER,
                      "429": _CALLBACKS_LIMITED,
                      "502": _html("Conta Azul did not answer."),
                      "503": _html("Conta Azul refused the backend's client credentials: the operator's to mend.")}}},
    "/api/v1/connections/google": {"get": _signed_in(
        "How the backend reaches the user's sheets: their own Google consent or the backend's account", {
            "200": _json(_ref("GoogleAccess"), "The mode, whom to share sheets with, the consent (never a token).")})},
    "/api/v1/connections/google/start": {"post": _signed_in(
        "A link to Google's consent (offline access to the user's sheets; through the begin page) with a "
        "one-time state bound to the user", {
            "201": _START_LINK,
            "409": _error("This deployment offers only its service account (no OAuth client configured)."),
            "429": _limited("CONNECT_STARTS_PER_MINUTE, both starts together")})},
    "/api/v1/connections/google/callback": {"get": {
        "summary": "Where Google sends the browser back (no ID token: the state and the begin page's cookie say "
                   "whose): after a Google connect's consent, or a Conta Azul connect's sign-in check",
        "parameters": [{"name": name, "in": "query", "required": False, "schema": _TEXT}
                       for name in ("code", "state", "error", "scope", "iss", "authuser", "prompt")],
        "responses": {"200": _html("Connected: the page names the Google account and the Azulejo account."),
                      "303": _html("Sign-in checked (a Conta Azul connect): on to Conta Azul."),
                      "400": _html("State missing, unknown, used or expired; consent or sign-in cancelled; code "
                                   "refused; another Google account consented; sheets scope not granted."),
                      "403": _html("Not the browser that opened the link (refused before the code is traded), or "
                                   "a Conta Azul connect's sign-in by another Google account than the link's "
                                   "person: the state is spent."),
                      "429": _CALLBACKS_LIMITED,
                      "502": _html("Google did not answer.")}}},
    "/api/v1/connections/google/disconnect": {"post": _signed_in(
        "Revoke the user's Google consent at Google and forget it; sheets go back to the backend's account", {
            "200": _json(_ref("GoogleDisconnected"), "Forgotten; whether Google confirmed the revocation."),
            "404": _error("The user has not connected their Google account.")})},
    "/api/v1/connections/{connection_id}/disconnect": {"post": _signed_in(
        "Forget the connection's tokens and pause its flows",
        {"200": _json(_ref("Connection"), "The connection, now disconnected."),
         "404": _error("No such connection for this user.")},
        parameters=[{"name": "connection_id", "in": "path", "required": True, "schema": {"type": "integer"}}])},
    **{path: operations for path, operations in (
        ("/api/v1/flows", {
            "get": _signed_in("The user's flows, oldest first", {"200": _json(_ref("FlowList"), "The flows.")},
                              parameters=[{"name": "spreadsheet_id", "in": "query", "required": False,
                                           "schema": _TEXT}]),
            "post": _signed_in("Create a flow on one of the user's connections", {
                "201": _json(_ref("Flow"), "The flow, stored."), "403": _error(_ACCESS_REFUSED),
                "404": _error("No such connection for this user."),
                "409": _error("Created enabled, but the connection is not active; or the user has "
                              "MAX_FLOWS_PER_USER flows already (`flow_limit_reached`)."),
                "422": _json(_ref("InvalidFlow"), "What is wrong with the flow, in Portuguese.")},
                requestBody=_FLOW_BODY)}),
        ("/api/v1/flows/{flow_id}", {
            "get": _flow_operation("One flow", {"200": _json(_ref("Flow"), "The flow.")}),
            "put": _flow_operation("Replace a flow's description (and its connection, when given)", {
                "200": _json(_ref("Flow"), "The flow, changed."), "403": _error(_ACCESS_REFUSED),
                "409": _error("Enabled, but the connection is not active."),
                "422": _json(_ref("InvalidFlow"), "What is wrong with the flow, in Portuguese.")},
                requestBody=_FLOW_BODY),
            "delete": _flow_operation("Delete a flow and what it recorded", {
                "200": _json(_ref("FlowDeleted"), "Gone.")})}),
        ("/api/v1/flows/{flow_id}/enable", {"post": _flow_operation("Switch a flow on", {
            "200": _json(_ref("Flow"), "The flow, enabled."), "403": _error(_ACCESS_REFUSED),
            "409": _error("The flow's Conta Azul connection is not active, or the user's Google consent "
                          "needs renewing.")})}),
        ("/api/v1/flows/{flow_id}/pause", {"post": _flow_operation(
            "Pause a flow (reconnecting Conta Azul does not resume it)", {
                "200": _json(_ref("Flow"), "The flow, paused.")})}),
        ("/api/v1/flows/{flow_id}/export", {"get": _flow_operation("The flow as the document `flows import` reads", {
            "200": _json(_ref("FlowDocument"), "The document.")})}),
        ("/api/v1/flows/{flow_id}/preview", {"post": _flow_operation(
            "Dry run: per row, the payload it would send or the status it would write", {
                "200": _json(_ref("Preview"), "The first `limit` rows."), **_RUN_ERRORS,
                "409": _error("The flow's Conta Azul connection is not active, or its owner's Google access "
                              "needs reconnecting."),
                "422": _error("`limit` out of range."), "429": _limited("PREVIEWS_PER_MINUTE")},
            extra_parameters=[{"name": "limit", "in": "query", "required": False,
                               "schema": {"type": "integer", "minimum": 1, "maximum": 200}}])}),
        ("/api/v1/flows/{flow_id}/run", {"post": _flow_operation("One cycle now; what it did", {
            "200": _json(_ref("RunReport"), "The cycle's report."), **_RUN_ERRORS,
            "409": _error("The flow's Conta Azul connection is not active, its owner's Google access "
                          "needs reconnecting, or a worker (or another run-now) is running it right now "
                          "(`flow_running`: try again shortly)."),
            "429": _limited("RUNS_NOW_PER_MINUTE")})}),
        ("/api/v1/flows/{flow_id}/runs", {"get": _flow_operation("The flow's runs, newest first", {
            "200": _json(_ref("RunList"), "One page of runs and how many there are."),
            "422": _error("`page` or `per_page` out of range.")}, extra_parameters=_PAGE_PARAMETERS)}),
        ("/api/v1/flows/{flow_id}/rows", {"get": _flow_operation(
            "What the flow did with each row: errors first, then the most recently updated", {
                "200": _json(_ref("RowOutcomeList"), "One page of row outcomes and how many there are."),
                "422": _error("`page`, `per_page` or `state` out of range.")},
            extra_parameters=[*_PAGE_PARAMETERS, {"name": "state", "in": "query", "required": False,
                                                  "schema": {"enum": ["failed", "done", "pending"]}}])}),
        ("/api/v1/flows/{flow_id}/activity", {"get": _flow_operation(
            "Per São Paulo day, oldest first up to today: records sent, rows in error, runs, runs stopped", {
                "200": _json(_ref("Activity"), "Every one of the last `days` days, zero-filled."),
                "422": _error("`days` out of range.")},
            extra_parameters=[{"name": "days", "in": "query", "required": False,
                               "schema": {"type": "integer", "minimum": 1, "maximum": 90, "default": 14}}])}),
        ("/api/v1/hooks/nudge", {"post": _signed_in(
            "The add-on saw an edit on a tab: the user's enabled flows there run within seconds", {
                "202": _json(_ref("Nudged"), "The flows nudged (none when no flow of yours reads that tab)."),
                "422": _error(f"`spreadsheet_id` or `sheet` missing, or `rows` not at most {MAX_NUDGED_ROWS:,} "
                              f"row numbers from 1 to {MAX_ROW_NUMBER:,}."),
                "429": _limited("NUDGES_PER_MINUTE")},
            requestBody={"required": True, "content": {"application/json": {"schema": _ref("Nudge")}}})}),
        ("/api/v1/catalog/{kind}", {
            "get": _signed_in("The fields of a flow kind, with suggested matches for the headers", _CATALOG_ANSWERS,
                              parameters=[_KIND, {"name": "headers", "in": "query", "required": False,
                                                  "schema": {"type": "array", "items": _TEXT}},
                                          *({"name": name, "in": "query", "required": False, "schema": _TEXT}
                                            for name in ("trigger_column", "status_column"))]),
            "post": _signed_in("The same, with the header row in the body", _CATALOG_ANSWERS, parameters=[_KIND],
                               requestBody={"required": True, "content": {
                                   "application/json": {"schema": _ref("CatalogRequest")}}})}),
        ("/api/v1/spreadsheets/{spreadsheet_id}", {"get": _signed_in(
            "A spreadsheet's tabs and their header rows, read with the user's Google access", {
                "200": _json(_ref("Spreadsheet"), "Tabs in order, each with its row 1."), **_SHEET_ERRORS,
                "404": _error("No such spreadsheet, or not shared with the Google account used."),
                "409": _error("The user's Google consent was refused (reconnect), or no Google access exists."),
                "429": _limited("SPREADSHEET_INFO_PER_MINUTE")},
            parameters=[_SPREADSHEET_ID])}),
        ("/api/v1/spreadsheets/{spreadsheet_id}/access", {"get": _signed_in(
            "Whether the user's proof that they can edit the spreadsheet holds now (Google is not asked)", {
                "200": _json(_ref("SpreadsheetAccess"), "The proof: when, how, until when."),
                "404": _error("Not a spreadsheet id.")}, parameters=[_SPREADSHEET_ID])}),
        ("/api/v1/spreadsheets/{spreadsheet_id}/access/challenge", {"post": _signed_in(
            "The value the user's add-on writes into the spreadsheet's developer metadata to prove they can "
            "edit it (`write` false: the backend proves it itself, with the user's own Google consent)", {
                "200": _json(_ref("AccessChallenge"), "Write `value` under `key` at the spreadsheet, "
                                                      "DOCUMENT-visible, before `expires_at`."),
                "404": _error("Not a spreadsheet id."),
                "429": _limited("ACCESS_PROOFS_PER_MINUTE, challenges and proofs together")},
            parameters=[_SPREADSHEET_ID])}),
        ("/api/v1/spreadsheets/{spreadsheet_id}/access/proof", {"post": _signed_in(
            "Ask Google now: the value read back as the service account, or written as the user", {
                "200": _json(_ref("SpreadsheetAccess"), "Proved; the user's flows it had paused run again."),
                "403": _error(_ACCESS_REFUSED), "404": _error("Not a spreadsheet id."),
                "409": _error("The user's Google consent was refused (reconnect), or no Google access exists."),
                "429": _limited("ACCESS_PROOFS_PER_MINUTE, challenges and proofs together")},
            parameters=[_SPREADSHEET_ID])}),
    )},
}



def _refusing_bodies(paths: dict[str, Any]) -> dict[str, Any]:
    """Every operation answers 413 to an oversized body, before sign-in; one that reads a JSON body
    also answers 400 when it is not JSON (or nests too deep) and 415 when sent as another type."""
    too_large = _error(f"The body is larger than MAX_REQUEST_BYTES ({Settings.MAX_REQUEST_BYTES:,} bytes unless "
                       "set): refused unread.")
    unreadable = {"400": _error(f"The body is not JSON, or nests deeper than {MAX_JSON_DEPTH} levels "
                                "(`invalid_json`)."),
                  "415": _error("The body was not sent as application/json.")}
    for operations in paths.values():
        for operation in operations.values():
            refusals = {"413": too_large, **(unreadable if "requestBody" in operation else {})}
            for status, answer in refusals.items():
                operation["responses"].setdefault(status, answer)
    return paths


DOCUMENT: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {"title": "Azulejo API", "version": "1",
             "description": "The backend of the Azulejo Google Sheets add-on. Errors are "
                            "`{\"error\": {\"code\", \"message\"}}` with a message in Portuguese."},
    "paths": _refusing_bodies(PATHS),
    "components": {"schemas": SCHEMAS, "securitySchemes": {"googleIdToken": {
        "type": "http", "scheme": "bearer", "bearerFormat": "Google ID token (ScriptApp.getIdentityToken())"}}},
}


@bp.get("/openapi.json")
@public
def openapi_document():
    return jsonify(DOCUMENT)
