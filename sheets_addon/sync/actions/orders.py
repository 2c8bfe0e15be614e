"""What sales and contracts share: their references, item lines, notes and reserved number."""
from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from contaazul import ValidationError
from contaazul.resources.contracts import Contracts
from contaazul.resources.sales import Sales
from sheets_addon.mapping.drafts import ItemLine

from .base import BaseAction, optional_ids
from .context import ActionContext, has_marker, with_marker
from .outcomes import Created, Prepared
from .people import resolve_party
from .references import (Record, Ref, resolve_account, resolve_category, resolve_cost_center,
                         resolve_item, resolve_seller)

REVENUE = "RECEITA"
MAX_RENUMBERINGS = 8  # a reserved number taken meanwhile is replaced at most this often per create
# Link and Pix charges are spelled differently by the sales and the financial modules.
SALES_PAYMENT_SPELLING = {"CARTAO_CREDITO_VIA_LINK": "LINK_PAGAMENTO", "PIX_COBRANCA": "COBRANCA_PIX"}


def resolve_order(draft: Any, columns: Mapping[str, str], ctx: ActionContext) -> dict[str, Any]:
    """Ids for the client, items, category, cost centre, seller and account of an order.

    What may refuse the row is looked up first; what may be created (cost centre, client)
    last, so a row with an inactive product leaves no new client behind.
    """
    refs: dict[str, Any] = {
        "items": tuple(resolve_item(item, columns, ctx) for item in draft.items),
        "category": resolve_category(draft.category, REVENUE, columns, ctx),
        "seller": resolve_seller(draft.seller, columns, ctx),
        "account": resolve_account(draft.financial_account, columns, ctx),
    }
    refs["cost_center"] = resolve_cost_center(draft.cost_center, columns, ctx)
    refs["client"] = resolve_party(draft.client, "client", columns, ctx)
    return refs


def order_body(prepared: Prepared, marker: str) -> dict[str, Any]:
    """The fields a sale and a contract body share, the marker appended to the notes."""
    draft, refs = prepared.draft, prepared.refs
    return {
        "id_cliente": refs["client"].wire_id,
        **optional_ids({"id_categoria": refs["category"], "id_centro_custo": refs["cost_center"],
                        "id_vendedor": refs["seller"]}),
        "itens": [item_line(item, ref) for item, ref in zip(draft.items, refs["items"])],
        "observacoes": with_marker(draft.notes, marker),
    }


def item_line(item: ItemLine, ref: Ref) -> dict[str, Any]:
    """One `itens` entry: `valor` is the unit price, Conta Azul multiplies."""
    line: dict[str, Any] = {"id": ref.wire_id, "quantidade": item.quantity, "valor": item.unit_price}
    if item.description:
        line["descricao"] = item.description
    return line


def sales_payment_type(code: str) -> str:
    return SALES_PAYMENT_SPELLING.get(code, code)


class OrderAction(BaseAction):
    """A sale or a contract: a numbered record of an order's items.

    The number is the row's own or one reserved from `ctx.numbers` above the first free one of
    `series`, which is asked during `prepare` (once per cycle) so that `intent` asks nothing.
    """

    series: str

    def records(self, ctx: ActionContext) -> Sales | Contracts:
        raise NotImplementedError

    def done(self, record_id: str, number: int) -> Created:
        raise NotImplementedError

    def expect_number(self, given: int | None, ctx: ActionContext) -> None:
        if not given:
            ctx.cache.fetch(("first_free", self.series), self.records(ctx).next_number)

    def number_intent(self, given: int | None, ctx: ActionContext) -> dict[str, Any]:
        """The row's own number, or the next free one reserved for it now."""
        if given:
            return {"number": given, "number_reserved": False}
        first_free = ctx.cache.fetch(("first_free", self.series), self.records(ctx).next_number)
        return {"number": ctx.numbers.reserve(self.series, first_free), "number_reserved": True}

    def send(self, prepared: Prepared, intent: Mapping[str, Any], ctx: ActionContext) -> Created:
        """Create with the intent's number. While Conta Azul refuses it because someone took it
        meanwhile (a person in Conta Azul, a row with its own number), again with a new one, up
        to `MAX_RENUMBERINGS` times; a number refused for another reason is handed back.

        Recovery finds the record by its marker whatever its number, so the new number needs
        no new intent; `ctx.on_intent_update` still hears of it.
        """
        records, renumbered = self.records(ctx), 0
        while True:
            try:
                return self.done(str(records.create(self.payload(prepared, intent))["id"]), intent["number"])
            except ValidationError:
                if not intent.get("number_reserved"):
                    raise
                fresh = records.next_number()
                if fresh <= intent["number"]:  # nobody took our number: the refusal is about something else
                    ctx.numbers.release(self.series, intent["number"])
                    raise
                if renumbered == MAX_RENUMBERINGS:
                    raise
            renumbered += 1
            intent = {**intent, "number": ctx.numbers.reserve(self.series, fresh)}
            ctx.intent_updated(intent)


def first_marked(rows: Iterable[Record], notes_of: Callable[[Record], Any], marker: str) -> Record | None:
    """The first of `rows` whose notes (read by `notes_of`) carry the marker, each read once."""
    seen: set[str] = set()
    for row in rows:
        if row["id"] not in seen:
            seen.add(row["id"])
            if has_marker(notes_of(row), marker):
                return row
    return None
