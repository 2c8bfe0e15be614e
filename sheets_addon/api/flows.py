"""Flows: list, create, read, change, delete, switch on and off, export, preview, run now."""
from __future__ import annotations

from typing import Any

from flask import Blueprint, jsonify, request
from gspread.exceptions import APIError

from sheets_addon import messages
from sheets_addon.api.auth import current_user, owned_or_404
from sheets_addon.api.errors import error_response
from sheets_addon.api.spreadsheets import GOOGLE_ERRORS, access_refused, editable_or_403, google_refused, sheets_refused
from sheets_addon.api.rate_limit import PREVIEWS, RUNS_NOW, per_user
from sheets_addon.config import current_settings
from sheets_addon.db import get_engine, get_session
from sheets_addon.flows.manage import (
    FlowConflict,
    create_flow,
    delete_flow,
    enable_flow,
    flow_json,
    pause_flow,
    update_flow,
    user_flows,
)
from sheets_addon.flows.running import DEFAULT_PREVIEW_ROWS, MAX_PREVIEW_ROWS, preview_flow, run_flow_now
from sheets_addon.flows.spec import FlowSpecError
from sheets_addon.flows.store import export_document
from sheets_addon.models import ContaAzulConnection, Flow
from sheets_addon.spreadsheet_access import SpreadsheetAccessRefused
from sheets_addon.sync.lease import FlowBusy
from sheets_addon.sync.runner import FlowNotReady

bp = Blueprint("flows", __name__, url_prefix="/api/v1/flows")


@bp.get("")
def index():
    flows = user_flows(get_session(), current_user(), request.args.get("spreadsheet_id"))
    return jsonify({"flows": [flow_json(flow, current_settings()) for flow in flows]})


@bp.post("")
def create():
    body = request.get_json()
    flow = create_flow(get_session(), current_user(), _connection(body, required=True), body,
                       check_sheet=editable_or_403, max_flows=current_settings().MAX_FLOWS_PER_USER)
    return jsonify(flow_json(flow, current_settings())), 201


@bp.get("/<int:flow_id>")
def show(flow_id: int):
    return jsonify(flow_json(owned_or_404(Flow, flow_id), current_settings()))


@bp.put("/<int:flow_id>")
def replace(flow_id: int):
    flow = owned_or_404(Flow, flow_id)
    body = request.get_json()
    flow = update_flow(get_session(), flow, body, _connection(body, required=False), check_sheet=editable_or_403)
    return jsonify(flow_json(flow, current_settings()))


@bp.delete("/<int:flow_id>")
def delete(flow_id: int):
    delete_flow(get_session(), owned_or_404(Flow, flow_id))
    return jsonify({"id": flow_id, "deleted": True})


@bp.post("/<int:flow_id>/enable")
def enable(flow_id: int):
    flow = owned_or_404(Flow, flow_id)
    editable_or_403(flow.spreadsheet_id)
    return jsonify(flow_json(enable_flow(get_session(), flow), current_settings()))


@bp.post("/<int:flow_id>/pause")
def pause(flow_id: int):
    return jsonify(flow_json(pause_flow(get_session(), owned_or_404(Flow, flow_id)), current_settings()))


@bp.get("/<int:flow_id>/export")
def export(flow_id: int):
    return jsonify(export_document([owned_or_404(Flow, flow_id)]))


@bp.post("/<int:flow_id>/preview")
@per_user(PREVIEWS)
def preview(flow_id: int):
    flow = owned_or_404(Flow, flow_id)
    limit = request.args.get("limit", DEFAULT_PREVIEW_ROWS, type=int)
    if limit is None or not 1 <= limit <= MAX_PREVIEW_ROWS:
        return error_response(422, "invalid_limit", messages.FLOW_PREVIEW_LIMIT.format(maximum=MAX_PREVIEW_ROWS))
    return jsonify(preview_flow(flow, get_session(), current_settings(), get_engine(), limit))


@bp.post("/<int:flow_id>/run")
@per_user(RUNS_NOW)
def run(flow_id: int):
    flow = owned_or_404(Flow, flow_id)
    return jsonify(run_flow_now(flow, get_session(), current_settings(), get_engine()))


def _connection(body: Any, required: bool) -> ContaAzulConnection | None:
    """The user's own connection named by `connection_id`; someone else's answers 404."""
    connection_id = body.get("connection_id") if isinstance(body, dict) else None
    if connection_id is None and not required:
        return None
    if isinstance(connection_id, bool) or not isinstance(connection_id, int):
        raise FlowSpecError([messages.FLOW_CONNECTION_REQUIRED])
    return owned_or_404(ContaAzulConnection, connection_id)


@bp.errorhandler(FlowSpecError)
def invalid(error: FlowSpecError):
    return error_response(422, "invalid_flow", messages.FLOW_INVALID, problems=list(error.problems))


@bp.errorhandler(FlowConflict)
def conflict(error: FlowConflict):
    return error_response(409, error.code, error.message)


@bp.errorhandler(FlowBusy)
def busy(_error: FlowBusy):
    return error_response(409, "flow_running", messages.FLOW_RUNNING)


@bp.errorhandler(FlowNotReady)
def not_ready(error: FlowNotReady):
    return error_response(409, error.code, error.message)


bp.register_error_handler(APIError, sheets_refused)
bp.register_error_handler(SpreadsheetAccessRefused, access_refused)
for _google_error in GOOGLE_ERRORS:
    bp.register_error_handler(_google_error, google_refused)
