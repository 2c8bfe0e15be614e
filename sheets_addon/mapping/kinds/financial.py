"""Payables and receivables (`/v1/financeiro/eventos-financeiros`): one row, one bill.

Both have the same shape; only the other party differs (a supplier for a payable, a client
for a receivable). The competence date defaults to the due date. A bill in installments
("Parcelas" = 3) is due monthly from the due date, the cents split as in sales.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from ..drafts import Party
from ..fields import Field, FieldType
from ..parsers import Installment, installment_schedule
from ..row_values import RowValues
from .common import (CATEGORY, COST_CENTER, FINANCIAL_ACCOUNT, INSTALLMENTS, NOTES,
                     PAYMENT_TYPE, party, party_fields, payment_terms)

T = FieldType


def fields_for(role: str) -> tuple[Field, ...]:
    """The fields of a bill whose other party is `role` ("supplier" or "client")."""
    return (
        *party_fields(role),
        Field("description", "Descrição", T.TEXT, required=True, max_length=200,
              synonyms=("Histórico", "Descrição da conta", "Referente a", "Título")),
        Field("amount", "Valor", T.AMOUNT, required=True,
              synonyms=("Valor total", "Total", "Valor (R$)", "Valor bruto", "Quantia"),
              help="Em reais, como R$ 1.234,56."),
        Field("due_date", "Vencimento", T.DATE, required=True,
              synonyms=("Data de vencimento", "Data do vencimento", "Vencto", "Vence em")),
        Field("competence_date", "Competência", T.DATE,
              synonyms=("Data de competência", "Data da competência", "Mês de competência"),
              help="Vazia, é a data de vencimento."),
        INSTALLMENTS,
        PAYMENT_TYPE,
        FINANCIAL_ACCOUNT,
        CATEGORY,
        COST_CENTER,
        Field("invoice_number", "Nota fiscal", T.TEXT, max_length=60,
              synonyms=("NF", "Nº da nota", "Número da nota", "Nota", "NF-e")),
        NOTES,
    )


@dataclass(frozen=True)
class FinancialDraft:
    """A payable or receivable ready for `contas-a-pagar` / `contas-a-receber`."""

    direction: str  # "payable" | "receivable"
    party: Party
    description: str
    amount: Decimal
    competence_date: date
    due_date: date
    installments: tuple[Installment, ...]
    payment_type: str | None
    financial_account: str | None
    category: str | None
    cost_center: str | None
    invoice_number: str | None
    notes: str | None


def builder(direction: str, role: str):
    """The build function of payables (`role` "supplier") or receivables ("client")."""

    def build(values: RowValues) -> FinancialDraft | None:
        due: date = values.get("due_date")
        competence: date = values.get("competence_date", due)
        terms = payment_terms(values, competence, first_due_key="due_date")
        if terms is None:
            return None
        return FinancialDraft(
            direction=direction, party=party(values, role), description=values.get("description"),
            amount=values.get("amount"), competence_date=competence, due_date=due,
            installments=installment_schedule(values.get("amount"), terms.due_dates),
            payment_type=values.get("payment_type"),
            financial_account=values.get("financial_account"),
            category=values.get("category"), cost_center=values.get("cost_center"),
            invoice_number=values.get("invoice_number"), notes=values.get("notes"),
        )

    return build
