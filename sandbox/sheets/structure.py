"""A spreadsheet's structure: spreadsheets.create and the spreadsheets.batchUpdate requests.

A batch applies all its requests or none: the spreadsheet is snapshotted first and put back
when one request fails, as Google's batches are atomic. Unknown request kinds are refused in
Google's words; real kinds this stand-in does not model are refused by name, except a few
purely cosmetic ones (borders, widths, merges...) that are accepted and ignored.
"""
from __future__ import annotations

from collections.abc import Callable
from itertools import count
from typing import Any

from . import developer_metadata
from .cells import Cell, NumberFormat
from .context import caller_project, creator
from .errors import invalid_argument
from .field_masks import covers, mask_of
from .model import GridError, Sheet, Spreadsheet, all_or_nothing
from .params import check_fields, integer
from .sorting import sort_rows
from .world import World

COSMETIC = frozenset({"autoResizeDimensions", "updateBorders", "mergeCells", "unmergeCells",
                      "updateDimensionProperties", "setDataValidation", "addConditionalFormatRule",
                      "setBasicFilter", "clearBasicFilter", "addBanding"})
NOT_MODELLED = frozenset({"duplicateSheet", "copyPaste", "cutPaste", "findReplace", "addNamedRange",
                          "deleteNamedRange", "updateNamedRange", "addProtectedRange", "deleteProtectedRange",
                          "moveDimension", "insertRange", "deleteRange", "pasteData", "textToColumns",
                          "addDimensionGroup", "deleteDimensionGroup", "addChart", "addFilterView",
                          "deleteDuplicates", "trimWhitespace", "randomizeRange", "autoFill", "appendCells"})
SHEET_FIELDS = {"sheetId", "title", "index", "sheetType", "gridProperties", "hidden", "tabColor", "tabColorStyle",
                "rightToLeft"}
GRID_FIELDS = {"rowCount", "columnCount", "frozenRowCount", "frozenColumnCount", "hideGridlines",
               "rowGroupControlAfter", "columnGroupControlAfter"}
UNTITLED = "Planilha sem título"


def create(world: World, body: dict) -> Spreadsheet:
    """spreadsheets.create: title, locale, time zone and tabs from the body; one default tab otherwise."""
    check_fields(body, {"properties", "sheets", "spreadsheetId", "namedRanges", "developerMetadata"})
    if body.get("developerMetadata") or any(isinstance(entry, dict) and entry.get("developerMetadata")
                                            for entry in body.get("sheets") or []):
        raise invalid_argument("Invalid developerMetadata: the Sheets stand-in does not implement developer metadata "
                               "in spreadsheets.create; add it with a batchUpdate's createDeveloperMetadata.")
    properties = body.get("properties") or {}
    book = world.new_spreadsheet(str(properties.get("title") or UNTITLED), **creator())
    book.locale = properties.get("locale") or book.locale
    book.time_zone = properties.get("timeZone") or book.time_zone
    for index, entry in enumerate(body.get("sheets") or []):
        where = f"sheets[{index}].properties"
        sheet_properties = (entry.get("properties") or {}) if isinstance(entry, dict) else {}
        if index == 0:
            book.sheets = []
        _add_sheet(world, book, sheet_properties, where, sheet_id=0 if index == 0 else None)
    return book


def apply(world: World, book: Spreadsheet, body: dict) -> dict:
    """spreadsheets.batchUpdate: every request applied in order, or none of them."""
    check_fields(body, {"requests", "includeSpreadsheetInResponse", "responseRanges",
                        "responseIncludeGridData"})
    requests = body.get("requests")
    if not isinstance(requests, list) or not requests:
        raise invalid_argument("Invalid requests: must contain at least one request")
    with all_or_nothing(book):
        replies = [_apply_one(world, book, request, f"requests[{index}]") for index, request in enumerate(requests)]
    world.touch(book)
    answer: dict = {"spreadsheetId": book.spreadsheet_id, "replies": replies}
    if body.get("includeSpreadsheetInResponse") is True:
        answer["updatedSpreadsheet"] = book.as_json(developer_metadata.visible(book, caller_project()))
    return answer


def _apply_one(world: World, book: Spreadsheet, request: Any, where: str) -> dict:
    if not isinstance(request, dict) or len(request) != 1:
        raise invalid_argument(f"Invalid {where}: exactly one kind of request must be set")
    kind, body = next(iter(request.items()))
    handler = HANDLERS.get(kind)
    if handler is None:
        if kind in COSMETIC:
            return {}
        if kind in NOT_MODELLED:
            raise invalid_argument(f"Invalid {where}.{kind}: the Sheets stand-in does not implement {kind}.")
        raise invalid_argument(f'Invalid JSON payload received. Unknown name "{kind}" at \'{where}\': '
                               f"Cannot find field.")
    if not isinstance(body, dict):
        raise invalid_argument(f"Invalid value at '{where}.{kind}', expected an object")
    try:
        return handler(world, book, body, f"{where}.{kind}") or {}
    except GridError as error:
        raise invalid_argument(f"Invalid {where}.{kind}: {error}") from None


def _sheet(book: Spreadsheet, sheet_id: Any, where: str) -> Sheet:
    try:
        return book.sheet_by_id(sheet_id)
    except KeyError:
        raise invalid_argument(f"Invalid {where}: No grid with id: {sheet_id}") from None


def _add_sheet(world: World, book: Spreadsheet, properties: dict, where: str,
               sheet_id: int | None = None) -> Sheet:
    check_fields(properties, SHEET_FIELDS, where)
    grid = properties.get("gridProperties") or {}
    check_fields(grid, GRID_FIELDS, where + ".grid_properties")
    title = properties.get("title") or _next_title(world, book)
    if any(sheet.title == title for sheet in book.sheets):
        raise invalid_argument(f'Invalid {where}: A sheet with the name "{title}" already exists. '
                               f"Please enter another name.")
    wanted_id = properties.get("sheetId", sheet_id)
    if wanted_id is not None and any(sheet.sheet_id == wanted_id for sheet in book.sheets):
        raise invalid_argument(f"Invalid {where}: Sheet with id {wanted_id} already exists.")
    sheet = Sheet(wanted_id if wanted_id is not None else world.new_sheet_id(book), str(title),
                  integer(grid, "rowCount", where, 1000), integer(grid, "columnCount", where, 26),
                  integer(grid, "frozenRowCount", where, 0), integer(grid, "frozenColumnCount", where, 0),
                  bool(properties.get("hidden", False)))
    book.check_grid(None, sheet.row_count, sheet.column_count)
    index = min(max(integer(properties, "index", where, len(book.sheets)), 0), len(book.sheets))
    book.sheets.insert(index, sheet)
    return sheet


def _next_title(world: World, book: Spreadsheet) -> str:
    base = world.settings.default_tab_title.rstrip("0123456789")
    titles = {sheet.title for sheet in book.sheets}
    return next(title for n in count(len(book.sheets) + 1) if (title := f"{base}{n}") not in titles)


def add_sheet(world: World, book: Spreadsheet, body: dict, where: str) -> dict:
    check_fields(body, {"properties"}, where)
    sheet = _add_sheet(world, book, body.get("properties") or {}, where + ".properties")
    return {"addSheet": {"properties": sheet.properties(book.sheets.index(sheet))}}


def delete_sheet(world: World, book: Spreadsheet, body: dict, where: str) -> None:
    sheet = _sheet(book, integer(body, "sheetId", where, 0), where)
    if len(book.sheets) == 1:
        raise invalid_argument(f"Invalid {where}: You can't remove all the sheets in a document.")
    book.remove_sheet(sheet)


def update_sheet_properties(world: World, book: Spreadsheet, body: dict, where: str) -> None:
    properties = body.get("properties") or {}
    check_fields(properties, SHEET_FIELDS, where + ".properties")
    sheet, mask = _sheet(book, properties.get("sheetId", 0), where), mask_of(body, where)
    for path in mask - {"*"}:
        head, _, sub = path.partition(".")
        if head not in SHEET_FIELDS or (sub and (head != "gridProperties" or sub not in GRID_FIELDS)):
            raise invalid_argument(f"Invalid {where}: Invalid field mask path: {path}")
    grid = properties.get("gridProperties") or {}
    if covers(mask, "title"):
        title = properties.get("title")
        if not title or any(other.title == title for other in book.sheets if other is not sheet):
            raise invalid_argument(f'Invalid {where}: A sheet with the name "{title}" already exists. '
                                   f"Please enter another name." if title else f"Invalid {where}: title is required")
        sheet.title = title
    if covers(mask, "hidden"):
        sheet.hidden = bool(properties.get("hidden", False))
    if covers(mask, "gridProperties.frozenRowCount"):
        sheet.frozen_rows = integer(grid, "frozenRowCount", where, 0)
    if covers(mask, "gridProperties.frozenColumnCount"):
        sheet.frozen_columns = integer(grid, "frozenColumnCount", where, 0)
    rows = integer(grid, "rowCount", where) if covers(mask, "gridProperties.rowCount") else sheet.row_count
    columns = integer(grid, "columnCount", where) if covers(mask, "gridProperties.columnCount") else sheet.column_count
    if (rows, columns) != (sheet.row_count, sheet.column_count):
        book.check_grid(sheet, rows, columns)
        sheet.resize(rows, columns)
    if covers(mask, "index"):
        book.sheets.remove(sheet)
        book.sheets.insert(min(max(integer(properties, "index", where, 0), 0), len(book.sheets)), sheet)


def update_spreadsheet_properties(world: World, book: Spreadsheet, body: dict, where: str) -> None:
    properties, mask = body.get("properties") or {}, mask_of(body, where)
    if covers(mask, "title"):
        book.title = str(properties.get("title") or "")
    if covers(mask, "locale"):
        book.locale = str(properties.get("locale") or book.locale)
    if covers(mask, "timeZone"):
        book.time_zone = str(properties.get("timeZone") or book.time_zone)


def _dimension_span(book: Spreadsheet, body: dict, where: str) -> tuple[Sheet, bool, int, int]:
    """(sheet, is_rows, start, end) of a DimensionRange, checked against the grid."""
    span = body.get("range") if "range" in body else body
    if not isinstance(span, dict):
        raise invalid_argument(f"Invalid {where}: range is required")
    sheet = _sheet(book, span.get("sheetId", 0), where)
    dimension = span.get("dimension")
    if dimension not in ("ROWS", "COLUMNS"):
        raise invalid_argument(f"Invalid {where}: dimension must be ROWS or COLUMNS")
    start, end = integer(span, "startIndex", where, 0), integer(span, "endIndex", where)
    if not 0 <= start < end:
        raise invalid_argument(f"Invalid {where}: the range's startIndex must be less than its endIndex")
    return sheet, dimension == "ROWS", start, end


def insert_dimension(world: World, book: Spreadsheet, body: dict, where: str) -> None:
    sheet, rows, start, end = _dimension_span(book, body, where)
    if start > (sheet.row_count if rows else sheet.column_count):
        raise invalid_argument(f"Invalid {where}: range is out of the grid")
    if rows:
        book.check_grid(sheet, sheet.row_count + end - start, sheet.column_count)
        sheet.insert_rows(start, end - start)
    else:
        book.check_grid(sheet, sheet.row_count, sheet.column_count + end - start)
        sheet.insert_columns(start, end - start)


def delete_dimension(world: World, book: Spreadsheet, body: dict, where: str) -> None:
    sheet, rows, start, end = _dimension_span(book, body, where)
    if end > (sheet.row_count if rows else sheet.column_count):
        raise invalid_argument(f"Invalid {where}: range is out of the grid")
    (sheet.delete_rows if rows else sheet.delete_columns)(start, end)


def append_dimension(world: World, book: Spreadsheet, body: dict, where: str) -> None:
    sheet = _sheet(book, body.get("sheetId", 0), where)
    length = integer(body, "length", where)
    if length < 1 or body.get("dimension") not in ("ROWS", "COLUMNS"):
        raise invalid_argument(f"Invalid {where}: length must be positive and dimension ROWS or COLUMNS")
    rows = sheet.row_count + (length if body["dimension"] == "ROWS" else 0)
    columns = sheet.column_count + (length if body["dimension"] == "COLUMNS" else 0)
    book.check_grid(sheet, rows, columns)
    sheet.resize(rows, columns)


def grid_bounds(book: Spreadsheet, span: Any, where: str) -> tuple[Sheet, int, int, int, int]:
    """A GridRange's sheet and bounds; unset ends reach the grid's edge."""
    if not isinstance(span, dict):
        raise invalid_argument(f"Invalid {where}: range is required")
    sheet = _sheet(book, span.get("sheetId", 0), where)
    start_row, start_col = integer(span, "startRowIndex", where, 0), integer(span, "startColumnIndex", where, 0)
    end_row = integer(span, "endRowIndex", where, sheet.row_count)
    end_col = integer(span, "endColumnIndex", where, sheet.column_count)
    if not (0 <= start_row <= end_row <= sheet.row_count and 0 <= start_col <= end_col <= sheet.column_count):
        raise invalid_argument(f"Invalid {where}: range is out of the grid (max rows {sheet.row_count}, "
                               f"max columns {sheet.column_count})")
    return sheet, start_row, end_row, start_col, end_col


def sort_range(world: World, book: Spreadsheet, body: dict, where: str) -> None:
    sheet, start_row, end_row, start_col, end_col = grid_bounds(book, body.get("range"), where)
    specs = []
    for spec in body.get("sortSpecs") or []:
        col = start_col + integer(spec, "dimensionIndex", where, 0) if isinstance(spec, dict) else -1
        order = spec.get("sortOrder", "ASCENDING") if isinstance(spec, dict) else None
        if not start_col <= col < end_col or order not in ("ASCENDING", "DESCENDING"):
            raise invalid_argument(f"Invalid {where}: sortSpecs must name a column of the range and an order")
        specs.append((col, order == "ASCENDING"))
    sort_rows(book, sheet, start_row, end_row, start_col, end_col, specs)


def _cell_from_data(data: Any, existing: Cell | None, mask: set[str], where: str) -> Cell | None:
    """A CellData applied to a cell under a field mask (values and number formats are modelled)."""
    if not isinstance(data, dict):
        raise invalid_argument(f"Invalid {where}: a cell must be an object")
    cell = existing or Cell()
    if covers(mask, "userEnteredValue"):
        value = data.get("userEnteredValue") or {}
        if "formulaValue" in value:
            cell = Cell(formula=str(value["formulaValue"]), format=cell.format)
        else:
            typed = next((value[key] for key in ("stringValue", "numberValue", "boolValue") if key in value), None)
            cell = Cell(float(typed) if isinstance(typed, int) and not isinstance(typed, bool) else typed,
                        format=cell.format)
    if covers(mask, "userEnteredFormat.numberFormat"):
        number_format = (data.get("userEnteredFormat") or {}).get("numberFormat")
        cell = cell.with_format(NumberFormat(str(number_format.get("type", "NUMBER")), str(number_format.get(
            "pattern", ""))) if isinstance(number_format, dict) else None)
    return cell


def update_cells(world: World, book: Spreadsheet, body: dict, where: str) -> None:
    mask = mask_of(body, where)
    if "start" in body:
        start = body["start"] if isinstance(body["start"], dict) else {}
        sheet = _sheet(book, start.get("sheetId", 0), where)
        start_row, start_col = integer(start, "rowIndex", where, 0), integer(start, "columnIndex", where, 0)
        end_row, end_col = sheet.row_count, sheet.column_count
    else:
        sheet, start_row, end_row, start_col, end_col = grid_bounds(book, body.get("range"), where)
    for r, row in enumerate(body.get("rows") or []):
        for c, data in enumerate((row or {}).get("values") or []):
            if start_row + r >= end_row or start_col + c >= end_col:
                raise invalid_argument(f"Invalid {where}: the rows do not fit in the range")
            sheet.put(start_row + r, start_col + c,
                      _cell_from_data(data, sheet.cell(start_row + r, start_col + c), mask, where))


def repeat_cell(world: World, book: Spreadsheet, body: dict, where: str) -> None:
    sheet, start_row, end_row, start_col, end_col = grid_bounds(book, body.get("range"), where)
    mask, data = mask_of(body, where), body.get("cell") or {}
    for row in range(start_row, end_row):
        for col in range(start_col, end_col):
            sheet.put(row, col, _cell_from_data(data, sheet.cell(row, col), mask, where))


HANDLERS: dict[str, Callable[[World, Spreadsheet, dict, str], dict | None]] = {
    "addSheet": add_sheet, "deleteSheet": delete_sheet, "updateSheetProperties": update_sheet_properties,
    "updateSpreadsheetProperties": update_spreadsheet_properties, "appendDimension": append_dimension,
    "insertDimension": insert_dimension, "deleteDimension": delete_dimension, "sortRange": sort_range,
    "updateCells": update_cells, "repeatCell": repeat_cell, **developer_metadata.HANDLERS,
}
