"""The values resource: reading, writing, appending and clearing ranges, as spreadsheets.values does.

These functions take a spreadsheet and plain arguments and answer the API's JSON; routes and
the test controls (a person typing) share them.
"""
from __future__ import annotations

from typing import Any

from .a1 import format_range
from .cells import Cell
from .errors import invalid_argument
from .model import GridError, Sheet, Spreadsheet
from .ptbr import parse_typed
from .ranges import Target, exceeds_grid, resolve
from .render import FORMATTED, SERIAL_NUMBER, Evaluator, render

RAW, USER_ENTERED = "RAW", "USER_ENTERED"
ROWS, COLUMNS = "ROWS", "COLUMNS"
OVERWRITE, INSERT_ROWS = "OVERWRITE", "INSERT_ROWS"


def entered(value: Any, option: str, existing: Cell | None) -> Cell | None:
    """The cell a JSON value becomes: RAW keeps it as sent, USER_ENTERED reads it as typed in pt_BR.

    None skips the cell (the API's rule); the cell's own number format stays unless the typed
    text brings one (typing `31/12/2026` makes a date).
    """
    if value is None:
        return existing
    if isinstance(value, bool):
        cell = Cell(value)
    elif isinstance(value, (int, float)):
        cell = Cell(float(value))
    elif option == USER_ENTERED:
        cell = parse_typed(value)
    else:
        cell = Cell(value if value != "" else None)
    if cell.format is None and existing is not None and existing.format is not None:
        cell = cell.with_format(existing.format)
    return cell


def check_values(values: Any, where: str = "values") -> list[list]:
    """A ValueRange's `values`: a list of lists of strings, numbers, booleans or nulls."""
    if values is None:
        return []
    if not isinstance(values, list):
        raise invalid_argument(f"Invalid value at '{where}' (type.googleapis.com/google.protobuf.ListValue)")
    for r, row in enumerate(values):
        if not isinstance(row, list):
            raise invalid_argument(f"Invalid value at '{where}[{r}]' (type.googleapis.com/google.protobuf.ListValue)")
        for c, value in enumerate(row):
            if isinstance(value, (list, dict)):
                kind = "list_value" if isinstance(value, list) else "struct_value"
                raise invalid_argument(f"Invalid {where}[{r}][{c}]: {kind}")
    return values


def as_rows(values: list[list], major: str) -> list[list]:
    """Input values in row order (COLUMNS input is transposed; short columns leave cells alone)."""
    if major != COLUMNS:
        return values
    height = max((len(column) for column in values), default=0)
    return [[column[r] if r < len(column) else None for column in values] for r in range(height)]


def read(book: Spreadsheet, text: str, major: str = ROWS, value_render: str = FORMATTED,
         date_render: str = SERIAL_NUMBER) -> dict:
    """A ValueRange: the range as Google normalises it, and the values with trailing blanks trimmed."""
    target = resolve(book, text)
    return value_range(book, target, major, value_render, date_render)


def value_range(book: Spreadsheet, target: Target, major: str, value_render: str, date_render: str) -> dict:
    sheet, evaluator = target.sheet, Evaluator(book)
    grid = []
    for row in range(target.start_row, min(target.end_row, len(sheet.rows))):
        columns = [col for col in sheet.rows[row] if target.start_col <= col < target.end_col]
        width = max(columns, default=target.start_col - 1) - target.start_col + 1
        grid.append([render(sheet.cell(row, col), evaluator.effective(sheet, row, col), value_render, date_render)
                     for col in range(target.start_col, target.start_col + width)])
    if major == COLUMNS:
        width = max((len(row) for row in grid), default=0)
        grid = [[row[c] if c < len(row) else "" for row in grid] for c in range(width)]
    answer: dict = {"range": target.a1(), "majorDimension": major}
    trimmed = _trim(grid)
    if trimmed:
        answer["values"] = trimmed
    return answer


def _trim(grid: list[list]) -> list[list]:
    """Drops trailing empty cells of each line and trailing empty lines, as Google does."""
    lines = []
    for line in grid:
        end = len(line)
        while end and line[end - 1] == "":
            end -= 1
        lines.append(line[:end])
    while lines and not lines[-1]:
        lines.pop()
    return lines


def write(book: Spreadsheet, text: str, values: list[list], option: str, major: str = ROWS) -> dict:
    """values.update: writes from the range's top-left; a multi-cell range bounds the values."""
    target = resolve(book, text)
    rows = as_rows(check_values(values), major)
    return _write_rows(book, target, rows, option)


def _write_rows(book: Spreadsheet, target: Target, rows: list[list], option: str) -> dict:
    sheet = target.sheet
    height, width = len(rows), max((len(row) for row in rows), default=0)
    _check_fits(target, height, width)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            row_index, col_index = target.start_row + r, target.start_col + c
            sheet.put(row_index, col_index, entered(value, option, sheet.cell(row_index, col_index)))
    answer: dict = {"spreadsheetId": book.spreadsheet_id}
    if height and width:
        answer.update(updatedRange=format_range(sheet.title, target.start_row, target.start_row + height,
                                                target.start_col, target.start_col + width),
                      updatedRows=height, updatedColumns=width,
                      updatedCells=sum(1 for row in rows for value in row if value is not None))
    else:
        answer["updatedRange"] = target.a1()
    return answer


def _check_fits(target: Target, height: int, width: int) -> None:
    sheet = target.sheet
    last_row, last_col = target.start_row + height, target.start_col + width
    if target.write_end_row is not None and last_row > target.write_end_row:
        raise invalid_argument(f"Requested writing within range [{target.a1()}], but tried writing to row "
                               f"[{target.write_end_row + 1}]")
    if target.write_end_col is not None and last_col > target.write_end_col:
        raise invalid_argument(f"Requested writing within range [{target.a1()}], but tried writing to column "
                               f"[{format_range(sheet.title, 0, 1, target.write_end_col, target.write_end_col + 1)}]")
    if last_row > sheet.row_count or last_col > sheet.column_count:
        raise exceeds_grid(format_range(sheet.title, target.start_row, max(last_row, target.start_row + 1),
                                        target.start_col, max(last_col, target.start_col + 1)), sheet)


def append(book: Spreadsheet, text: str, values: list[list], option: str, insert: str = OVERWRITE,
           major: str = ROWS) -> dict:
    """values.append: finds the table in the range and writes after its last row, growing the grid.

    The table is the first non-empty row inside the range and the non-empty rows right below
    it; new rows start at the table's first column (or at the range's top-left when empty).
    """
    target = resolve(book, text)
    rows = as_rows(check_values(values), major)
    sheet = target.sheet
    table = _find_table(target)
    if table is None:
        start_row, start_col = target.start_row, target.start_col
    else:
        start_row, start_col = table[1], table[2]
    height, width = len(rows), max((len(row) for row in rows), default=0)
    try:
        _make_room(book, sheet, start_row, start_col, height, width, insert)
    except GridError as error:
        raise invalid_argument(str(error)) from None
    anchor = Target(sheet, start_row, start_row + max(height, 1), start_col, start_col + max(width, 1), None, None)
    answer: dict = {"spreadsheetId": book.spreadsheet_id}
    if table is not None:
        answer["tableRange"] = format_range(sheet.title, table[0], table[1], table[2], table[3])
    answer["updates"] = _write_rows(book, anchor, rows, option)
    return answer


def _find_table(target: Target) -> tuple[int, int, int, int] | None:
    """(first row, row after the last, first column, column after the last) of the table, or None."""
    sheet = target.sheet
    first_col, end_col = target.start_col, target.end_col if target.write_end_col is not None else None
    first = next((row for row in range(target.start_row, min(target.end_row, len(sheet.rows)))
                  if not sheet.row_is_empty(row, first_col, end_col)), None)
    if first is None:
        return None
    last = first
    while not sheet.row_is_empty(last + 1, first_col, end_col):
        last += 1
    columns = [col for row in range(first, last + 1) for col, cell in sheet.rows[row].items()
               if not cell.is_empty and col >= first_col and (end_col is None or col < end_col)]
    return first, last + 1, min(columns), max(columns) + 1


def _make_room(book: Spreadsheet, sheet: Sheet, start_row: int, start_col: int, height: int, width: int,
               insert: str) -> None:
    """INSERT_ROWS pushes what is below down; either way the grid grows to take the values."""
    extra_cols = max(0, start_col + width - sheet.column_count)
    if insert == INSERT_ROWS and height:
        book.check_grid(sheet, sheet.row_count + height, sheet.column_count + extra_cols)
        sheet.insert_rows(start_row, height)
    extra_rows = max(0, start_row + height - sheet.row_count)
    if extra_rows or extra_cols:
        book.check_grid(sheet, sheet.row_count + extra_rows, sheet.column_count + extra_cols)
        sheet.resize(sheet.row_count + extra_rows, sheet.column_count + extra_cols)


def clear(book: Spreadsheet, text: str) -> dict:
    """values.clear: values and formulas go, number formats stay."""
    target = resolve(book, text)
    sheet = target.sheet
    for row in range(target.start_row, min(target.end_row, len(sheet.rows))):
        for col in [c for c in sheet.rows[row] if target.start_col <= c < target.end_col]:
            sheet.put(row, col, Cell(format=sheet.rows[row][col].format))
    return {"spreadsheetId": book.spreadsheet_id, "clearedRange": target.a1()}
