"""Rows sharing an order key become one sale (or contract) with several items.

The order-level cells (client, date, payment…) of an order's rows must agree; a blank cell
on a later row simply repeats the order's value, so a sheet may fill them on the first row
only. When any row of an order has an error, the whole order waits: sending it without that
item would be a different sale. A row without an order key is an order by itself.
"""
from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from . import messages as msg
from .catalog import TargetKind, target_kind
from .errors import CellError, ParseError
from .parsers import Discount, Document, Frequency, PaymentCondition, format_date, format_money
from .row_values import RowValues
from .rows import ParsedRow, missing_values

RowRef = Hashable


@dataclass(frozen=True)
class OrderGroup:
    """The rows of one order, and the draft they make or the errors of each row."""

    order_key: str | None
    rows: tuple[RowRef, ...]
    draft: Any
    errors: Mapping[RowRef, tuple[CellError, ...]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.draft is not None


def group_sale_rows(rows: Iterable[tuple[RowRef, ParsedRow]]) -> list[OrderGroup]:
    """`SaleDraft`s from parsed sale rows, given as (row reference, parsed row) pairs."""
    return group_order_rows("sale", rows)


def group_contract_rows(rows: Iterable[tuple[RowRef, ParsedRow]]) -> list[OrderGroup]:
    """`ContractDraft`s from parsed contract rows, given as (row reference, parsed row) pairs."""
    return group_order_rows("contract", rows)


def group_order_rows(kind: str, rows: Iterable[tuple[RowRef, ParsedRow]]) -> list[OrderGroup]:
    """One `OrderGroup` per order key (in first-seen order); keyless rows stand alone."""
    target = target_kind(kind)
    orders: dict[object, list[tuple[RowRef, ParsedRow]]] = {}
    for ref, parsed in rows:
        bucket = ("order", parsed.order_key) if parsed.order_key else ("row", ref)
        orders.setdefault(bucket, []).append((ref, parsed))
    return [_group(target, members) for members in orders.values()]


def _group(target: TargetKind, members: list[tuple[RowRef, ParsedRow]]) -> OrderGroup:
    key = members[0][1].order_key
    refs = tuple(ref for ref, _ in members)
    columns = members[0][1].columns
    if any(not parsed.ok for _, parsed in members):
        held = _held_back(target, key, columns)
        return OrderGroup(key, refs, None,
                          {ref: parsed.errors or (held,) for ref, parsed in members})
    merged, conflicts = _merge(target, key, columns, [parsed.draft.order for _, parsed in members])
    order_fields = [field for field in target.fields if not field.per_item]
    conflicts += missing_values(order_fields, columns, lambda field: field.key in merged)
    values = RowValues(target.fields, columns, {**merged, "order_key": key})
    items = [parsed.draft.item for _, parsed in members]
    draft = None if conflicts else target.assemble(values, items)
    problems = tuple(conflicts or values.errors)
    if problems or draft is None:
        return OrderGroup(key, refs, None, {ref: problems for ref in refs})
    return OrderGroup(key, refs, draft)


def _merge(target: TargetKind, key: str | None, columns: Mapping[str, str],
           orders: Sequence[Mapping[str, Any]]) -> tuple[dict[str, Any], list[CellError]]:
    """The order's values, each the one value its rows agree on; a `CellError` per disagreement."""
    merged: dict[str, Any] = {}
    conflicts: list[CellError] = []
    for order in orders:
        for name, value in order.items():
            if name not in merged:
                merged[name] = value
            elif merged[name] != value and not any(error.field == name for error in conflicts):
                column = columns.get(name) or target.field(name).label
                problem = ParseError(
                    msg.order_rows_disagree(target.order_noun, key or ""),
                    msg.order_values_differ(describe(merged[name]), describe(value)))
                conflicts.append(CellError.from_parse_error(column, name, problem))
    return merged, conflicts


def _held_back(target: TargetKind, key: str | None, columns: Mapping[str, str]) -> CellError:
    column = columns.get("order_key") or target.field("order_key").label
    problem = ParseError(msg.order_held_back(target.order_noun, key or ""),
                         msg.ORDER_HELD_BACK_HINT)
    return CellError.from_parse_error(column, "order_key", problem)


def describe(value: Any) -> str:
    """A parsed value as a person would write it again, for messages."""
    if isinstance(value, date):
        return format_date(value)
    if isinstance(value, Document):
        return value.formatted
    if isinstance(value, PaymentCondition):
        return value.option
    if isinstance(value, Discount):
        if value.kind == "PORCENTAGEM":
            return f"{describe(value.value)}%"
        return format_money(value.value)
    if isinstance(value, Frequency):
        return f"{value.kind.lower()} ({value.interval})"
    if isinstance(value, Decimal):
        return format(value, "f").replace(".", ",")
    if isinstance(value, bool):
        return msg.YES if value else msg.NO
    if isinstance(value, tuple):
        return "; ".join(describe(item) for item in value)
    return str(value)
