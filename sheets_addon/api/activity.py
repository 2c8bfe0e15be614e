"""A flow's activity: its runs, newest first, a page at a time."""
from __future__ import annotations

from flask import Blueprint, jsonify, request

from sheets_addon import messages
from sheets_addon.api.auth import owned_or_404
from sheets_addon.api.errors import error_response
from sheets_addon.db import get_session
from sheets_addon.models import Flow
from sheets_addon.sync.runs import flow_runs, run_json

DEFAULT_PER_PAGE = 20
MAX_PER_PAGE = 100
bp = Blueprint("activity", __name__, url_prefix="/api/v1/flows")


@bp.get("/<int:flow_id>/runs")
def runs(flow_id: int):
    flow = owned_or_404(Flow, flow_id)
    page, per_page = _whole("page", 1), _whole("per_page", DEFAULT_PER_PAGE)
    if page is None or page < 1 or per_page is None or not 1 <= per_page <= MAX_PER_PAGE:
        return error_response(422, "invalid_page", messages.PAGE_OUT_OF_RANGE.format(maximum=MAX_PER_PAGE))
    found, total = flow_runs(get_session(), flow, page, per_page)
    return jsonify({"runs": [run_json(run) for run in found], "page": page, "per_page": per_page,
                    "total": total})


def _whole(name: str, default: int) -> int | None:
    """The query parameter as an integer; None when it is there but not one (a typo is not page 1)."""
    text = request.args.get(name)
    if text is None:
        return default
    return int(text) if text.strip().isdigit() else None
