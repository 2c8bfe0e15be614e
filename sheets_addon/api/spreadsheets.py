"""Spreadsheets: a person's proof that they can edit one (challenge, proof, status), and its tabs and
header rows for the sidebar, read with their Google access once that proof holds."""
from __future__ import annotations

import re

from flask import Blueprint, abort, jsonify
from google.auth.exceptions import RefreshError, TransportError
from gspread.exceptions import APIError

from sheets_addon import editor_proof, messages, spreadsheet_access
from sheets_addon.api.auth import current_user
from sheets_addon.api.errors import error_response
from sheets_addon.api.rate_limit import ACCESS_PROOFS, SPREADSHEET_INFO, per_user
from sheets_addon.config import current_settings
from sheets_addon.db import get_engine, get_session
from sheets_addon.google_access import (GoogleAccessNotConfigured, ServiceAccountRefused, SheetsClients,
                                        sheet_refusal)
from sheets_addon.google_connections import GoogleReconnectNeeded, refused_for_good
from sheets_addon.models import utcnow
from sheets_addon.spreadsheet_access import SpreadsheetAccessRefused
from sheets_addon.sheets import NO_QUOTA_WAIT
from sheets_addon.spreadsheet_info import spreadsheet_tabs

bp = Blueprint("spreadsheets", __name__, url_prefix="/api/v1/spreadsheets")
SPREADSHEET_ID = re.compile(r"[A-Za-z0-9_-]{1,200}")  # what Google's ids are made of


@bp.get("/<spreadsheet_id>")
@per_user(SPREADSHEET_INFO)
def show(spreadsheet_id: str):
    clients = _clients()
    editable_or_403(_checked(spreadsheet_id), clients)
    return jsonify(spreadsheet_tabs(clients.for_user(current_user().id), spreadsheet_id, clients.retry))


@bp.get("/<spreadsheet_id>/access")
def access(spreadsheet_id: str):
    """Whether the person's proof that they can edit the spreadsheet holds now (no call to Google)."""
    record = spreadsheet_access.find(get_session(), current_user().id, _checked(spreadsheet_id))
    return jsonify({"spreadsheet_id": spreadsheet_id,
                    **spreadsheet_access.access_json(current_settings(), record, utcnow())})


@bp.post("/<spreadsheet_id>/access/challenge")
@per_user(ACCESS_PROOFS)
def challenge(spreadsheet_id: str):
    """The value the person's add-on writes into the spreadsheet's developer metadata; `write` is false
    when the backend proves it itself (the person's own Google consent)."""
    settings, user = current_settings(), current_user()
    issued = spreadsheet_access.challenge(settings, user.id, _checked(spreadsheet_id), utcnow())
    return jsonify({"spreadsheet_id": spreadsheet_id, "key": issued.key, "value": issued.value,
                    "visibility": editor_proof.VISIBILITY, "expires_at": issued.expires_at.isoformat(),
                    "write": not spreadsheet_access.writes_itself(get_session(), settings, user.id)})


@bp.post("/<spreadsheet_id>/access/proof")
@per_user(ACCESS_PROOFS)
def proof(spreadsheet_id: str):
    """Google asked now: the person's value read back (service account) or written as them (own consent)."""
    session, settings, now = get_session(), current_settings(), utcnow()
    record = spreadsheet_access.prove(session, settings, _clients(), current_user().id, _checked(spreadsheet_id), now)
    session.commit()
    return jsonify({"spreadsheet_id": spreadsheet_id, **spreadsheet_access.access_json(settings, record, now)})


def editable_or_403(spreadsheet_id: str, clients: SheetsClients | None = None) -> None:
    """Returns when the signed-in person has shown lately that they can edit the spreadsheet; else the
    request ends with 403 (`access_refused`), whoever's sheet it is."""
    spreadsheet_access.require(get_session(), current_settings(), clients or _clients(), current_user().id,
                               spreadsheet_id, utcnow())


def access_refused(refusal: SpreadsheetAccessRefused):
    """403: no recent proof that the person can edit the sheet, or Google said they cannot."""
    return error_response(403, refusal.code, refusal.message)


def _checked(spreadsheet_id: str) -> str:
    """The id when it could be Google's; anything else names no spreadsheet (404)."""
    if not SPREADSHEET_ID.fullmatch(spreadsheet_id):
        abort(404)
    return spreadsheet_id


def _clients() -> SheetsClients:
    """A request's clients: a person waits on it, so Google's quota is answered at once, never waited out."""
    return SheetsClients(current_settings(), get_engine(), NO_QUOTA_WAIT)


def sheets_refused(error: APIError):
    """A Sheets refusal as JSON telling the person how to share the sheet; also used by flow runs."""
    problem = sheet_refusal(get_session(), current_settings(), current_user().id, error)
    response, status = error_response(problem.status, problem.code, problem.message)
    if problem.retry_after is not None:  # Google's quota: answered at once, not waited out
        response.headers["Retry-After"] = str(problem.retry_after)
    return response, status


def google_refused(error: RefreshError | TransportError | GoogleReconnectNeeded | GoogleAccessNotConfigured):
    """The user's Google access does not work now: reconnect (409), nothing configured (409), or
    Google down or refusing the backend's own service account (503)."""
    if isinstance(error, ServiceAccountRefused):
        return error_response(503, "google_service_account_refused", messages.GOOGLE_SERVICE_ACCOUNT_REFUSED)
    if isinstance(error, GoogleReconnectNeeded) or (isinstance(error, RefreshError) and refused_for_good(error)):
        return error_response(409, "google_reconnect_needed", messages.GOOGLE_REFRESH_REFUSED)
    if isinstance(error, GoogleAccessNotConfigured):
        return error_response(409, "google_access_missing", messages.GOOGLE_ACCESS_MISSING)
    return error_response(503, "sheets_unavailable", messages.SHEETS_UNAVAILABLE)


bp.register_error_handler(APIError, sheets_refused)
bp.register_error_handler(SpreadsheetAccessRefused, access_refused)
GOOGLE_ERRORS = (RefreshError, TransportError, GoogleReconnectNeeded, GoogleAccessNotConfigured)
for _google_error in GOOGLE_ERRORS:
    bp.register_error_handler(_google_error, google_refused)
