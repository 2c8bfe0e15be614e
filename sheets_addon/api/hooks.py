"""Hooks the add-on calls: a nudge says "this tab just changed", so its flows run within seconds.

Only which tab changed crosses the wire, never the data: the worker reads the sheet itself.
A nudge is cheap to send from an edit trigger, so each user gets a bounded number a minute
(`NUDGES_PER_MINUTE`, checked by `rate_limit` before the view).
"""
from __future__ import annotations

from flask import Blueprint, Flask, jsonify, request

from sheets_addon import messages
from sheets_addon.api.auth import current_user
from sheets_addon.api.errors import error_response
from sheets_addon.api.rate_limit import NUDGES, per_user
from sheets_addon.db import get_session
from sheets_addon.models import utcnow
from sheets_addon.sync.scheduling import nudge_flows

MAX_NUDGED_ROWS = 1000  # what the add-on sends at most (appsscript/Triggers.gs): row numbers are only a hint
# Google Sheets holds at most 10 million cells per spreadsheet (support.google.com/drive/answer/37603),
# so no row lies past 10,000,000, even in a spreadsheet of one tab of one column.
MAX_ROW_NUMBER = 10_000_000
_NUDGE_INVALID = messages.NUDGE_INVALID.format(rows=f"{MAX_NUDGED_ROWS:,}".replace(",", "."),
                                               last=f"{MAX_ROW_NUMBER:,}".replace(",", "."))
bp = Blueprint("hooks", __name__, url_prefix="/api/v1/hooks")


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)


@bp.post("/nudge")
@per_user(NUDGES)
def nudge():
    body = request.get_json()
    if not _is_nudge(body):
        return error_response(422, "invalid_nudge", _NUDGE_INVALID)
    nudged = nudge_flows(get_session(), current_user(), body["spreadsheet_id"], body["sheet"], utcnow())
    return jsonify({"nudged": nudged}), 202


def _is_nudge(body: object) -> bool:
    """`spreadsheet_id` and `sheet` as non-empty texts (no NUL: no stored name holds one); `rows`, when
    given, at most MAX_NUDGED_ROWS row numbers (never values) that a sheet can have."""
    if not isinstance(body, dict):
        return False
    rows = body.get("rows", [])
    return (all(isinstance(body.get(name), str) and body[name].strip() and "\x00" not in body[name]
                for name in ("spreadsheet_id", "sheet"))
            and isinstance(rows, list) and len(rows) <= MAX_NUDGED_ROWS
            and all(isinstance(row, int) and not isinstance(row, bool) and 1 <= row <= MAX_ROW_NUMBER
                    for row in rows))
