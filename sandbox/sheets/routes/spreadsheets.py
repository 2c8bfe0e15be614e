"""spreadsheets.get, spreadsheets.create, spreadsheets.batchUpdate."""
from __future__ import annotations

from flask import Blueprint, request

from .. import structure
from ..context import find_book, get_world
from ..gate import READ, WRITE, api_method
from ..params import boolean, check_query, json_body

bp = Blueprint("spreadsheets", __name__, url_prefix="/v4/spreadsheets")


@bp.get("/<file_id:spreadsheet_id>")
@api_method("spreadsheets.get", READ)
def get(spreadsheet_id: str):
    """Metadata; `includeGridData` and `ranges` are accepted, grid data is not returned."""
    check_query({"ranges", "includeGridData", "excludeTablesInBandedRanges"})
    boolean(request.args.get("includeGridData"), "includeGridData")
    return find_book(spreadsheet_id).as_json()


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
