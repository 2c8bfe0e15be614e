"""Payment conditions and installment schedules.

A condition is written "À vista", "3x" / "3 vezes" (monthly installments) or "30/60/90"
(installments that many days after the base date). It becomes Conta Azul's
`opcao_condicao_pagamento` text ("À vista", "3x", "30, 60, 90") plus the due dates:

- "À vista": one installment, due on the first due date or else on the base date;
- "3x": monthly, the first on the first due date or else one month after the base date
  (a day missing in a short month falls on its last day: 31/01 -> 28/02 -> 31/03);
- "30, 60, 90": base date + days; a first due date given as well must be the first of them.

The base date is the sale's date (or a bill's competence date). Splitting a total into
installments is done in cents and **the remainder cents go to the first installment**
(R$ 100,00 in 3x is 33,34 + 33,33 + 33,33), so the installments always add up exactly.
"""
from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from .. import messages as msg
from ..cells import CellValue, fold
from ..errors import ParseError
from .base import typed_or_text, whole_number
from .numbers import CENTS

MAX_INSTALLMENTS = 360
MAX_DAYS = 3650
CASH_OPTION = "À vista"
_CASH_WORDS = frozenset({"a vista", "avista", "vista", "pagamento a vista", "a vista pix"})
_MONTHLY = re.compile(r"(?:em )?([0-9]{1,3}) ?(?:x|vezes|parcelas?)(?: (?:sem|com) juros)?")
_DAYS = re.compile(r"([0-9]{1,4}(?: [0-9]{1,4})*)(?: dias| d| ddl)?")
_DAYS_TEXT = re.compile(r"[0-9][0-9\s/,;\-]*(?:dias|d|ddl)?", re.IGNORECASE)


@dataclass(frozen=True)
class PaymentCondition:
    """How a total is paid: Conta Azul's option text and the installments it implies."""

    option: str
    installments: int
    day_offsets: tuple[int, ...] = ()  # empty: monthly (or a single cash payment)

    @property
    def is_cash(self) -> bool:
        return self.option == CASH_OPTION


CASH = PaymentCondition(CASH_OPTION, 1)


@dataclass(frozen=True)
class Installment:
    """One installment (`parcela`): its number from 1, due date and amount."""

    number: int
    due_date: date
    amount: Decimal


def monthly(count: int) -> PaymentCondition:
    """`count` monthly installments ("3x"); a single one ("1x") is "À vista"."""
    return CASH if count == 1 else PaymentCondition(f"{count}x", count)


def parse_payment_condition(value: CellValue) -> PaymentCondition:
    """ "À vista", "3x", "3 vezes", "30/60/90", "30, 60, 90", "30 60 90", "30 dias"."""
    raw = typed_or_text(value, msg.CONDITION_INVALID, msg.CONDITION_HINT)
    if not isinstance(raw, str):
        raise ParseError(msg.CONDITION_INVALID, msg.CONDITION_BARE_NUMBER)
    words = fold(raw)
    if words in _CASH_WORDS:
        return CASH
    if every_month := _MONTHLY.fullmatch(words):
        return monthly(_count(int(every_month.group(1)), msg.CONDITION_INVALID))
    days = _DAYS.fullmatch(words)
    if days and _DAYS_TEXT.fullmatch(raw) and not words.isdigit():
        return _from_days([int(d) for d in days.group(1).split()])
    raise ParseError(msg.CONDITION_INVALID,
                     msg.CONDITION_BARE_NUMBER if words.isdigit() else msg.CONDITION_HINT)


def parse_installment_count(value: CellValue) -> int:
    """A number of installments, 1 to 360 ("3", 3, "3x", "3 parcelas")."""
    raw = typed_or_text(value, msg.INSTALLMENTS_INVALID, msg.INSTALLMENTS_HINT)
    if isinstance(raw, str):
        found = _MONTHLY.fullmatch(fold(raw)) or re.fullmatch(r"([0-9]{1,3})", fold(raw))
        if not found:
            raise ParseError(msg.INSTALLMENTS_INVALID, msg.INSTALLMENTS_HINT)
        raw = int(found.group(1))
    count = whole_number(raw, msg.INSTALLMENTS_INVALID, msg.INSTALLMENTS_HINT)
    return _count(count, msg.INSTALLMENTS_INVALID)


def due_dates(condition: PaymentCondition, base: date,
              first_due: date | None = None) -> tuple[date, ...]:
    """The installments' due dates for `condition` (see the module doc for the rules)."""
    if condition.day_offsets:
        dates = tuple(base + timedelta(days=days) for days in condition.day_offsets)
        if first_due is not None and first_due != dates[0]:
            raise ParseError(msg.CONDITION_CONFLICT,
                             msg.condition_first_due_conflict(condition.option))
        return dates
    if condition.installments == 1 and condition.is_cash:
        return (first_due or base,)
    anchor, skip = (first_due, 0) if first_due else (base, 1)
    return tuple(add_months(anchor, skip + k) for k in range(condition.installments))


def split_amount(total: Decimal, count: int) -> list[Decimal]:
    """`total` in `count` parts of whole cents; the remainder cents go to the first part."""
    if count < 1:
        raise ValueError("at least one installment")
    cents = int(total.quantize(CENTS) * 100)
    share, remainder = divmod(cents, count)
    parts = [share + remainder] + [share] * (count - 1)
    return [Decimal(part).scaleb(-2) for part in parts]


def installment_schedule(total: Decimal, dates: Sequence[date]) -> tuple[Installment, ...]:
    """Installments over `dates` that add up to `total` exactly."""
    amounts = split_amount(total, len(dates))
    pairs = enumerate(zip(dates, amounts), start=1)
    return tuple(Installment(number, day, amount) for number, (day, amount) in pairs)


def add_months(day: date, months: int) -> date:
    """`day` moved by whole months, on the month's last day when the day does not exist."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _count(count: int, problem: str) -> int:
    if not 1 <= count <= MAX_INSTALLMENTS:
        raise ParseError(problem, msg.installments_range(MAX_INSTALLMENTS))
    return count


def _from_days(offsets: list[int]) -> PaymentCondition:
    if len(offsets) > MAX_INSTALLMENTS or any(days > MAX_DAYS for days in offsets):
        raise ParseError(msg.CONDITION_INVALID,
                         msg.condition_days_range(MAX_INSTALLMENTS, MAX_DAYS))
    if any(later <= earlier for earlier, later in zip(offsets, offsets[1:])):
        raise ParseError(msg.CONDITION_INVALID, msg.CONDITION_DAYS_ORDER)
    return PaymentCondition(", ".join(map(str, offsets)), len(offsets), tuple(offsets))
