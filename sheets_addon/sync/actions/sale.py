"""Sales (`POST /v1/venda`): one order's items, discount, freight and installments.

The number is the row's own ("Número da venda") or the next free one, reserved in the intent
before the create, so that a crash is repaired by finding the sale with that number and the
row's marker in its notes.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from contaazul import ValidationError
from sheets_addon.mapping import SaleDraft

from .. import messages as msg
from .base import BaseAction, Intent
from .context import ActionContext, has_marker
from .orders import (number_intent, order_body, refuse_if_number_taken, resolve_order,
                     sales_payment_type)
from .outcomes import Created, Prepared
from .references import Ref


class SaleAction(BaseAction):
    kind = "sale"

    def resolve(self, draft: SaleDraft, columns: Mapping[str, str], ctx: ActionContext) -> dict[str, Any]:
        return resolve_order(draft, columns, ctx)

    def intent(self, prepared: Prepared, row_key: str, ctx: ActionContext) -> Intent:
        """The marker and the sale's number, reserved now and recorded before the create."""
        return {**self.base_intent(row_key, ctx),
                **number_intent(prepared.draft.number, "sale", ctx.client.sales, ctx)}

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

    def send(self, prepared: Prepared, intent: Mapping[str, Any], ctx: ActionContext) -> Created:
        sales = ctx.client.sales
        try:
            created = sales.create(self.payload(prepared, intent))
        except ValidationError:
            refuse_if_number_taken(intent, msg.OTHER_SALE, lambda n: sales.find_by_number(n) is not None)
            raise
        return created_sale(str(created["id"]), intent["number"])

    def look_up(self, intent: Mapping[str, Any], ctx: ActionContext) -> Created | None:
        """The sale with the intent's number, if its notes carry the row's marker."""
        row = ctx.client.sales.find_by_number(intent["number"])
        if row is None:
            return None
        notes = (ctx.client.sales.get(row["id"]).get("venda") or {}).get("observacoes")
        return created_sale(str(row["id"]), intent["number"]) if has_marker(notes, intent["marker"]) else None


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


def created_sale(sale_id: str, number: int) -> Created:
    return Created(msg.SALE, sale_id, number, msg.sale_created(number))
