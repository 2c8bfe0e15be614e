"""Free text fields: trimmed, length-limited, and never a formula.

A cell filled by a formula (`=HYPERLINK(...)`) reaches us as the text it shows, so a value
that still *looks* like a formula was typed or pasted as text. We never evaluate it, and we
refuse to pass it on: Conta Azul's exports would open it in someone else's spreadsheet.
"""
from __future__ import annotations

import re
import unicodedata

from .. import messages as msg
from ..cells import CellValue, number_text
from ..errors import ParseError

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_FORMULA = re.compile(r"^(=|[+@]\s*[A-Za-z_][A-Za-z0-9_.]*\()")


def parse_text(value: CellValue, *, max_length: int, multiline: bool = False) -> str:
    """Text for a Conta Azul field: NFC, no control characters, at most `max_length` long.

    Single-line fields (names, codes) have their whitespace runs collapsed to one space;
    multi-line ones (observations) keep their line breaks.
    """
    if isinstance(value, bool):
        raise ParseError(msg.TEXT_INVALID, msg.CHECKBOX_HINT)
    if isinstance(value, (int, float)):
        value = number_text(value)
    if not isinstance(value, str):
        raise ParseError(msg.TEXT_INVALID, msg.EMPTY_HINT)
    text = _CONTROL.sub("", unicodedata.normalize("NFC", value)).strip()
    if not multiline:
        text = " ".join(text.split())
    if not text:
        raise ParseError(msg.TEXT_INVALID, msg.EMPTY_HINT)
    if len(text) > max_length:
        raise ParseError(msg.TEXT_TOO_LONG, msg.text_too_long(max_length, len(text)))
    if _FORMULA.match(text):
        raise ParseError(msg.TEXT_FORMULA, msg.TEXT_FORMULA_HINT)
    return text
