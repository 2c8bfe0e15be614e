"""The typed pieces several drafts share: who the record is with, an item line, an address.

Past the parsers, money is `Decimal`, dates are `date`, documents are `Document`: the
actions that send drafts to Conta Azul never re-read a cell.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from .parsers import Document
from .parsers.numbers import CENTS


@dataclass(frozen=True)
class Party:
    """The client or supplier of a sale, contract or bill.

    Found in Conta Azul by CPF/CNPJ, then e-mail, then exact name (`lookup_keys`), and
    created from these when none matches.
    """

    name: str | None
    document: Document | None
    email: str | None

    @property
    def person_type(self) -> str | None:
        return self.document.person_type if self.document else None

    def lookup_keys(self) -> list[tuple[str, str]]:
        """("document" | "email" | "name", value) in the order to try them."""
        keys = [("document", self.document.number if self.document else None),
                ("email", self.email), ("name", self.name)]
        return [(kind, value) for kind, value in keys if value]


@dataclass(frozen=True)
class ItemLine:
    """A product or service sold: found in Conta Azul by code, else by exact name."""

    code: str | None
    name: str | None
    description: str | None
    quantity: Decimal
    unit_price: Decimal

    @property
    def total(self) -> Decimal:
        """Quantity times unit price, rounded half-up to cents."""
        return (self.quantity * self.unit_price).quantize(CENTS, ROUND_HALF_UP)


@dataclass(frozen=True)
class Address:
    """A person's address, in Conta Azul's `enderecos` terms; `state` is the UF code."""

    cep: str | None = None
    street: str | None = None
    number: str | None = None
    complement: str | None = None
    district: str | None = None
    city: str | None = None
    state: str | None = None


@dataclass(frozen=True)
class OrderLine:
    """One row of a sale or contract: the order it belongs to and the item it adds.

    `order` holds the order-level values as parsed (absent when blank), so that the rows of
    one order can be compared and merged before the order's draft is built.
    """

    order_key: str | None
    order: Mapping[str, Any]
    item: ItemLine
