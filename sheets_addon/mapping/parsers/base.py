"""The guard every parser starts with: a typed number or a short trimmed text, nothing else.

It is what keeps "a failure is a row error, never an exception" true for strange input: a
checkbox, NaN, a 10,000-character cell or an unexpected type all become a `ParseError` here,
before any regular expression sees them.
"""
from __future__ import annotations

import math
import re
import unicodedata

from .. import messages as msg
from ..cells import CellValue
from ..errors import ParseError

SHORT_TEXT_LIMIT = 120
_NON_DIGITS = re.compile(r"[^0-9]")


def typed_or_text(value: CellValue, problem: str, hint: str,
                  *, limit: int = SHORT_TEXT_LIMIT) -> int | float | str:
    """A finite int/float as typed by the sheet, or the cell's trimmed NFC text."""
    if isinstance(value, bool):
        raise ParseError(problem, msg.CHECKBOX_HINT)
    if isinstance(value, float) and not math.isfinite(value):
        raise ParseError(problem, hint)
    if isinstance(value, (int, float)):
        return value
    if not isinstance(value, str):
        raise ParseError(problem, hint)
    text = unicodedata.normalize("NFC", value).strip()
    if not text:
        raise ParseError(problem, msg.EMPTY_HINT)
    if len(text) > limit:
        raise ParseError(problem, msg.too_long_for_value(len(text)))
    return text


def digits_only(text: str) -> str:
    """ASCII digits of `text` (Unicode digits such as "²" or "١" are not digits here)."""
    return _NON_DIGITS.sub("", text)


def whole_number(value: int | float, problem: str, hint: str) -> int:
    """A typed number that must be whole (`3.0` is 3, `3.5` is an error)."""
    if isinstance(value, float):
        if not value.is_integer():
            raise ParseError(problem, hint)
        return int(value)
    return value
