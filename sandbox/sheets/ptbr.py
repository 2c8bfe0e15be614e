"""How a spreadsheet in the pt_BR locale reads what a person types, and how it shows numbers.

Parsing is USER_ENTERED's job: `1.234,56` is a number, `R$ 1.234,56` a number shown as
currency, `31/12/2026` a date, `VERDADEIRO` a boolean, `'0123` the text "0123", `=…` a formula.
Formatting is FORMATTED_VALUE's job: `.` groups thousands, `,` separates decimals.
"""
from __future__ import annotations

import re
from datetime import date, datetime, time
from decimal import ROUND_HALF_UP, Decimal

from .cells import (CURRENCY_BRL, DATE_BR, DATE_ISO, DATE_TIME_BR, GROUPED, GROUPED_INTEGER, PERCENT,
                    PERCENT_INTEGER, TIME_BR, Cell, NumberFormat, datetime_from_serial, is_date_format, serial_from)

TRUE_WORDS = {"TRUE": True, "VERDADEIRO": True, "FALSE": False, "FALSO": False}
_NUMBER = r"(\d{1,3}(?:\.\d{3})+|\d*)(?:,(\d+))?"
_PLAIN = re.compile(rf"([+-]?){_NUMBER}")
_CURRENCY = re.compile(rf"(-?)\s*R\$\s*(-?)\s*{_NUMBER}")
_PERCENT = re.compile(rf"([+-]?){_NUMBER}\s*%")
_DATE_BR = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?")
_DATE_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_TIME = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2}))?")
_NUMERIC_CORE = re.compile(r"[#0][#0,]*(?:\.[#0]+)?|\.[#0]+")
_DATE_TOKENS = re.compile(r'yyyy|yy|dd|d|MM|M|mm|m|HH|H|hh|h|ss|s|"[^"]*"|.', re.DOTALL)
BOOLEAN_TEXT = {True: "VERDADEIRO", False: "FALSO"}


def parse_typed(text: str) -> Cell:
    """The cell a pt_BR sheet keeps when someone types `text` (format None = keep the cell's)."""
    if text.startswith("'"):
        return Cell(text[1:])
    if text.startswith("=") and len(text) > 1:
        return Cell(formula=text)
    stripped = text.strip()
    for parse in (_boolean, _currency, _percent, _plain_number, _date_br, _date_iso, _time_of_day):
        cell = parse(stripped)
        if cell is not None:
            return cell
    return Cell(text if text else None)


def parse_number(text: str) -> float | None:
    """A pt_BR number as a person writes it (`1.234,56`, `-3`, `0,5`), or None."""
    cell = _plain_number(text.strip())
    return cell.value if cell is not None else None  # type: ignore[return-value]


def _decimal(integer: str, fraction: str | None) -> float | None:
    if not integer and not fraction:
        return None
    return float(f"{integer.replace('.', '') or '0'}.{fraction or '0'}")


def _boolean(text: str) -> Cell | None:
    word = TRUE_WORDS.get(text.upper())
    return Cell(word) if word is not None else None


def _plain_number(text: str) -> Cell | None:
    match = _PLAIN.fullmatch(text)
    if not match or (value := _decimal(match.group(2), match.group(3))) is None:
        return None
    grouped = "." in match.group(2)
    number_format = (GROUPED if match.group(3) else GROUPED_INTEGER) if grouped else None
    return Cell(-value if match.group(1) == "-" else value, format=number_format)


def _currency(text: str) -> Cell | None:
    match = _CURRENCY.fullmatch(text)
    if not match or (value := _decimal(match.group(3), match.group(4))) is None:
        return None
    negative = (match.group(1) == "-") != (match.group(2) == "-")
    return Cell(-value if negative else value, format=CURRENCY_BRL)


def _percent(text: str) -> Cell | None:
    match = _PERCENT.fullmatch(text)
    if not match or (value := _decimal(match.group(2), match.group(3))) is None:
        return None
    value = float(Decimal(repr(value)) / 100)
    return Cell(-value if match.group(1) == "-" else value, format=PERCENT if match.group(3) else PERCENT_INTEGER)


def _date_br(text: str) -> Cell | None:
    match = _DATE_BR.fullmatch(text)
    if not match:
        return None
    day, month, year = int(match.group(1)), int(match.group(2)), int(match.group(3))
    if len(match.group(3)) == 2:
        year += 2000 if year < 30 else 1900      # Sheets' two-digit year window
    hour, minute, second = (int(part or 0) for part in match.group(4, 5, 6))
    try:
        moment = datetime(year, month, day, hour, minute, second)
    except ValueError:
        return None
    if match.group(4) is None:
        return Cell(serial_from(moment.date()), format=DATE_BR)
    return Cell(serial_from(moment), format=DATE_TIME_BR)


def _date_iso(text: str) -> Cell | None:
    match = _DATE_ISO.fullmatch(text)
    try:
        return Cell(serial_from(date(*map(int, match.groups()))), format=DATE_ISO) if match else None
    except ValueError:
        return None


def _time_of_day(text: str) -> Cell | None:
    match = _TIME.fullmatch(text)
    try:
        moment = time(int(match.group(1)), int(match.group(2)), int(match.group(3) or 0)) if match else None
    except ValueError:
        return None
    return Cell(serial_from(moment), format=TIME_BR) if moment else None


def format_number(value: float, number_format: NumberFormat | None) -> str:
    """A number as a pt_BR sheet shows it under its format (no format = Sheets' automatic)."""
    if is_date_format(number_format):
        return format_moment(value, number_format)  # type: ignore[arg-type]
    if number_format is None or number_format.type == "TEXT":
        return _automatic(value)
    pattern = number_format.pattern or {"CURRENCY": CURRENCY_BRL.pattern,
                                         "PERCENT": PERCENT.pattern}.get(number_format.type, GROUPED.pattern)
    return _with_pattern(value, pattern)


def _automatic(value: float) -> str:
    """Sheets' automatic format: integers in full, other numbers to ten significant digits."""
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    text = f"{value:.10g}"
    if "e" in text:
        text = f"{value:.2E}"
    return text.replace(".", ",")


def _with_pattern(value: float, pattern: str) -> str:
    """Applies a number pattern's first section: literals, grouping, decimals, percent."""
    section = pattern.split(";")[0]
    core = _NUMERIC_CORE.search(section)
    if core is None:
        return _automatic(value)
    prefix, suffix = _literal(section[:core.start()]), _literal(section[core.end():])
    whole, _, fraction = core.group().partition(".")
    if "%" in section:
        value *= 100
    amount = Decimal(repr(abs(value))).quantize(Decimal(1).scaleb(-len(fraction)), ROUND_HALF_UP)
    integer, _, decimals = f"{amount:f}".partition(".")
    optional = len(fraction) - fraction.count("0")
    if optional:
        decimals = decimals[:len(decimals) - optional] + decimals[len(decimals) - optional:].rstrip("0")
    if "," in whole:
        integer = f"{int(integer):,}".replace(",", ".")
    digits = integer + ("," + decimals if decimals else "")
    sign = "-" if value < 0 and amount != 0 else ""
    return f"{sign}{prefix}{digits}{suffix}"


def _literal(text: str) -> str:
    return text.replace('"', "").replace("\\", "")


def format_moment(serial: float, number_format: NumberFormat) -> str:
    """A serial date/time under a date pattern (`dd/MM/yyyy`, `HH:mm:ss`...)."""
    moment = datetime_from_serial(serial)
    pattern = number_format.pattern or {"DATE": DATE_BR.pattern, "TIME": TIME_BR.pattern}.get(
        number_format.type, DATE_TIME_BR.pattern)
    tokens = _DATE_TOKENS.findall(pattern)
    return "".join(_date_token(token, moment, tokens[:index], tokens[index + 1:])
                   for index, token in enumerate(tokens))


def _date_token(token: str, moment: datetime, before: list[str], after: list[str]) -> str:
    if token in ("mm", "m"):
        if not _is_minute(before, after):
            return _date_token(token.upper(), moment, before, after)
        return f"{moment.minute:02d}" if token == "mm" else str(moment.minute)
    values = {"yyyy": f"{moment.year:04d}", "yy": f"{moment.year % 100:02d}", "dd": f"{moment.day:02d}",
              "d": str(moment.day), "MM": f"{moment.month:02d}", "M": str(moment.month),
              "HH": f"{moment.hour:02d}", "H": str(moment.hour), "hh": f"{(moment.hour % 12) or 12:02d}",
              "h": str((moment.hour % 12) or 12), "ss": f"{moment.second:02d}", "s": str(moment.second)}
    if token in values:
        return values[token]
    return token[1:-1] if token.startswith('"') else token


def _is_minute(before: list[str], after: list[str]) -> bool:
    """`mm` means minutes right after an hour or right before seconds, months otherwise."""
    previous = next((token for token in reversed(before) if token[0] in "yMdHhms"), "")
    following = next((token for token in after if token[0] in "yMdHhms"), "")
    return previous[:1] in ("H", "h") or following[:1] == "s"
