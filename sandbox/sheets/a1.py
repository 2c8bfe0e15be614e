"""A1 notation: parsing the ranges people and gspread write, and writing them back like Google.

Indexes are zero-based and half open, as in the API's GridRange; `None` on an end means
"unbounded" (`A:C` has no row bounds, `2:5` no column bounds, a tab name alone neither).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

MAX_COLUMNS = 18_278            # ZZZ, Google's widest sheet
MAX_ROWS = 10_000_000           # no sheet may hold more cells than this anyway

_ENDPOINT = re.compile(r"\$?([A-Za-z]{1,3})?\$?([0-9]{1,8})?")
_SIMPLE_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_CELL_LIKE = re.compile(r"[A-Za-z]{1,3}[0-9]+|[Rr][0-9]*[Cc][0-9]*")


class A1Error(ValueError):
    """The text is not a range Google would parse."""


@dataclass(frozen=True)
class A1Range:
    """A parsed range: the tab it names (None = first visible tab) and its grid bounds."""

    sheet: str | None
    start_row: int = 0
    end_row: int | None = None
    start_col: int = 0
    end_col: int | None = None

    @property
    def is_single_cell(self) -> bool:
        return self.end_row == self.start_row + 1 and self.end_col == self.start_col + 1


def column_letters(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def column_index(letters: str) -> int:
    """A -> 0, Z -> 25, AA -> 26 (case-insensitive)."""
    index = 0
    for char in letters.upper():
        index = index * 26 + ord(char) - ord("A") + 1
    return index - 1


def quote_sheet_name(title: str) -> str:
    """The tab name as Google writes it in a range: bare when simple, else quoted with '' escapes."""
    if _SIMPLE_NAME.fullmatch(title) and not _CELL_LIKE.fullmatch(title):
        return title
    return "'" + title.replace("'", "''") + "'"


def cell_name(row: int, col: int) -> str:
    return f"{column_letters(col)}{row + 1}"


def format_range(title: str, start_row: int, end_row: int, start_col: int, end_col: int) -> str:
    """`'Tab'!A1:C3` from concrete half-open bounds; a single cell is written as `Tab!B2`."""
    first = cell_name(start_row, start_col)
    last = cell_name(end_row - 1, end_col - 1)
    cells = first if first == last else f"{first}:{last}"
    return f"{quote_sheet_name(title)}!{cells}"


def parse_range(text: str) -> A1Range:
    """Parses `'Tab'!A1:C10`, `Tab!A:C`, `2:5`, `A2:C`, `B3`, `'Vendas d''Ana'`, `Vendas`...

    Text without `!` is a range on the first tab when it reads as one, otherwise a tab name.
    """
    text = text.strip()
    if not text:
        raise A1Error("empty range")
    if text.startswith("'"):
        sheet, rest = _quoted_name(text)
        if not rest:
            return A1Range(sheet)
        if not rest.startswith("!"):
            raise A1Error(text)
        return _with_cells(sheet, rest[1:], text)
    if "!" in text:
        sheet, cells = text.rsplit("!", 1)
        if not sheet:
            raise A1Error(text)
        return _with_cells(sheet, cells, text)
    try:
        return _with_cells(None, text, text)
    except A1Error:
        return A1Range(text)


def _quoted_name(text: str) -> tuple[str, str]:
    """Splits `'Vendas d''Ana'!A1` into ("Vendas d'Ana", "!A1")."""
    name, index = [], 1
    while index < len(text):
        char = text[index]
        if char == "'":
            if text[index + 1:index + 2] == "'":
                name.append("'")
                index += 2
                continue
            if not name:
                raise A1Error(text)
            return "".join(name), text[index + 1:]
        name.append(char)
        index += 1
    raise A1Error(text)


def _endpoint(part: str, text: str) -> tuple[int | None, int | None]:
    """One side of a range as (row, col), either possibly missing; rows and columns zero-based."""
    match = _ENDPOINT.fullmatch(part)
    if not part or not match or not (match.group(1) or match.group(2)):
        raise A1Error(text)
    col = column_index(match.group(1)) if match.group(1) else None
    row = int(match.group(2)) - 1 if match.group(2) else None
    if (row is not None and not 0 <= row < MAX_ROWS) or (col is not None and col >= MAX_COLUMNS):
        raise A1Error(text)
    return row, col


def _with_cells(sheet: str | None, cells: str, text: str) -> A1Range:
    parts = cells.split(":")
    if len(parts) == 1:
        row, col = _endpoint(parts[0], text)
        if row is None or col is None:
            raise A1Error(text)
        return A1Range(sheet, row, row + 1, col, col + 1)
    if len(parts) != 2:
        raise A1Error(text)
    (row1, col1), (row2, col2) = _endpoint(parts[0], text), _endpoint(parts[1], text)
    if {_kind(row1, col1), _kind(row2, col2)} == {"column", "row"}:
        raise A1Error(text)                     # `A:5`, `1:B`
    rows = _span(row1, row2)
    cols = _span(col1, col2)
    return A1Range(sheet, rows[0], rows[1], cols[0], cols[1])


def _kind(row: int | None, col: int | None) -> str:
    return "cell" if row is not None and col is not None else ("row" if row is not None else "column")


def _span(first: int | None, last: int | None) -> tuple[int, int | None]:
    """Half-open bounds of one dimension; reversed ends are swapped as Google does."""
    if first is None and last is None:
        return 0, None
    if first is None or last is None:
        start = first if first is not None else 0
        return start, (last + 1 if last is not None else None)
    low, high = sorted((first, last))
    return low, high + 1
