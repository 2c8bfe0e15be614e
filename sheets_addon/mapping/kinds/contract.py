"""Contracts (`/v1/contratos`): recurring sales, one or more items billed every period.

Rows sharing a contract key become one contract with several items, as with sales. Blank
means the usual: billed monthly, no end date ("NUNCA"), sales issued on the start date's day,
due on that same day, the first time on or after the start date.
"""
from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .. import messages as msg
from ..drafts import ItemLine, Party
from ..fields import Field, FieldType
from ..parsers import Frequency, add_months
from ..row_values import RowValues
from .common import (CATEGORY, COST_CENTER, FINANCIAL_ACCOUNT, FIRST_DUE_DATE, ITEM_FIELDS,
                     NOTES, PAYMENT_TYPE, SELLER, order_key_field, party, party_fields)

T = FieldType
MONTHLY = Frequency("MENSAL", 1)

FIELDS = (
    order_key_field("Contrato",
                    "Linhas com o mesmo contrato viram um contrato só, com vários itens.",
                    "Nº do contrato", "Número do contrato", "Código do contrato"),
    *party_fields("client"),
    *ITEM_FIELDS,
    Field("frequency", "Frequência", T.FREQUENCY,
          synonyms=("Periodicidade", "Recorrência", "Frequência de cobrança"),
          help='"Mensal" (o padrão), "anual", "trimestral", "a cada 2 meses"…'),
    Field("start_date", "Início", T.DATE, required=True,
          synonyms=("Data de início", "Início do contrato", "Data inicial", "Início da vigência")),
    Field("end_date", "Fim", T.END_DATE,
          synonyms=("Data de fim", "Término", "Data final", "Fim do contrato", "Fim da vigência"),
          help='Vazio ou "sem fim": o contrato não expira.'),
    Field("issue_day", "Dia de emissão", T.DAY_OF_MONTH,
          synonyms=("Dia da emissão", "Dia de faturamento", "Dia da venda"),
          help="Dia do mês em que cada venda é gerada; vazio, o dia do início."),
    Field("due_day", "Dia de vencimento", T.DAY_OF_MONTH,
          synonyms=("Dia do vencimento", "Vence dia", "Dia de pagamento"),
          help="Dia do mês em que cada cobrança vence; vazio, o dia de emissão."),
    FIRST_DUE_DATE,
    PAYMENT_TYPE,
    FINANCIAL_ACCOUNT,
    CATEGORY,
    COST_CENTER,
    SELLER,
    NOTES,
)


@dataclass(frozen=True)
class ContractDraft:
    """A contract ready for `POST /v1/contratos`; `end_date` None means it never expires."""

    order_key: str | None
    client: Party
    items: tuple[ItemLine, ...]
    frequency: Frequency
    start_date: date
    end_date: date | None
    issue_day: int
    due_day: int
    first_due_date: date
    payment_type: str | None
    financial_account: str | None
    category: str | None
    cost_center: str | None
    seller: str | None
    notes: str | None

    @property
    def total(self) -> Decimal:
        """What each period bills: the items' totals."""
        return sum((item.total for item in self.items), Decimal("0.00"))


def assemble(values: RowValues, items: Sequence[ItemLine]) -> ContractDraft | None:
    """The contract of a group of rows, or None with the problems reported."""
    start: date = values.get("start_date")
    end: date | None = values.get("end_date")
    if end and end < start:
        values.report("end_date", msg.CONTRACT_ENDS_BEFORE_START,
                      msg.CONTRACT_ENDS_BEFORE_START_HINT)
        return None
    first_due: date | None = values.get("first_due_date")
    issue_day = values.get("issue_day", start.day)
    due_day = values.get("due_day", first_due.day if first_due else issue_day)
    return ContractDraft(
        order_key=values.get("order_key"), client=party(values, "client"), items=tuple(items),
        frequency=values.get("frequency", MONTHLY), start_date=start,
        end_date=end, issue_day=issue_day, due_day=due_day,
        first_due_date=first_due or next_day_of_month(start, due_day),
        payment_type=values.get("payment_type"), financial_account=values.get("financial_account"),
        category=values.get("category"), cost_center=values.get("cost_center"),
        seller=values.get("seller"), notes=values.get("notes"),
    )


def next_day_of_month(start: date, day: int) -> date:
    """The first date on or after `start` falling on `day` (or the month's last day)."""
    candidate = start.replace(day=min(day, calendar.monthrange(start.year, start.month)[1]))
    if candidate >= start:
        return candidate
    following = add_months(start.replace(day=1), 1)
    return following.replace(day=min(day, calendar.monthrange(following.year, following.month)[1]))
