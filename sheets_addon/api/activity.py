"""A flow's activity: its runs, what it did with each row, and its days, for the sidebar."""
from __future__ import annotations

from flask import Blueprint, jsonify, request

from sheets_addon import messages
from sheets_addon.api.auth import owned_or_404
from sheets_addon.api.errors import error_response
from sheets_addon.db import get_session
from sheets_addon.models import Flow, utcnow
from sheets_addon.sync.row_outcomes import STATES, row_outcomes
from sheets_addon.sync.runs import daily_activity, flow_runs, run_json

DEFAULT_PER_PAGE = 20
MAX_PER_PAGE = 100
DEFAULT_DAYS, MAX_DAYS = 14, 90
bp = Blueprint("activity", __name__, url_prefix="/api/v1/flows")


@bp.get("/<int:flow_id>/runs")
def runs(flow_id: int):
    flow, paging = owned_or_404(Flow, flow_id), _paging()
    if paging is None:
        return _bad_page()
    page, per_page = paging
    found, total = flow_runs(get_session(), flow, page, per_page)
    return jsonify({"runs": [run_json(run) for run in found], "page": page, "per_page": per_page,
                    "total": total})


@bp.get("/<int:flow_id>/rows")
def rows(flow_id: int):
    flow, paging = owned_or_404(Flow, flow_id), _paging()
    if paging is None:
        return _bad_page()
    page, per_page = paging
    state = request.args.get("state")
    if state is not None and state not in STATES:
        return error_response(422, "invalid_state", messages.ROW_STATE_UNKNOWN.format(known=", ".join(STATES)))
    found, total = row_outcomes(get_session(), flow, state, page, per_page)
    return jsonify({"rows": found, "page": page, "per_page": per_page, "total": total})


@bp.get("/<int:flow_id>/activity")
def activity(flow_id: int):
    flow = owned_or_404(Flow, flow_id)
    days = _whole("days", DEFAULT_DAYS)
    if days is None or not 1 <= days <= MAX_DAYS:
        return error_response(422, "invalid_days", messages.ACTIVITY_DAYS_OUT_OF_RANGE.format(maximum=MAX_DAYS))
    return jsonify({"days": daily_activity(get_session(), flow, days, utcnow())})


def _whole(name: str, default: int) -> int | None:
    """The query parameter as an integer; None when it is there but not one (a typo is not page 1)."""
    text = request.args.get(name)
    if text is None:
        return default
    text = text.strip()
    return int(text) if text.isascii() and text.isdigit() else None


def _paging() -> tuple[int, int] | None:
    """`page` (from 1) and `per_page` (1 to MAX_PER_PAGE) from the query; None when either is not."""
    page, per_page = _whole("page", 1), _whole("per_page", DEFAULT_PER_PAGE)
    if page is None or page < 1 or per_page is None or not 1 <= per_page <= MAX_PER_PAGE:
        return None
    return page, per_page


def _bad_page():
    return error_response(422, "invalid_page", messages.PAGE_OUT_OF_RANGE.format(maximum=MAX_PER_PAGE))
