"""The field catalog per flow kind, with suggested matches for the sheet's header row."""
from __future__ import annotations

from flask import Blueprint, abort, jsonify, request

from sheets_addon import messages
from sheets_addon.api.errors import error_response
from sheets_addon.flows.catalog import CATALOG_KINDS, field_catalog

bp = Blueprint("catalog", __name__, url_prefix="/api/v1/catalog")
_EXCLUDED = ("trigger_column", "status_column")


@bp.route("/<kind>", methods=["GET", "POST"])
def catalog(kind: str):
    """GET takes `headers` repeated in the query; POST a JSON {headers, trigger_column, status_column}."""
    if kind not in CATALOG_KINDS:
        abort(404)
    if request.method == "POST":
        asked = request.get_json()
    else:
        asked = {"headers": request.args.getlist("headers"), **{name: request.args.get(name) for name in _EXCLUDED}}
    headers = asked.get("headers", []) if isinstance(asked, dict) else None
    if not isinstance(headers, list) or not all(isinstance(header, str) for header in headers):
        return error_response(422, "invalid_headers", messages.CATALOG_HEADERS_SHAPE)
    exclude = [asked[name] for name in _EXCLUDED if isinstance(asked.get(name), str)]
    return jsonify(field_catalog(kind, headers, exclude))
