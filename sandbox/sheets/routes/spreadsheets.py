"""spreadsheets.get, spreadsheets.create, spreadsheets.batchUpdate."""
from __future__ import annotations

from flask import Blueprint, g, request

from .. import developer_metadata, structure
from ..access import sees_developer_metadata
from ..context import caller_project, find_book, get_world
from ..gate import READ, WRITE, api_method
from ..params import boolean, check_query, json_body

bp = Blueprint("spreadsheets", __name__, url_prefix="/v4/spreadsheets")


@bp.get("/<file_id:spreadsheet_id>")
@api_method("spreadsheets.get", READ)
def get(spreadsheet_id: str):
    """Metadata; `includeGridData` and `ranges` are accepted, grid data is not returned. Developer
    metadata the caller may see is shown, unless the token's scopes are read-only (see access.py)."""
    check_query({"ranges", "includeGridData", "excludeTablesInBandedRanges"})
    boolean(request.args.get("includeGridData"), "includeGridData")
    book = find_book(spreadsheet_id)
    shown = developer_metadata.visible(book, caller_project()) if sees_developer_metadata(g.get("access")) else []
    return book.as_json(shown)


@bp.post("")
@api_method("spreadsheets.create", WRITE)
def create():
    check_query(set())
    return structure.create(get_world(), json_body(required=False)).as_json()


@bp.post("/<file_id:spreadsheet_id>:batchUpdate")
@api_method("spreadsheets.batchUpdate", WRITE)
def batch_update(spreadsheet_id: str):
    check_query(set())
    return structure.apply(get_world(), find_book(spreadsheet_id), json_body())
