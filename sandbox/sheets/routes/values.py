"""spreadsheets.values: get, batchGet, update, batchUpdate, append, clear, batchClear."""
from __future__ import annotations

from flask import Blueprint, request

from .. import values
from ..context import find_book, get_world
from ..errors import invalid_argument
from ..gate import READ, WRITE, api_method
from ..model import Spreadsheet, all_or_nothing
from ..params import boolean, check_fields, check_query, enum, json_body, query_enum
from ..ranges import resolve

bp = Blueprint("values", __name__, url_prefix="/v4/spreadsheets/<file_id:spreadsheet_id>")
READ_PARAMS = {"majorDimension", "valueRenderOption", "dateTimeRenderOption"}
RESPONSE_PARAMS = {"valueInputOption", "includeValuesInResponse", "responseValueRenderOption",
                   "responseDateTimeRenderOption"}
VALUE_RANGE = {"range", "majorDimension", "values"}


def _read_options() -> tuple[str, str, str]:
    return query_enum("majorDimension"), query_enum("valueRenderOption"), query_enum("dateTimeRenderOption")


@bp.get("/values/<path:range_text>")
@api_method("values.get", READ)
def get(spreadsheet_id: str, range_text: str):
    check_query(READ_PARAMS)
    return values.read(find_book(spreadsheet_id), range_text, *_read_options())


@bp.get("/values:batchGet")
@api_method("values.batchGet", READ)
def batch_get(spreadsheet_id: str):
    check_query(READ_PARAMS | {"ranges"})
    book, options = find_book(spreadsheet_id), _read_options()
    targets = [resolve(book, text) for text in request.args.getlist("ranges")]
    answer: dict = {"spreadsheetId": book.spreadsheet_id}
    if targets:
        answer["valueRanges"] = [values.value_range(book, target, *options) for target in targets]
    return answer


def _written(book: Spreadsheet, result: dict, options: dict, where: str = "") -> dict:
    """Adds `updatedData` when the caller asked for the written values back."""
    if boolean(options.get("includeValuesInResponse"), where + "includeValuesInResponse"):
        result["updatedData"] = values.read(
            book, result["updatedRange"], values.ROWS,
            enum("responseValueRenderOption", options.get("responseValueRenderOption"), where),
            enum("responseDateTimeRenderOption", options.get("responseDateTimeRenderOption"), where))
    return result


def _value_range(body: dict, where: str = "") -> tuple[list, str]:
    check_fields(body, VALUE_RANGE, where)
    return values.check_values(body.get("values"), where + "values"), enum("majorDimension",
                                                                             body.get("majorDimension"), where)


@bp.put("/values/<path:range_text>")
@api_method("values.update", WRITE)
def update(spreadsheet_id: str, range_text: str):
    check_query(RESPONSE_PARAMS)
    book, body = find_book(spreadsheet_id), json_body()
    rows, major = _value_range(body)
    option = query_enum("valueInputOption", required=True)
    if body.get("range") is not None and resolve(book, body["range"]).a1() != resolve(book, range_text).a1():
        raise invalid_argument(f"Requested range '{range_text}' does not match the range in the body: "
                               f"'{body['range']}'")
    result = values.write(book, range_text, rows, option, major)
    get_world().touch(book)
    return _written(book, result, request.args)


@bp.post("/values:batchUpdate")
@api_method("values.batchUpdate", WRITE)
def batch_update(spreadsheet_id: str):
    check_query(set())
    book, body = find_book(spreadsheet_id), json_body()
    check_fields(body, RESPONSE_PARAMS | {"data"})
    option = enum("valueInputOption", body.get("valueInputOption"), required=True)
    data = body.get("data") or []
    if not isinstance(data, list):
        raise invalid_argument("Invalid value at 'data' (type.googleapis.com/google.apps.sheets.v4.ValueRange)")
    responses = []
    with all_or_nothing(book):
        for index, entry in enumerate(data):
            where = f"data[{index}]."
            if not isinstance(entry, dict):
                raise invalid_argument(f"Invalid value at '{where[:-1]}' (type.googleapis.com/google.apps.sheets.v4."
                                       f"ValueRange)")
            rows, major = _value_range(entry, where)
            result = values.write(book, entry.get("range"), rows, option, major)
            responses.append(_written(book, result, body, where))
    get_world().touch(book)
    return {"spreadsheetId": book.spreadsheet_id,
            "totalUpdatedRows": sum(r.get("updatedRows", 0) for r in responses),
            "totalUpdatedColumns": sum(r.get("updatedColumns", 0) for r in responses),
            "totalUpdatedCells": sum(r.get("updatedCells", 0) for r in responses),
            "totalUpdatedSheets": len({r["updatedRange"].rsplit("!", 1)[0] for r in responses}),
            "responses": responses}


@bp.post("/values/<path:range_text>:append")
@api_method("values.append", WRITE)
def append(spreadsheet_id: str, range_text: str):
    check_query(RESPONSE_PARAMS | {"insertDataOption"})
    book = find_book(spreadsheet_id)
    rows, major = _value_range(json_body())
    result = values.append(book, range_text, rows, query_enum("valueInputOption", required=True),
                           query_enum("insertDataOption"), major)
    _written(book, result["updates"], request.args)
    get_world().touch(book)
    return result


@bp.post("/values/<path:range_text>:clear")
@api_method("values.clear", WRITE)
def clear(spreadsheet_id: str, range_text: str):
    check_query(set())
    book = find_book(spreadsheet_id)
    check_fields(json_body(required=False), set())
    result = values.clear(book, range_text)
    get_world().touch(book)
    return result


@bp.post("/values:batchClear")
@api_method("values.batchClear", WRITE)
def batch_clear(spreadsheet_id: str):
    check_query(set())
    book, body = find_book(spreadsheet_id), json_body()
    check_fields(body, {"ranges"})
    ranges = body.get("ranges") or []
    if not isinstance(ranges, list):
        raise invalid_argument("Invalid value at 'ranges' (TYPE_STRING)")
    with all_or_nothing(book):
        cleared = [values.clear(book, text)["clearedRange"] for text in ranges]
    get_world().touch(book)
    return {"spreadsheetId": book.spreadsheet_id, "clearedRanges": cleared}
