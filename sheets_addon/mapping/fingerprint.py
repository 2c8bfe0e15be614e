"""A row's identity for exactly-once delivery: sha256 of its mapped values as canonical JSON.

Keys are field keys, not headers, so renaming a column and re-mapping it keeps the identity;
blank cells are left out, so mapping one more (empty) column does too. Values are compared
as the sheet holds them (text trimmed and NFC-normalised, 10.0 the same as 10), not as
parsed, so improving a parser never changes which rows count as already sent.
"""
from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Mapping

from .cells import CellValue, Row, cell_text, is_blank
from .columns import resolve_columns


def row_fingerprint(mapping: Mapping[str, str], row: Row) -> str:
    """The fingerprint of `row`'s mapped cells (`mapping` is {field_key: header})."""
    return fingerprint_of(resolve_columns(mapping, row.keys()), row)


def fingerprint_of(columns: Mapping[str, str], row: Row) -> str:
    """The fingerprint for already-resolved columns (field key -> the row's own header)."""
    canonical = {key: _canonical(row.get(header)) for key, header in columns.items()
                 if not is_blank(row.get(header))}
    text = json.dumps(canonical, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _canonical(value: CellValue) -> object:
    if isinstance(value, bool):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            return repr(value)
        return int(value) if value.is_integer() else value
    if isinstance(value, int):
        return value
    return cell_text(value)
