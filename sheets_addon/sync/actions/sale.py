"""Sales (`POST /v1/venda`): one order's items, discount, freight and installments.

The number is the row's own ("Número da venda") or the next free one, reserved in the intent
before the create. Recovery trusts the row's marker in the sale's notes, not the number: the
sale with the intent's number is checked first, then the client's sales of that day.
"""
from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date
from typing import Any

from contaazul.resources.sales import Sales
from sheets_addon.mapping import SaleDraft

from .. import messages as msg
from .base import Intent
from .context import ActionContext
from .orders import OrderAction, first_marked, order_body, resolve_order, sales_payment_type
from .outcomes import Created, Prepared
from .references import Record, Ref


class SaleAction(OrderAction):
    kind = "sale"
    series = "sale"

    def records(self, ctx: ActionContext) -> Sales:
        return ctx.client.sales

    def done(self, record_id: str, number: int) -> Created:
        return Created(msg.SALE, record_id, number, msg.sale_created(number))

    def resolve(self, draft: SaleDraft, columns: Mapping[str, str], ctx: ActionContext) -> dict[str, Any]:
        refs = resolve_order(draft, columns, ctx)
        self.expect_number(draft.number, ctx)
        return refs

    def intent(self, prepared: Prepared, row_key: str, ctx: ActionContext) -> Intent:
        """The marker, the sale's number (reserved now), and the client and day to search."""
        return {**self.base_intent(row_key, ctx), **self.number_intent(prepared.draft.number, ctx),
                "client_id": prepared.refs["client"].id, "sale_date": prepared.draft.sale_date.isoformat()}

    def payload(self, prepared: Prepared, intent: Mapping[str, Any]) -> dict[str, Any]:
        draft: SaleDraft = prepared.draft
        body = {"numero": intent["number"], "situacao": draft.status, "data_venda": draft.sale_date,
                **order_body(prepared, intent["marker"]),
                "condicao_pagamento": payment(draft, prepared.refs["account"])}
        if values := composition(draft):
            body["composicao_de_valor"] = values
        if draft.payment_notes:
            body["observacoes_pagamento"] = draft.payment_notes
        return body

    def look_up(self, intent: Mapping[str, Any], ctx: ActionContext) -> Created | None:
        sales = ctx.client.sales

        def candidates() -> Iterator[Record]:
            numbered = sales.find_by_number(intent["number"])
            if numbered:
                yield numbered
            if intent.get("client_id"):
                day = date.fromisoformat(intent["sale_date"])
                yield from sales.search(customer_ids=[intent["client_id"]],
                                        sale_date_from=day, sale_date_until=day)

        row = first_marked(candidates(), lambda r: (sales.get(r["id"]).get("venda") or {}).get("observacoes"),
                           intent["marker"])
        return self.done(str(row["id"]), int(row["numero"])) if row else None


def payment(draft: SaleDraft, account: Ref) -> dict[str, Any]:
    """`condicao_pagamento`: the draft's installments already add up to the sale's total."""
    terms: dict[str, Any] = {}
    if draft.payment_type:
        terms["tipo_pagamento"] = sales_payment_type(draft.payment_type)
    terms.update({
        "id_conta_financeira": account.wire_id,
        "opcao_condicao_pagamento": draft.condition.option,
        "parcelas": [{"data_vencimento": part.due_date, "valor": part.amount} for part in draft.installments],
    })
    return terms


def composition(draft: SaleDraft) -> dict[str, Any]:
    """`composicao_de_valor`: freight and discount, when the sale has them."""
    values: dict[str, Any] = {}
    if draft.freight:
        values["frete"] = draft.freight
    if draft.discount and draft.discount.value:
        values["desconto"] = {"tipo": draft.discount.kind, "valor": draft.discount.value}
    return values
