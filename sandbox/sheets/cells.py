"""What a cell holds: its value (or formula) and its number format, as Google keeps them.

Numbers are doubles, as in Sheets; dates and times are numbers too (serial days since
1899-12-30) that a DATE/TIME/DATE_TIME format shows as dates. Cells are immutable, so a
snapshot of a sheet (for atomic batch updates) is a shallow copy.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta

EPOCH = datetime(1899, 12, 30)
DATE_KINDS = frozenset({"DATE", "TIME", "DATE_TIME"})

Scalar = float | str | bool


@dataclass(frozen=True)
class NumberFormat:
    """Google's CellFormat.numberFormat: a type and a pattern (empty = the locale's default)."""

    type: str
    pattern: str = ""

    def as_json(self) -> dict:
        return {"type": self.type, "pattern": self.pattern} if self.pattern else {"type": self.type}


CURRENCY_BRL = NumberFormat("CURRENCY", '"R$" #,##0.00')
GROUPED = NumberFormat("NUMBER", "#,##0.00")
GROUPED_INTEGER = NumberFormat("NUMBER", "#,##0")
PERCENT = NumberFormat("PERCENT", "0.00%")
PERCENT_INTEGER = NumberFormat("PERCENT", "0%")
DATE_BR = NumberFormat("DATE", "dd/MM/yyyy")
DATE_ISO = NumberFormat("DATE", "yyyy-MM-dd")
DATE_TIME_BR = NumberFormat("DATE_TIME", "dd/MM/yyyy HH:mm:ss")
TIME_BR = NumberFormat("TIME", "HH:mm:ss")
TEXT = NumberFormat("TEXT", "@")


class FormulaError(str):
    """An error value such as `#NAME?`: rendered as its text, never a number."""


@dataclass(frozen=True)
class Cell:
    """A cell: a value or a formula (evaluated when read), and the format the person or API gave it."""

    value: Scalar | None = None
    formula: str | None = None
    format: NumberFormat | None = None

    @property
    def is_empty(self) -> bool:
        return self.formula is None and (self.value is None or self.value == "")

    def with_format(self, number_format: NumberFormat | None) -> "Cell":
        return replace(self, format=number_format)


def is_date_format(number_format: NumberFormat | None) -> bool:
    return number_format is not None and number_format.type in DATE_KINDS


def serial_from(moment: date | datetime | time) -> float:
    """A date, datetime or time as Sheets' serial number (days since 1899-12-30, fraction = time)."""
    if isinstance(moment, time):
        return (moment.hour * 3600 + moment.minute * 60 + moment.second) / 86400
    if not isinstance(moment, datetime):
        return float((moment - EPOCH.date()).days)
    delta = moment.replace(tzinfo=None) - EPOCH
    return delta.days + delta.seconds / 86400


def datetime_from_serial(serial: float) -> datetime:
    """The moment a serial number stands for, to the second (rounded like Sheets shows it)."""
    return EPOCH + timedelta(seconds=round(serial * 86400))


def json_number(value: float) -> int | float:
    """Integral doubles leave as JSON integers (1234, not 1234.0), as Google writes them."""
    return int(value) if value.is_integer() and abs(value) < 2 ** 53 else value
