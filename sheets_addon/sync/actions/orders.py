"""What sales and contracts share: their references, item lines, notes and reserved number."""
from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from contaazul import ValidationError
from contaazul.resources.numbers import Numbered
from sheets_addon.mapping.drafts import ItemLine

from .base import optional_ids
from .context import ActionContext, has_marker, with_marker
from .outcomes import Prepared
from .people import resolve_party
from .references import (Record, Ref, resolve_account, resolve_category, resolve_cost_center,
                         resolve_item, resolve_seller)

REVENUE = "RECEITA"
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


def first_free_number(series: str, numbered: Numbered, ctx: ActionContext) -> int:
    """Conta Azul's next free number of `series`, asked once per cycle (during `prepare`)."""
    return ctx.cache.fetch(("first_free", series), numbered.next_number)


def number_intent(given: int | None, series: str, numbered: Numbered, ctx: ActionContext) -> dict[str, Any]:
    """The row's own number, or the next free one reserved for it in this cycle."""
    if given:
        return {"number": given, "number_reserved": False}
    return {"number": ctx.cache.reserve_number(series, numbered.next_number), "number_reserved": True}


def create_numbered(create: Callable[[Mapping[str, Any]], Record], intent: Mapping[str, Any],
                    series: str, numbered: Numbered, ctx: ActionContext) -> tuple[Record, Mapping[str, Any]]:
    """Create with the intent's number; if Conta Azul refuses and the number we reserved has
    been taken meanwhile (another flow, someone in Conta Azul), once more with the next free one.

    Recovery finds the record by its marker whatever its number, so the new number needs no
    new intent; `ctx.on_intent_update` still hears of it.
    """
    try:
        return create(intent), intent
    except ValidationError:
        fresh = numbered.next_number() if intent.get("number_reserved") else None
        if fresh is None or fresh <= intent["number"]:
            raise  # nobody took our number: the refusal is about something else
    renumbered = {**intent, "number": fresh}
    ctx.cache.number_used(series, fresh)
    ctx.intent_updated(renumbered)
    return create(renumbered), renumbered


def first_marked(rows: Iterable[Record], notes_of: Callable[[Record], Any], marker: str) -> Record | None:
    """The first of `rows` whose notes (read by `notes_of`) carry the marker, each read once."""
    seen: set[str] = set()
    for row in rows:
        if row["id"] not in seen:
            seen.add(row["id"])
            if has_marker(notes_of(row), marker):
                return row
    return None
