"""Spreadsheet info for the sidebar: tabs and their header rows, read by the backend's own account."""
from __future__ import annotations

from flask import Blueprint, jsonify
from gspread.exceptions import APIError

from sheets_addon.api.errors import error_response
from sheets_addon.config import current_settings
from sheets_addon.google_access import backend_account_email, sheets_client
from sheets_addon.spreadsheet_info import spreadsheet_tabs, unreachable

bp = Blueprint("spreadsheets", __name__, url_prefix="/api/v1/spreadsheets")


@bp.get("/<spreadsheet_id>")
def show(spreadsheet_id: str):
    settings = current_settings()
    return jsonify(spreadsheet_tabs(sheets_client(settings), spreadsheet_id))


def sheets_refused(error: APIError):
    """A Sheets refusal as JSON telling the person to share the sheet; also used by flow runs."""
    problem = unreachable(error, backend_account_email(current_settings()))
    return error_response(problem.status, problem.code, problem.message)


bp.register_error_handler(APIError, sheets_refused)
