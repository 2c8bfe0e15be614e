"""The field catalog: for each target kind, the fields a row can carry, in sidebar order.

A kind is its fields plus the function that turns one row's values into a draft. Sales and
contracts are *grouped* kinds: a row is one item line, and `assemble` builds the draft of
all the rows sharing an order key. Adding a Conta Azul target is one entry here.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from . import messages as msg
from .drafts import ItemLine
from .errors import MappingProblem
from .fields import Field
from .kinds import contract, customer, financial, sale
from .row_values import RowValues


@dataclass(frozen=True)
class TargetKind:
    """A kind of Conta Azul record a row can become."""

    name: str
    label: str
    fields: tuple[Field, ...]
    build: Callable[[RowValues], Any] | None = None
    assemble: Callable[[RowValues, Sequence[ItemLine]], Any] | None = None
    order_noun: str = ""

    @property
    def grouped(self) -> bool:
        return self.assemble is not None

    def field(self, key: str) -> Field:
        return next(field for field in self.fields if field.key == key)


KINDS: dict[str, TargetKind] = {
    kind.name: kind for kind in (
        TargetKind("customer", "Clientes", customer.FIELDS, build=customer.build),
        TargetKind("sale", "Vendas", sale.FIELDS, assemble=sale.assemble, order_noun="pedido"),
        TargetKind("contract", "Contratos", contract.FIELDS, assemble=contract.assemble,
                   order_noun="contrato"),
        TargetKind("payable", "Contas a pagar", financial.fields_for("supplier"),
                   build=financial.builder("payable", "supplier")),
        TargetKind("receivable", "Contas a receber", financial.fields_for("client"),
                   build=financial.builder("receivable", "client")),
    )
}
TARGET_KINDS: tuple[str, ...] = tuple(KINDS)


def target_kind(kind: str) -> TargetKind:
    """The target kind named `kind`; an unknown name is a flow-level problem."""
    if kind not in KINDS:
        raise MappingProblem([msg.unknown_kind(str(kind), TARGET_KINDS)])
    return KINDS[kind]


def catalog_for(kind: str) -> tuple[Field, ...]:
    """The fields of `kind`, in the order the sidebar shows them."""
    return target_kind(kind).fields
