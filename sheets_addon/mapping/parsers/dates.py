"""Dates: "31/12/2026", "31/12/26", "1/2/2026", ISO "2026-12-31", and sheet serial numbers.

Day comes first, always: "01/02/2026" is the 1st of February. A two-digit year is 20YY. A
typed number is a Google Sheets serial (days since 1899-12-30; a fraction is the time of day
and is dropped). Dates outside 1950..2149 are refused as typos: that keeps a year (2026) or
an amount typed into a date column from becoming a date in 1905.
"""
from __future__ import annotations

import re
from datetime import date, timedelta

from .. import messages as msg
from ..cells import CellValue, fold
from ..errors import ParseError
from .base import typed_or_text, whole_number

SHEETS_EPOCH = date(1899, 12, 30)
EARLIEST = date(1950, 1, 1)
LATEST = date(2149, 12, 31)
MAX_DUE_DATES = 360

_TIME_SUFFIX = re.compile(
    r"[ T][0-9]{1,2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?\s*(Z|[+-][0-9]{2}:?[0-9]{2})?$")
_DAY_FIRST = re.compile(r"([0-9]{1,2})([/.-])([0-9]{1,2})\2([0-9]{2}|[0-9]{4})")
_ISO = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")
_LIST_SEPARATORS = re.compile(r"[;,\s]+")
_OPEN_ENDED = {"sem fim", "sem data", "sem data fim", "sem termino", "indeterminado",
               "prazo indeterminado", "nunca", "nao expira", "sem vencimento"}


def parse_date(value: CellValue) -> date:
    """A calendar date from text or a sheet serial; impossible dates are errors."""
    raw = typed_or_text(value, msg.DATE_INVALID, msg.DATE_HINT)
    if isinstance(raw, str):
        found = _date_from_text(_TIME_SUFFIX.sub("", raw))
    else:
        found = _date_from_serial(raw)
    if not EARLIEST <= found <= LATEST:
        raise ParseError(msg.DATE_INVALID, msg.date_out_of_range(EARLIEST.year, LATEST.year))
    return found


def parse_date_list(value: CellValue) -> tuple[date, ...]:
    """Several due dates in one cell ("10/01/2026; 10/02/2026"), in increasing order."""
    if isinstance(value, str):
        parts = [part for part in _LIST_SEPARATORS.split(value.strip()) if part]
        if len(parts) > MAX_DUE_DATES:
            raise ParseError(msg.DATE_LIST_INVALID, msg.date_list_too_long(MAX_DUE_DATES))
    else:
        parts = [value]
    dates = tuple(parse_date(part) for part in parts)
    if not dates:
        raise ParseError(msg.DATE_LIST_INVALID, msg.EMPTY_HINT)
    if any(later <= earlier for earlier, later in zip(dates, dates[1:])):
        raise ParseError(msg.DATE_LIST_INVALID, msg.DATE_LIST_ORDER)
    return dates


def parse_end_date(value: CellValue) -> date | None:
    """A contract's end: a date, or words such as "sem fim" / "indeterminado" (None)."""
    if isinstance(value, str) and fold(value) in _OPEN_ENDED:
        return None
    return parse_date(value)


def parse_day_of_month(value: CellValue) -> int:
    """A day of the month, 1 to 31 ("10", "dia 10", 10)."""
    raw = typed_or_text(value, msg.DAY_INVALID, msg.DAY_HINT)
    if isinstance(raw, str):
        words = fold(raw).removeprefix("dia ")
        if not words.isascii() or not words.isdigit():
            raise ParseError(msg.DAY_INVALID, msg.DAY_HINT)
        raw = int(words)
    day = whole_number(raw, msg.DAY_INVALID, msg.DAY_HINT)
    if not 1 <= day <= 31:
        raise ParseError(msg.DAY_INVALID, msg.DAY_HINT)
    return day


def format_date(day: date) -> str:
    """A date as Brazilians write it, "31/12/2026"."""
    return day.strftime("%d/%m/%Y")


def sheet_serial(day: date) -> int:
    """The Google Sheets serial number of `day` (what an unformatted date cell holds)."""
    return (day - SHEETS_EPOCH).days


def _date_from_serial(serial: int | float) -> date:
    whole = int(serial // 1) if isinstance(serial, float) else serial
    lowest, highest = sheet_serial(EARLIEST), sheet_serial(LATEST)
    if not lowest <= whole <= highest:
        raise ParseError(msg.DATE_INVALID, msg.date_serial_out_of_range(whole))
    return SHEETS_EPOCH + timedelta(days=whole)


def _date_from_text(text: str) -> date:
    if iso := _ISO.fullmatch(text):
        year, month, day = iso.groups()
    elif day_first := _DAY_FIRST.fullmatch(text):
        day, _separator, month, year = day_first.groups()
        year = f"20{year}" if len(year) == 2 else year
    else:
        raise ParseError(msg.DATE_INVALID, msg.DATE_HINT)
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        raise ParseError(msg.DATE_INVALID, msg.date_does_not_exist(text)) from None


