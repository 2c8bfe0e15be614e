"""Resolving what a row points to: products and services, categories, cost centres, sellers
and financial accounts (people are in `people.py`).

Each resolver answers a `Ref` or raises `RowProblem` naming the column to fix. Lists that are
short and asked for by every row (categories, cost centres, sellers, accounts) are read once
per cycle and matched here; items are searched once per distinct code or name.

Matching: categories by exact name (trimmed, NFC: accents and ordinals count, as in
"13º Salário"), because a looser rule could book an entry under the wrong one. Sellers,
cost centres and accounts also accept a unique match ignoring case and accents, since a
person's name or an account's is rarely typed with its exact accents and never ambiguous
among a handful.
"""
from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from contaazul import is_active
from contaazul.resources.base import exact_text
from sheets_addon.mapping.cells import fold
from sheets_addon.mapping.drafts import ItemLine

from .. import messages as msg
from .context import ActionContext
from .outcomes import RowProblem, column_of

Record = dict[str, Any]
CLOSEST_COUNT = 3


@dataclass(frozen=True)
class Ref:
    """A Conta Azul record a payload points to; without `id` it is only planned (dry run)."""

    id: str | None
    name: str
    noun: str = ""

    @property
    def wire_id(self) -> str:
        """The id to send, or in a dry run a readable stand-in for the record to be created."""
        return self.id if self.id is not None else msg.planned_id(self.noun, self.name)

    @property
    def plan(self) -> str | None:
        return msg.will_create(self.noun, self.name) if self.id is None else None


def ref_of(record: Mapping[str, Any], name_field: str = "nome") -> Ref:
    return Ref(str(record["id"]), str(record.get(name_field) or ""))


# --- products and services -----------------------------------------------------------------------

def resolve_item(item: ItemLine, columns: Mapping[str, str], ctx: ActionContext) -> Ref:
    """The active product or service of an item line, by code if given, else by exact name."""
    key, wanted = ("item_code", item.code) if item.code else ("item_name", item.name or "")
    column = column_of(columns, key)
    matches = ctx.cache.fetch(("item", key, exact_text(wanted)),
                              lambda: catalog_matches(ctx, key == "item_code", wanted))
    active = [(noun, record) for noun, record in matches if is_active(record)]
    if len(active) == 1:
        return ref_of(active[0][1], _NAME_FIELDS[active[0][0]])
    if active:
        raise RowProblem(msg.item_ambiguous(wanted, len(active), column), column)
    if matches:
        noun, record = matches[0]
        name = str(record.get(_NAME_FIELDS[noun]) or wanted)
        raise RowProblem(msg.item_inactive(msg.ITEM_NOUNS[noun], name, column), column)
    raise RowProblem(msg.item_not_found(wanted, column), column)


_NAME_FIELDS = {"product": "nome", "service": "descricao"}


def catalog_matches(ctx: ActionContext, by_code: bool, wanted: str) -> list[tuple[str, Record]]:
    """("product" | "service", record) pairs: products first, services only when none is."""
    for noun, catalog in (("product", ctx.client.products), ("service", ctx.client.services)):
        if by_code:
            found = catalog.find_by_code(wanted)
            records = [found] if found else []
        else:
            records = catalog.find_by_name(wanted)
        if records:
            return [(noun, record) for record in records]
    return []


# --- categories ----------------------------------------------------------------------------------------

def resolve_category(name: str | None, kind: str, columns: Mapping[str, str],
                     ctx: ActionContext) -> Ref | None:
    """The leaf category of `kind` (RECEITA or DESPESA) named exactly `name`."""
    if not name:
        return None
    found = exact(categories(ctx, kind), name)
    if found:
        return ref_of(found)
    column = column_of(columns, "category")
    word = msg.CATEGORY_KIND_WORDS[kind]
    other = next(k for k in msg.CATEGORY_KIND_WORDS if k != kind)
    if exact(categories(ctx, other), name):
        raise RowProblem(msg.category_wrong_type(name, word, msg.CATEGORY_KIND_WORDS[other], column), column)
    names = [str(c.get("nome")) for c in categories(ctx, kind)]
    raise RowProblem(msg.category_not_found(name, word, column, closest(name, names)), column)


def categories(ctx: ActionContext, kind: str) -> list[Record]:
    """The categories an entry may use (leaves) of one type, listed once per cycle."""
    return ctx.cache.fetch(("categories", kind),
                           lambda: list(ctx.client.categories.list(kind=kind, only_children=True)))


# --- cost centres ----------------------------------------------------------------------------------

def resolve_cost_center(name: str | None, columns: Mapping[str, str], ctx: ActionContext) -> Ref | None:
    """The cost centre named `name`, created when missing (planned only, in a dry run)."""
    if not name:
        return None
    centers = ctx.cache.fetch(("cost_centers",), lambda: list(ctx.client.cost_centers.list()))
    found = named(centers, name)
    column = column_of(columns, "cost_center")
    if found and not is_active(found):
        raise RowProblem(msg.cost_center_inactive(str(found["nome"]), column), column)
    if found:
        return ref_of(found)
    if ctx.dry_run:
        return Ref(None, name.strip(), msg.COST_CENTER_NOUN)
    created = ctx.client.cost_centers.create(name)
    centers.append(created)
    return ref_of(created)


# --- sellers and financial accounts ----------------------------------------------------------------

def resolve_seller(name: str | None, columns: Mapping[str, str], ctx: ActionContext) -> Ref | None:
    """The seller named `name`, case and accents aside."""
    if not name:
        return None
    sellers = ctx.cache.fetch(("sellers",), ctx.client.sales.sellers)
    found = named(sellers, name)
    if found:
        return ref_of(found)
    column = column_of(columns, "seller")
    raise RowProblem(msg.seller_not_found(name, column, closest(name, [str(s.get("nome")) for s in sellers])),
                     column)


def resolve_account(name: str | None, columns: Mapping[str, str], ctx: ActionContext) -> Ref:
    """The account named `name`, or without a name the company's default (`conta_padrao`)."""
    accounts = ctx.cache.fetch(("accounts",), lambda: list(ctx.client.financial_accounts.list()))
    column = column_of(columns, "financial_account")
    if not name:
        default = next((a for a in accounts if a.get("conta_padrao") is True), None)
        if default is None:
            raise RowProblem(msg.no_default_account(column), columns.get("financial_account"))
        return ref_of(default)
    found = named(accounts, name)
    if found is None:
        names = [str(a.get("nome")) for a in accounts if a.get("ativo", True)]
        raise RowProblem(msg.account_not_found(name, column, closest(name, names)), column)
    if not found.get("ativo", True):
        raise RowProblem(msg.account_inactive(str(found["nome"]), column), column)
    return ref_of(found)


# --- matching ----------------------------------------------------------------------------------------

def exact(rows: Iterable[Record], name: str, field: str = "nome") -> Record | None:
    wanted = exact_text(name)
    return next((row for row in rows if exact_text(row.get(field)) == wanted), None)


def named(rows: Sequence[Record], name: str, field: str = "nome") -> Record | None:
    """The row named exactly `name`, else the only one named so ignoring case and accents."""
    found = exact(rows, name, field)
    if found:
        return found
    loose = [row for row in rows if fold(str(row.get(field) or "")) == fold(name)]
    return loose[0] if len(loose) == 1 else None


def closest(wanted: str, names: Iterable[str], count: int = CLOSEST_COUNT) -> list[str]:
    """The `count` names most like `wanted` (case and accents aside), most alike first."""
    by_fold: dict[str, str] = {}
    for name in names:
        by_fold.setdefault(fold(name), name)
    matches = difflib.get_close_matches(fold(wanted), list(by_fold), n=count, cutoff=0.0)
    return [by_fold[match] for match in matches]
