"""Spreadsheet info for the sidebar: tabs and their header rows, read with the user's Google access."""
from __future__ import annotations

from flask import Blueprint, jsonify
from google.auth.exceptions import RefreshError, TransportError
from gspread.exceptions import APIError

from sheets_addon import messages
from sheets_addon.api.auth import current_user
from sheets_addon.api.errors import error_response
from sheets_addon.api.rate_limit import SPREADSHEET_INFO, per_user
from sheets_addon.config import current_settings
from sheets_addon.db import get_engine, get_session
from sheets_addon.google_access import (GoogleAccessNotConfigured, ServiceAccountRefused, sheet_refusal,
                                        sheets_client_for)
from sheets_addon.google_connections import GoogleReconnectNeeded, refused_for_good
from sheets_addon.sheets import NO_QUOTA_WAIT
from sheets_addon.spreadsheet_info import spreadsheet_tabs

bp = Blueprint("spreadsheets", __name__, url_prefix="/api/v1/spreadsheets")


@bp.get("/<spreadsheet_id>")
@per_user(SPREADSHEET_INFO)
def show(spreadsheet_id: str):
    client = sheets_client_for(current_settings(), get_engine(), current_user().id)
    return jsonify(spreadsheet_tabs(client, spreadsheet_id, NO_QUOTA_WAIT))


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
for _google_error in (RefreshError, TransportError, GoogleReconnectNeeded, GoogleAccessNotConfigured):
    bp.register_error_handler(_google_error, google_refused)
