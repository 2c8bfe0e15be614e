"""From a range in A1 text to a tab and concrete grid bounds, with Google's errors when it can't be."""
from __future__ import annotations

from dataclasses import dataclass

from .a1 import A1Error, A1Range, format_range, parse_range
from .errors import GoogleError, invalid_argument
from .model import Sheet, Spreadsheet


@dataclass(frozen=True)
class Target:
    """A range resolved on a tab: bounds clamped to the grid, plus the bounds writes must respect.

    A single cell or a bare tab name only anchors a write (values may run on to the grid's edge);
    any other range bounds it.
    """

    sheet: Sheet
    start_row: int
    end_row: int
    start_col: int
    end_col: int
    write_end_row: int | None
    write_end_col: int | None

    def a1(self) -> str:
        return format_range(self.sheet.title, self.start_row, self.end_row, self.start_col, self.end_col)


def unparseable(text: str) -> GoogleError:
    return invalid_argument(f"Unable to parse range: {text}")


def parse(text: str) -> A1Range:
    try:
        return parse_range(text)
    except A1Error:
        raise unparseable(text) from None


def resolve(book: Spreadsheet, text: str) -> Target:
    """The tab and bounds `text` names; 400 for unknown tabs and ranges starting off the grid."""
    if not isinstance(text, str):
        raise invalid_argument(f"Invalid value at 'range' (TYPE_STRING), {text!r}")
    parsed = parse(text)
    try:
        sheet = book.sheet_named(parsed.sheet) if parsed.sheet is not None else book.first_visible()
    except KeyError:
        raise unparseable(text) from None
    if parsed.start_row >= sheet.row_count or parsed.start_col >= sheet.column_count:
        shown = format_range(sheet.title, parsed.start_row, parsed.end_row or parsed.start_row + 1,
                             parsed.start_col, parsed.end_col or parsed.start_col + 1)
        raise exceeds_grid(shown, sheet)
    end_row = min(parsed.end_row or sheet.row_count, sheet.row_count)
    end_col = min(parsed.end_col or sheet.column_count, sheet.column_count)
    bounded = not parsed.is_single_cell
    return Target(sheet, parsed.start_row, end_row, parsed.start_col, end_col,
                  parsed.end_row if bounded else None, parsed.end_col if bounded else None)


def exceeds_grid(shown: str, sheet: Sheet) -> GoogleError:
    return invalid_argument(f"Range ({shown}) exceeds grid limits. Max rows: {sheet.row_count}, "
                            f"max columns: {sheet.column_count}")
