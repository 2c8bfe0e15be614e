"""Reading cells the way the API answers: effective values (formulas evaluated), then rendered
per valueRenderOption / dateTimeRenderOption in the spreadsheet's pt_BR locale."""
from __future__ import annotations

from .a1 import A1Range
from .cells import Cell, FormulaError, NumberFormat, is_date_format, json_number
from .formulas import REF_ERROR, evaluate
from .model import Sheet, Spreadsheet
from .ptbr import BOOLEAN_TEXT, format_moment, format_number

FORMATTED, UNFORMATTED, FORMULA = "FORMATTED_VALUE", "UNFORMATTED_VALUE", "FORMULA"
SERIAL_NUMBER, FORMATTED_STRING = "SERIAL_NUMBER", "FORMATTED_STRING"
MAX_DEPTH = 200

Effective = tuple[float | str | bool | None, NumberFormat | None]


class Evaluator:
    """Effective values of one spreadsheet during one read; a cycle evaluates to #REF!."""

    def __init__(self, book: Spreadsheet):
        self.book = book
        self.cache: dict[tuple[int, int, int], Effective] = {}
        self.visiting: set[tuple[int, int, int]] = set()

    def effective(self, sheet: Sheet, row: int, col: int) -> Effective:
        cell = sheet.cell(row, col)
        if cell is None or cell.formula is None:
            return (cell.value, cell.format) if cell else (None, None)
        key = (sheet.sheet_id, row, col)
        if key in self.cache:
            return self.cache[key]
        if key in self.visiting or len(self.visiting) > MAX_DEPTH:
            return REF_ERROR, None
        self.visiting.add(key)
        try:
            result = evaluate(cell.formula, lambda grid: self._referenced(sheet, grid))
        finally:
            self.visiting.discard(key)
        self.cache[key] = (result.value, cell.format or result.format)
        return self.cache[key]

    def _referenced(self, current: Sheet, grid: A1Range) -> list[list[Effective]]:
        sheet = self.book.sheet_named(grid.sheet) if grid.sheet else current
        end_row = grid.end_row if grid.end_row is not None else sheet.row_count
        end_col = grid.end_col if grid.end_col is not None else sheet.column_count
        if end_row > sheet.row_count or end_col > sheet.column_count:
            raise LookupError("outside the grid")
        return [[self.effective(sheet, row, col) for col in range(grid.start_col, end_col)]
                for row in range(grid.start_row, min(end_row, len(sheet.rows)))] or [[(None, None)]]


def render(cell: Cell | None, effective: Effective, value_render: str, date_render: str):
    """One cell as JSON for the answer ("" for an empty cell; trimming happens later)."""
    if value_render == FORMULA and cell is not None and cell.formula is not None:
        return cell.formula
    value, number_format = effective
    if value is None:
        return ""
    if isinstance(value, FormulaError) or isinstance(value, str):
        return str(value)
    if isinstance(value, bool):
        return BOOLEAN_TEXT[value] if value_render == FORMATTED else value
    if value_render == FORMATTED:
        return format_number(value, number_format)
    if is_date_format(number_format) and date_render == FORMATTED_STRING:
        return format_moment(value, number_format)  # type: ignore[arg-type]
    return json_number(value)
