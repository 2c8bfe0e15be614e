"""Sorting rows of a range the way Sheets does: numbers, then text (ignoring case and accents),
then booleans, then errors; blank cells always last, whichever the direction. Stable.

Only the range's columns move. Formulas move as they are (Sheets would re-point relative refs).
"""
from __future__ import annotations

import unicodedata

from .cells import FormulaError
from .model import Sheet, Spreadsheet
from .render import Evaluator


def sort_rows(book: Spreadsheet, sheet: Sheet, start_row: int, end_row: int, start_col: int, end_col: int,
              specs: list[tuple[int, bool]]) -> None:
    """Sorts rows [start_row, end_row) by (column index, ascending) specs, first spec first."""
    end_row = min(end_row, len(sheet.rows))
    if end_row - start_row < 2:
        return
    evaluator = Evaluator(book)
    lines = [(row, {col: cell for col, cell in sheet.rows[row].items() if start_col <= col < end_col})
             for row in range(start_row, end_row)]
    keys = {row: {col: _key(evaluator.effective(sheet, row, col)[0]) for col, _ in specs} for row, _ in lines}
    for col, ascending in reversed(specs):
        filled = [line for line in lines if keys[line[0]][col] is not None]
        blank = [line for line in lines if keys[line[0]][col] is None]
        filled.sort(key=lambda line: keys[line[0]][col], reverse=not ascending)
        lines = filled + blank
    for offset, (_, cells) in enumerate(lines):
        row = sheet.rows[start_row + offset]
        for col in [c for c in row if start_col <= c < end_col]:
            del row[col]
        row.update(cells)


def _key(value) -> tuple | None:
    if value is None or value == "":
        return None
    if isinstance(value, FormulaError):
        return 3, str(value)
    if isinstance(value, bool):
        return 2, int(value)
    if isinstance(value, float):
        return 0, value
    plain = unicodedata.normalize("NFKD", value.casefold())
    return 1, "".join(char for char in plain if not unicodedata.combining(char))
