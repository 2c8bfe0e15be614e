"""What a spreadsheet cell is, and the few ways every part of mapping looks at one.

Cells arrive as Google Sheets' UNFORMATTED_VALUE gives them: `str`, `int`, `float`, `bool`,
or nothing. `fold` is the one accent- and case-insensitive comparison used for headers,
choice words and filters, so "Cartão de Crédito", "cartao de credito" and "CARTÃO-DE-CRÉDITO"
are the same everywhere.
"""
from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Mapping
from decimal import Decimal

CellValue = str | int | float | bool | None
Row = Mapping[str, CellValue]

_NOT_ALPHANUMERIC = re.compile(r"[^0-9a-z]+")


def is_blank(value: object) -> bool:
    """An empty cell: nothing, or only whitespace."""
    return value is None or (isinstance(value, str) and not value.strip())


def fold(text: str) -> str:
    """Text reduced for loose comparison: no accents, no case, punctuation as single spaces."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(_NOT_ALPHANUMERIC.sub(" ", bare.casefold()).split())


def number_text(value: int | float) -> str:
    """A typed number as a person would read it: `10.0` is "10", never "1e+20"."""
    if isinstance(value, float):
        if not math.isfinite(value):
            return str(value)
        if value.is_integer() and abs(value) < 1e16:
            return str(int(value))
        return format(Decimal(repr(value)), "f")
    return str(value)


def cell_text(value: CellValue) -> str:
    """The cell as trimmed text, the way the sheet shows it (booleans as TRUE/FALSE)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (int, float)):
        return number_text(value)
    return unicodedata.normalize("NFC", str(value)).strip()
