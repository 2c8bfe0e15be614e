"""spreadsheets.developerMetadata: search and get, both reads (a reader may call them; Google's
limits page counts `search` with the read requests)."""
from __future__ import annotations

from flask import Blueprint

from .. import developer_metadata
from ..context import find_book
from ..gate import READ, api_method
from ..params import check_query, json_body

bp = Blueprint("developer_metadata", __name__, url_prefix="/v4/spreadsheets/<file_id:spreadsheet_id>")


@bp.post("/developerMetadata:search")
@api_method("developerMetadata.search", READ)
def search(spreadsheet_id: str):
    check_query(set())
    return developer_metadata.search(find_book(spreadsheet_id, writing=False), json_body())


@bp.get("/developerMetadata/<metadata_id>")
@api_method("developerMetadata.get", READ)
def get(spreadsheet_id: str, metadata_id: str):
    check_query(set())
    return developer_metadata.get(find_book(spreadsheet_id), metadata_id)
