"""Payables and receivables (`contas-a-pagar` / `contas-a-receber`): one row, one bill.

Both have one body; only the other party differs (a supplier, created as "Fornecedor", or a
client) and the category type (DESPESA or RECEITA). Conta Azul records a bill asynchronously:
the create answers a protocol, followed here until SUCCESS. Its id goes to
`ctx.on_intent_update` as soon as Conta Azul accepts the bill, so a crash while waiting is
repaired by asking the protocol. Without a protocol id the bill is searched by its first due
date, value, description and contact: search rows carry no notes, so the marker, written to
`observacao` all the same, cannot be read back there. A search row is an installment, not the
bill: each candidate's event is asked for (`parcelas/{id}`), so the id recorded is the event's,
as on the normal path, and a bill another row already holds is recognised and passed over.
"""
from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from contaazul import (AuthenticationError, ContaAzulError, NotFoundError, ProtocolFailedError,
                       ProtocolPendingError)
from contaazul.resources.base import exact_text
from contaazul.resources.financial import FinancialEvents
from sheets_addon.mapping import FinancialDraft
from sheets_addon.mapping.parsers import Installment, format_money

from .. import messages as msg
from .base import BaseAction, Intent
from .context import ActionContext, with_marker
from .orders import SALES_PAYMENT_SPELLING
from .outcomes import Created, Prepared, RowProblem, column_of
from .people import resolve_party
from .references import Ref, resolve_account, resolve_category, resolve_cost_center

FINANCIAL_PAYMENT_SPELLING = {sales: financial for financial, sales in SALES_PAYMENT_SPELLING.items()}
DIRECTIONS = {  # kind: (the other party's role, category type, label)
    "payable": ("supplier", "DESPESA", msg.PAYABLE),
    "receivable": ("client", "RECEITA", msg.RECEIVABLE),
}


class FinancialAction(BaseAction):
    """A payable or a receivable, as `kind` says."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.role, self.category_type, self.label = DIRECTIONS[kind]

    def events(self, ctx: ActionContext) -> FinancialEvents:
        return ctx.client.payables if self.kind == "payable" else ctx.client.receivables

    def resolve(self, draft: FinancialDraft, columns: Mapping[str, str],
                ctx: ActionContext) -> dict[str, Any]:
        if draft.cost_center and not draft.category:  # `rateio` splits by category first
            column = column_of(columns, "cost_center")
            raise RowProblem(msg.cost_center_needs_category(column, column_of(columns, "category")), column)
        refs: dict[str, Any] = {
            "category": resolve_category(draft.category, self.category_type, columns, ctx),
            "account": resolve_account(draft.financial_account, columns, ctx),
        }
        refs["cost_center"] = resolve_cost_center(draft.cost_center, columns, ctx)
        refs["party"] = resolve_party(draft.party, self.role, columns, ctx)
        return refs

    def intent(self, prepared: Prepared, row_key: str, ctx: ActionContext) -> Intent:
        """The marker, and what finds the bill again when no protocol id was recorded."""
        draft: FinancialDraft = prepared.draft
        first = draft.installments[0]
        return {**self.base_intent(row_key, ctx), "contact_id": prepared.refs["party"].id,
                "description": draft.description, "amount": str(draft.amount),
                "first_due_date": first.due_date.isoformat(), "first_amount": str(first.amount)}

    def payload(self, prepared: Prepared, intent: Mapping[str, Any]) -> dict[str, Any]:
        draft: FinancialDraft = prepared.draft
        refs = prepared.refs
        account = refs["account"].wire_id
        body: dict[str, Any] = {
            "data_competencia": draft.competence_date, "valor": draft.amount, "descricao": draft.description,
            "observacao": with_marker(draft.notes, intent["marker"]),
            "contato": refs["party"].wire_id, "conta_financeira": account,
        }
        if refs["category"]:
            body["rateio"] = [share(draft.amount, refs["category"], refs["cost_center"])]
        body["condicao_pagamento"] = {"parcelas": [installment(draft, part, account)
                                                   for part in draft.installments]}
        return body

    def send(self, prepared: Prepared, intent: Mapping[str, Any], ctx: ActionContext) -> Created:
        protocol = self.events(ctx).create(self.payload(prepared, intent))
        protocol_id = str(protocol.get("protocolo") or protocol.get("id"))
        ctx.intent_updated({**intent, "protocol_id": protocol_id})
        try:
            done = ctx.client.protocols.settle(protocol)
        except (AuthenticationError, ProtocolFailedError, ProtocolPendingError):
            raise  # refused (a row failure), or still pending (maybe applied): as they are
        except ContaAzulError as error:  # Conta Azul accepted the bill: only its outcome is unknown
            raise ProtocolPendingError(str(error.message), protocol_id=protocol_id) from error
        return self.created(str(done["evento_financeiro_id"]), prepared.draft.amount)

    def look_up(self, intent: Mapping[str, Any], ctx: ActionContext) -> Created | None:
        if intent.get("protocol_id"):
            try:
                return self.by_protocol(intent, ctx)
            except NotFoundError:
                pass  # Conta Azul no longer knows the protocol: search as if we never had it
        for installment_id in self.first_installments(intent, ctx):
            event_id = ctx.client.installments.event_id(installment_id)
            if not ctx.held_by_another_row(event_id):
                return self.created(event_id, Decimal(intent["amount"]))
        return None

    def first_installments(self, intent: Mapping[str, Any], ctx: ActionContext) -> list[str]:
        """Installments that look like the bill's first: same due date, value, description, contact.

        A search row is an installment and names no event, so the caller asks which event each
        belongs to: a row's own id would never match the event id the ledger keeps for a twin.
        """
        due, value = date.fromisoformat(intent["first_due_date"]), Decimal(intent["first_amount"])
        rows = self.events(ctx).search(due, due, text=intent["description"], value_from=value, value_until=value)
        return [str(row["id"]) for row in rows
                if exact_text(row.get("descricao")) == exact_text(intent["description"])
                and (row.get("fornecedor") or row.get("cliente") or {}).get("id") == intent["contact_id"]]

    def by_protocol(self, intent: Mapping[str, Any], ctx: ActionContext) -> Created | None:
        """SUCCESS: done; ERROR: nothing was recorded (None: send again); PENDING raises."""
        protocols, protocol_id = ctx.client.protocols, intent["protocol_id"]
        try:
            done = protocols.wait(protocol_id, timeout=0)
        except ProtocolFailedError:
            return None
        return self.created(str(done["evento_financeiro_id"]), Decimal(intent["amount"]))

    def created(self, event_id: str, amount: Decimal) -> Created:
        return Created(self.label, event_id, None, msg.bill_created(self.label, format_money(amount)))


def share(amount: Decimal, category: Ref, cost_center: Ref | None) -> dict[str, Any]:
    """The one `rateio` entry: the whole value to the category (and to the cost centre)."""
    entry: dict[str, Any] = {"id_categoria": category.wire_id, "valor": amount}
    if cost_center:
        entry["rateio_centro_custo"] = [{"id_centro_custo": cost_center.wire_id, "valor": amount}]
    return entry


def installment(draft: FinancialDraft, part: Installment, account: str) -> dict[str, Any]:
    """One `parcelas` entry; the draft's installments already add up to the bill's value."""
    entry: dict[str, Any] = {
        "descricao": draft.description, "data_vencimento": part.due_date,
        "nota": msg.invoice_note(draft.invoice_number) if draft.invoice_number else "",
        "conta_financeira": account, "detalhe_valor": {"valor_bruto": part.amount},
    }
    if draft.payment_type:
        entry["metodo_pagamento"] = FINANCIAL_PAYMENT_SPELLING.get(draft.payment_type, draft.payment_type)
    return entry
