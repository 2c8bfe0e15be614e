"""Contracts (`POST /v1/contratos`): recurring sales with their terms and items.

Like a sale, a contract's number is reserved in the intent; a crash is repaired by listing the
client's contracts in force on the start date and picking the one with the row's marker (the
one with the intent's number is read first).
"""
from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from contaazul.resources.contracts import Contracts
from sheets_addon.mapping import ContractDraft

from .. import messages as msg
from .base import Intent
from .context import ActionContext
from .orders import OrderAction, first_marked, order_body, resolve_order, sales_payment_type
from .outcomes import Created, Prepared, RowProblem, column_of


class ContractAction(OrderAction):
    kind = "contract"
    series = "contract"

    def records(self, ctx: ActionContext) -> Contracts:
        return ctx.client.contracts

    def done(self, record_id: str, number: int) -> Created:
        return Created(msg.CONTRACT, record_id, number, msg.contract_created(number))

    def resolve(self, draft: ContractDraft, columns: Mapping[str, str], ctx: ActionContext) -> dict[str, Any]:
        if not draft.payment_type:  # Conta Azul requires it, and guessing one would bill wrongly
            raise RowProblem(msg.payment_type_required(column_of(columns, "payment_type")),
                             columns.get("payment_type"))
        refs = resolve_order(draft, columns, ctx)
        self.expect_number(None, ctx)
        return refs

    def intent(self, prepared: Prepared, row_key: str, ctx: ActionContext) -> Intent:
        """The marker, the reserved number, and where to look for it again (client, start)."""
        return {**self.base_intent(row_key, ctx),
                **self.number_intent(None, ctx),
                "client_id": prepared.refs["client"].id,
                "start_date": prepared.draft.start_date.isoformat()}

    def payload(self, prepared: Prepared, intent: Mapping[str, Any]) -> dict[str, Any]:
        draft: ContractDraft = prepared.draft
        return {**order_body(prepared, intent["marker"]),
                "termos": terms(draft, intent["number"]),
                "condicao_pagamento": {
                    "tipo_pagamento": sales_payment_type(str(draft.payment_type)),
                    "dia_vencimento": draft.due_day,
                    "primeira_data_vencimento": draft.first_due_date,
                    "id_conta_financeira": prepared.refs["account"].wire_id,
                }}

    def look_up(self, intent: Mapping[str, Any], ctx: ActionContext) -> Created | None:
        """The client's contract in force on the start date that carries the row's marker."""
        contracts = ctx.client.contracts
        start = date.fromisoformat(intent["start_date"])
        rows = sorted(contracts.list(start, start, customer_id=intent.get("client_id")),
                      key=lambda r: str(r.get("numero")) != str(intent["number"]))
        row = first_marked(rows, lambda r: contracts.get(r["id"]).get("observacoes"), intent["marker"])
        return self.done(str(row["id"]), int(row["numero"])) if row else None


OPEN_ENDED_YEARS = 100


def terms(draft: ContractDraft, number: int) -> dict[str, Any]:
    """`termos`: the draft has already filled the usual defaults (monthly, no end).

    Both published contract specs list `data_fim` as required even when `tipo_expiracao` is
    NUNCA, and say only that it may not come before the start. An open-ended contract sends
    NUNCA with the start a hundred years on: should Conta Azul read the date despite NUNCA, the
    contract still outlives anyone's use of it, where the start date itself would end it at
    once. Not yet checked against a live account (README, "Flows").
    """
    return {
        "numero": number,
        "tipo_frequencia": draft.frequency.kind,
        "intervalo_frequencia": draft.frequency.interval,
        "tipo_expiracao": "DATA" if draft.end_date else "NUNCA",
        "data_inicio": draft.start_date,
        "data_fim": draft.end_date or open_ended_until(draft.start_date),
        "dia_emissao_venda": draft.issue_day,
    }


def open_ended_until(start: date) -> date:
    """The `data_fim` of a contract that never expires: the start, `OPEN_ENDED_YEARS` later."""
    year = start.year + OPEN_ENDED_YEARS
    try:
        return start.replace(year=year)
    except ValueError:  # the 29th of February, in a year without one
        return start.replace(year=year, day=28)
