"""Money, quantities, percentages and plain numbers the way Brazilians write them.

Separators: "," is the decimal comma and "." groups thousands ("R$ 1.234,56"). A text with
both separators is read by whichever comes last, so a pasted "1,234.56" also works. A single
"." followed by exactly three digits is a thousands separator: "1.234" is one thousand two
hundred and thirty-four, as a Brazilian reads it; "1234.56" or "1.5" can only be a decimal
point. Numbers the sheet already typed (int/float) go through `str()` into `Decimal`, so
0.1 stays 0.1, and are rounded half-up (to cents for money). Text is never rounded: a typed
"10,005" as money is an error, because we would be guessing.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from .. import messages as msg
from ..cells import CellValue
from ..errors import ParseError
from .base import typed_or_text

CENTS = Decimal("0.01")
QUANTITY_STEP = Decimal("0.0001")
MONEY_LIMIT = Decimal("10000000000000")  # R$ 10 trillion: anything larger is a typo
QUANTITY_LIMIT = Decimal("1000000000")

_CURRENCY = re.compile(r"(?i)r\$")
_BODY = re.compile(r"[0-9.,]+")
_THOUSANDS_ONLY = re.compile(r"[1-9][0-9]{0,2}\.[0-9]{3}")
_GROUPED = {".": re.compile(r"[0-9]{1,3}(\.[0-9]{3})+"), ",": re.compile(r"[0-9]{1,3}(,[0-9]{3})+")}


def parse_number(value: CellValue) -> Decimal:
    """Any number, signed, with Brazilian separators and an optional "R$" (for filters)."""
    number, _typed = _decimal(value, msg.NUMBER_INVALID, msg.NUMBER_HINT)
    return number


def parse_money(value: CellValue) -> Decimal:
    """An amount in reais, rounded to cents only when the sheet typed it as a number."""
    number, typed = _decimal(value, msg.MONEY_INVALID, msg.MONEY_HINT)
    if abs(number) >= MONEY_LIMIT:
        raise ParseError(msg.MONEY_INVALID, msg.MONEY_TOO_LARGE)
    if not typed and number != number.quantize(CENTS, ROUND_HALF_UP):
        raise ParseError(msg.MONEY_INVALID, msg.MONEY_TOO_MANY_PLACES)
    return number.quantize(CENTS, ROUND_HALF_UP)


def parse_quantity(value: CellValue) -> Decimal:
    """A quantity above zero with at most four decimal places."""
    number, typed = _decimal(value, msg.QUANTITY_INVALID, msg.QUANTITY_HINT)
    if abs(number) >= QUANTITY_LIMIT:
        raise ParseError(msg.QUANTITY_INVALID, msg.QUANTITY_TOO_LARGE)
    rounded = number.quantize(QUANTITY_STEP, ROUND_HALF_UP)
    if not typed and rounded != number:
        raise ParseError(msg.QUANTITY_INVALID, msg.QUANTITY_TOO_MANY_PLACES)
    if rounded <= 0:
        raise ParseError(msg.QUANTITY_INVALID, msg.QUANTITY_NOT_POSITIVE)
    return plain(rounded)


def parse_percent(value: CellValue) -> Decimal:
    """A percentage from 0 to 100: "10%", "10,5 %", or 10.

    A cell formatted as percentage reaches us as a fraction (10% is 0.1), so a typed number
    between -1 and 1 is read as a fraction; written as text, "0,5" is half a percent.
    """
    raw = typed_or_text(value, msg.PERCENT_INVALID, msg.PERCENT_HINT)
    if isinstance(raw, str):
        raw = raw.removesuffix("%").rstrip()
    number, typed = _decimal(raw, msg.PERCENT_INVALID, msg.PERCENT_HINT)
    if typed and abs(number) < 1:
        number *= 100
    rounded = number.quantize(QUANTITY_STEP, ROUND_HALF_UP) if abs(number) <= 100 else number
    if not 0 <= rounded <= 100:
        raise ParseError(msg.PERCENT_INVALID, msg.PERCENT_RANGE)
    if not typed and rounded != number:
        raise ParseError(msg.PERCENT_INVALID, msg.PERCENT_TOO_MANY_PLACES)
    return plain(rounded)


def format_money(value: Decimal) -> str:
    """An amount the Brazilian way, "R$ 1.234,56" (or "-R$ 10,00")."""
    cents = value.quantize(CENTS, ROUND_HALF_UP)
    integer, fraction = f"{abs(cents):.2f}".split(".")
    grouped = f"{int(integer):,}".replace(",", ".")
    return f"{'-' if cents < 0 else ''}R$ {grouped},{fraction}"


def plain(number: Decimal) -> Decimal:
    """`number` without trailing zeros and never in exponent form (10, not 1E+1)."""
    normalized = number.normalize()
    return normalized.quantize(Decimal(1)) if normalized.as_tuple().exponent > 0 else normalized


def _decimal(value: CellValue, problem: str, hint: str) -> tuple[Decimal, bool]:
    """The cell as a `Decimal`, and whether the sheet typed it (then rounding is ours to do)."""
    raw = typed_or_text(value, problem, hint)
    if not isinstance(raw, str):
        return Decimal(str(raw)), True
    negative, body = _split_sign(raw, problem, hint)
    number = Decimal(_canonical(body, problem, hint))
    return (-number if negative else number), False


def _split_sign(text: str, problem: str, hint: str) -> tuple[bool, str]:
    """Remove spaces, "R$" and the sign: "-R$ 10,00", "R$ -10,00" and "(10,00)" are negative."""
    body = _CURRENCY.sub("", "".join(text.split()), count=1)
    negative = body[:1] == "-"
    if body[:1] in ("-", "+"):
        body = body[1:]
    if body.startswith("(") and body.endswith(")"):
        if negative:
            raise ParseError(problem, hint)
        negative, body = True, body[1:-1]
    if not _BODY.fullmatch(body) or not any(char.isdigit() for char in body):
        raise ParseError(problem, hint)
    return negative, body


def _canonical(body: str, problem: str, hint: str) -> str:
    """Digits and separators as `Decimal` text ("1.234,56" -> "1234.56"); see the module doc."""
    decimal_mark, thousands = _separators(body)
    integer, fraction = body.rsplit(decimal_mark, 1) if decimal_mark else (body, "")
    if decimal_mark and not fraction:
        raise ParseError(problem, hint)
    if thousands and thousands in integer:
        if not _GROUPED[thousands].fullmatch(integer):
            raise ParseError(problem, msg.NUMBER_BAD_GROUPING)
        integer = integer.replace(thousands, "")
    if not (integer + fraction).isascii() or not (integer + fraction).isdigit():
        raise ParseError(problem, hint)
    return f"{integer or '0'}.{fraction}" if fraction else integer


def _separators(body: str) -> tuple[str | None, str | None]:
    """(decimal mark, thousands separator) of a number written with "," and/or "."."""
    commas, dots = body.count(","), body.count(".")
    if commas and dots:
        return (",", ".") if body.rfind(",") > body.rfind(".") else (".", ",")
    if commas:
        return (",", None) if commas == 1 else (None, ",")
    if dots > 1 or _THOUSANDS_ONLY.fullmatch(body):
        return None, "."
    return ("." if dots else None), None


@dataclass(frozen=True)
class Discount:
    """A sale's discount as Conta Azul takes it: `tipo` VALOR (reais) or PORCENTAGEM."""

    kind: str
    value: Decimal

    def amount_on(self, subtotal: Decimal) -> Decimal:
        """The discount in reais on `subtotal`, rounded half-up to cents."""
        if self.kind == "VALOR":
            return self.value
        return (subtotal * self.value / 100).quantize(CENTS, ROUND_HALF_UP)


def parse_discount(value: CellValue) -> Discount:
    """A discount in reais ("R$ 10,00", 10) or, with a "%" sign, a percentage ("5%")."""
    if isinstance(value, str) and value.strip().endswith("%"):
        return Discount("PORCENTAGEM", parse_percent(value))
    amount = parse_money(value)
    if amount < 0:
        raise ParseError(msg.MONEY_INVALID, msg.NOT_NEGATIVE)
    return Discount("VALOR", amount)


def parse_whole_number(value: CellValue) -> int:
    """A positive whole number such as a sale number ("1042", 1042)."""
    number, _typed = _decimal(value, msg.WHOLE_NUMBER_INVALID, msg.WHOLE_NUMBER_HINT)
    if number != number.to_integral_value() or not 0 < number < 10**12:
        raise ParseError(msg.WHOLE_NUMBER_INVALID, msg.WHOLE_NUMBER_HINT)
    return int(number)
