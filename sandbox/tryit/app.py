"""The try-it page: a spreadsheet, the real Azulejo sidebar beside it, and Conta Azul's records.

Only Google's runtime is replaced. The add-on's own files (`appsscript/`) are served as they
are and run in the page's browser; the shim (static/shim/) gives them SpreadsheetApp,
HtmlService, UrlFetchApp, ScriptApp, PropertiesService and Session, backed by this app's
routes: the Sheets stand-in's real Sheets v4 API, ID tokens it mints, UrlFetch made from the
server, and the properties and triggers Google would keep. The backend is the real one.

A sandbox only: it mints ID tokens for anyone and fetches any URL, so only the demo command
mounts it (never `create_app`).
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx
from flask import (Blueprint, Flask, abort, current_app, jsonify, render_template, request, send_from_directory,
                   url_for)

from sandbox.contaazul import DEMO_EMAIL, SandboxServer
from sandbox.sheets import SheetsSandboxServer
from sandbox.sheets.errors import GoogleError

from . import demo_sheet, records
from .script_state import ScriptState, trigger_json
from .urlfetch import FetchRefused, FetchRequest, fetch

APPSSCRIPT_DIR = Path(__file__).resolve().parents[2] / "appsscript"
BACKEND_URL_PROPERTY = "AZULEJO_BACKEND_URL"  # where the add-on's script properties say the backend is
EXTENSION = "azulejo.tryit"
SERVED_SUFFIXES = (".gs", ".html", ".json")


@dataclass
class TryIt:
    """What the page is wired to: the real backend, both stand-ins, the add-on's files."""

    backend_url: str
    sheets: SheetsSandboxServer
    contaazul: SandboxServer
    appsscript_dir: Path = APPSSCRIPT_DIR
    user_email: str = DEMO_EMAIL
    spreadsheet_id: str = ""
    apps_script_token: str = ""  # SpreadsheetApp's access to the sheet, as the person
    state: ScriptState = field(default_factory=ScriptState)
    started_at: datetime | None = None  # Conta Azul's clock when the page began: later records are new

    def manifest(self) -> dict[str, Any]:
        return json.loads((self.appsscript_dir / "appsscript.json").read_text(encoding="utf-8"))

    def script_files(self) -> list[str]:
        """The .gs files in the order Apps Script loads them (by name, as `clasp push` lists them)."""
        return sorted(path.name for path in self.appsscript_dir.glob("*.gs"))


def create_tryit_app(tryit: TryIt) -> Flask:
    """The page's app; makes the demo spreadsheet in the Sheets stand-in unless one is given."""
    app = Flask(__name__)
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    if not tryit.spreadsheet_id:
        tryit.spreadsheet_id = tryit.sheets.create_spreadsheet(demo_sheet.TITLE, demo_sheet.demo_tabs())
    tryit.apps_script_token = tryit.sheets.apps_script_token(tryit.user_email)
    tryit.state.change_properties("script", {BACKEND_URL_PROPERTY: tryit.backend_url}, [])
    tryit.started_at = tryit.contaazul.state.now()
    app.extensions[EXTENSION] = tryit
    app.register_blueprint(bp)
    return app


bp = Blueprint("tryit", __name__)


def _tryit() -> TryIt:
    return current_app.extensions[EXTENSION]


@bp.get("/")
def page():
    tryit = _tryit()
    manifest = tryit.manifest()
    config = {
        "appRoot": url_for("tryit.page"),
        "staticRoot": url_for("static", filename=""),
        "spreadsheetId": tryit.spreadsheet_id,
        "sheetsApiUrl": tryit.sheets.url,
        "userEmail": tryit.user_email,
        "appsScriptToken": tryit.apps_script_token,
        "scriptFiles": tryit.script_files(),
        "scopes": manifest.get("oauthScopes"),
        "timeZone": manifest.get("timeZone", "America/Sao_Paulo"),
    }
    return render_template("tryit.html", config=config)


@bp.get("/appsscript/<path:name>")
def appsscript_file(name: str):
    """The add-on's own files, byte for byte (.gs as JavaScript, as the browser realm loads them)."""
    if not name.endswith(SERVED_SUFFIXES):
        abort(404)
    mimetype = "text/javascript" if name.endswith(".gs") else None
    answer = send_from_directory(_tryit().appsscript_dir, name, mimetype=mimetype, max_age=0)
    answer.headers["Cache-Control"] = "no-store"
    return answer


@bp.get("/google/identity-token")
def identity_token():
    """ScriptApp.getIdentityToken(): a Google ID token for the person, minted by the Sheets stand-in."""
    tryit = _tryit()
    answer = jsonify({"token": tryit.sheets.mint_id_token(tryit.user_email)})
    answer.headers["Cache-Control"] = "no-store"
    return answer


@bp.post("/google/urlfetch")
def urlfetch():
    try:
        fetch_request = FetchRequest.from_json(_json_body())
    except (FetchRefused, ValueError) as refused:
        return jsonify({"refused": str(refused)}), 400
    return jsonify(fetch(fetch_request))


@bp.get("/google/properties/<store>")
def properties(store: str):
    return jsonify(_tryit().state.properties(_store(store)))


@bp.post("/google/properties/<store>")
def change_properties(store: str):
    body = _json_body()
    changed = _tryit().state.change_properties(_store(store), dict(body.get("set") or {}),
                                               [str(key) for key in body.get("delete") or []],
                                               bool(body.get("delete_others")))
    return jsonify(changed)


def _json_body() -> dict:
    """The request's JSON object. Only a JSON content type is read: another site's page cannot send
    one without a CORS preflight, which this app never grants, so it cannot drive the try-it."""
    body = request.get_json(silent=True) if request.is_json else None
    if not isinstance(body, dict):
        abort(415)
    return body


def _store(store: str) -> str:
    tryit = _tryit()
    stores = {"script": "script", "document": f"document:{tryit.spreadsheet_id}", "user": f"user:{tryit.user_email}"}
    if store not in stores:
        abort(404)
    return stores[store]


@bp.get("/google/triggers")
def triggers():
    return jsonify([trigger_json(t) for t in _tryit().state.triggers(_tryit().user_email)])


@bp.post("/google/triggers")
def create_trigger():
    body = _json_body()
    try:
        trigger = _tryit().state.add_trigger(_tryit().user_email, str(body.get("handler") or ""),
                                             str(body.get("event_type") or ""), str(body.get("source_id") or ""))
    except ValueError as refused:
        return jsonify({"refused": str(refused)}), 400
    return jsonify(trigger_json(trigger)), 201


@bp.delete("/google/triggers/<unique_id>")
def delete_trigger(unique_id: str):
    if not _tryit().state.delete_trigger(_tryit().user_email, unique_id):
        abort(404)
    return jsonify({"deleted": unique_id})


@bp.get("/sheet")
def sheet():
    """What the person sees of the spreadsheet: its tabs, and one tab's cells as Sheets shows them."""
    tryit = _tryit()
    book = tryit.sheets.spreadsheet(tryit.spreadsheet_id)
    tabs = [{"title": tab.title, "sheetId": tab.sheet_id, "rows": tab.row_count, "columns": tab.column_count}
            for tab in book.sheets if not tab.hidden]
    wanted = request.args.get("tab") or tabs[0]["title"]
    tab = next((t for t in tabs if t["title"] == wanted), tabs[0])
    values = tryit.sheets.read(tryit.spreadsheet_id, _quoted(tab["title"]))
    return jsonify({"title": book.title, "tabs": tabs, "tab": tab["title"], "values": values})


@bp.post("/sheet/cells")
def type_cells():
    """The person types into cells (USER_ENTERED, pt_BR), as in the Sheets UI."""
    body = _json_body()
    tab, a1, rows = body.get("tab"), body.get("a1"), body.get("rows")
    if not isinstance(tab, str) or not isinstance(a1, str) or not isinstance(rows, list):
        return jsonify({"refused": "tab, a1 and rows are required"}), 400
    tryit = _tryit()
    try:
        updated = tryit.sheets.type_cells(tryit.spreadsheet_id, f"{_quoted(tab)}!{a1}", rows)
    except GoogleError as refused:
        return jsonify({"refused": refused.message}), 400
    return jsonify({"updatedRange": updated})


@bp.get("/contaazul/records")
def contaazul_records():
    """The records of the company the person connected in the sidebar (none before connecting)."""
    tryit = _tryit()
    company = records.find_company(tryit.contaazul.state, _connected_document(tryit))
    if company is None:
        return jsonify({"company": None})
    return jsonify(records.company_records(tryit.contaazul.state, company, tryit.started_at))


def _connected_document(tryit: TryIt) -> str:
    """The CNPJ of the person's active connection, as the backend's API lists it."""
    token = tryit.sheets.mint_id_token(tryit.user_email)
    try:
        answer = httpx.get(f"{tryit.backend_url}/api/v1/connections", timeout=10,
                           headers={"Authorization": f"Bearer {token}"})
    except httpx.HTTPError:
        return ""
    if answer.status_code != 200:
        return ""
    active = [c for c in answer.json().get("connections", []) if c.get("status") == "active"]
    if not active:
        return ""
    return active[0].get("company_document") or ""


def _quoted(title: str) -> str:
    return "'" + title.replace("'", "''") + "'"
