"""What an action answers: a prepared row, a created record, or why the row stopped.

Three ways a row can stop, kept apart because the cycle treats them differently:

- `RowFailure`: the row's status says why; `retryable` tells whether a later cycle may
  succeed without anyone touching the row (Conta Azul was down) or the person must fix it.
- `Unconfirmed`: Conta Azul may have recorded the row (a create that timed out, a protocol
  still pending): keep the intent and run `find_existing` before creating anything again.
- `AuthenticationError` is never turned into an outcome: it pauses the whole flow.

Actions raise `RowProblem` internally and `settle` turns it, or a client error, into the
outcome, so each step reads as the straight line it is.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar, TypeVar

from contaazul import AuthenticationError, ContaAzulError, ProtocolPendingError, wire
from sheets_addon.mapping.catalog import KINDS

from .. import messages as msg

T = TypeVar("T")


@dataclass(frozen=True)
class Prepared:
    """A draft whose every reference is resolved: `refs` holds ids by role ("client", "items"…).

    `planned` says, in a dry run, what would be created on the way ('cliente "X" será criado').
    """

    kind: str
    draft: Any
    columns: Mapping[str, str]
    refs: Mapping[str, Any]
    planned: tuple[str, ...] = ()


@dataclass(frozen=True)
class Created:
    """The record the row became in Conta Azul; `summary` is the row's status text."""

    kind_label: str
    id: str
    number: int | None
    summary: str


@dataclass(frozen=True)
class RowFailure:
    """Why the row stopped, in Portuguese, naming the column to fix when there is one."""

    message: str
    column: str | None = None
    retryable: bool = False


@dataclass(frozen=True)
class Unconfirmed:
    """Conta Azul may have recorded the row: look it up (`find_existing`) before anything else.

    `intent` is the intent to keep, with what was learned on the way (a protocol id).
    """

    message: str
    intent: Mapping[str, Any]
    retryable: ClassVar[bool] = True


@dataclass(frozen=True)
class Preview:
    """A dry run's answer for one row: the exact body, and what would be created on the way."""

    payload: dict[str, Any]
    planned: tuple[str, ...] = field(default_factory=tuple)

    def json(self) -> str:
        """The body as the client writes it on the wire (exact money, ISO dates)."""
        return wire.dumps(self.payload)


class RowProblem(Exception):
    """Raised inside an action when the row cannot go on; `settle` returns its failure."""

    def __init__(self, message: str, column: str | None = None, retryable: bool = False) -> None:
        super().__init__(message)
        self.failure = RowFailure(message, column, retryable)


def settle(step: Callable[[], T], columns: Mapping[str, str],
           intent: Mapping[str, Any] | None = None) -> T | RowFailure | Unconfirmed:
    """Run one step of an action; problems become outcomes, authentication errors propagate.

    With `intent` (a create), an error that may have been applied is `Unconfirmed`; without
    it (a lookup, or a side record found again by its name next cycle) it is worth a retry.
    """
    try:
        return step()
    except RowProblem as problem:
        return problem.failure
    except AuthenticationError:
        raise
    except ContaAzulError as error:
        return outcome_of_error(error, columns, intent)


def outcome_of_error(error: ContaAzulError, columns: Mapping[str, str],
                     intent: Mapping[str, Any] | None) -> RowFailure | Unconfirmed:
    if error.maybe_applied and intent is not None:
        return unconfirmed(error, intent)
    if error.retryable or error.maybe_applied:
        return RowFailure(msg.UNAVAILABLE, None, retryable=True)
    column = column_at_fault(error.message, columns)
    return RowFailure(msg.refused(error.message, column), column)


def unconfirmed(error: ContaAzulError, intent: Mapping[str, Any]) -> Unconfirmed:
    if isinstance(error, ProtocolPendingError):
        return Unconfirmed(msg.PROTOCOL_PENDING, {**intent, "protocol_id": error.protocol_id})
    return Unconfirmed(msg.UNCONFIRMED, dict(intent))


# Words in Conta Azul's messages -> the fields most likely at fault, first match wins. Order
# matters: "A soma das parcelas ... valor total" is about the payment, not the value, and
# "O desconto ... valor dos itens" about the discount, not the items.
_FAULTS: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), keys) for pattern, keys in (
        (r"parcela|condi[çc][ãa]o de pagamento|opcao_condicao",
         ("payment_condition", "installments", "due_dates", "first_due_date", "amount")),
        (r"tipo_pagamento|forma de pagamento|metodo_pagamento", ("payment_type",)),
        (r"categoria", ("category",)),
        (r"centro de custo|centro_custo", ("cost_center",)),
        (r"conta financeira|conta_financeira", ("financial_account",)),
        (r"vendedor", ("seller",)),
        (r"desconto", ("discount", "discount_percent")),
        (r"frete", ("freight",)),
        (r"produto|servi[çc]o|itens", ("item_code", "item_name")),
        (r"\bcpf\b|\bcnpj\b|documento", ("document", "client_document", "supplier_document")),
        (r"e-?mail", ("email", "client_email", "supplier_email")),
        (r"\bcep\b", ("cep",)),
        (r"cliente|contato|fornecedor|pessoa",
         ("client_document", "client_email", "client_name", "supplier_document",
          "supplier_email", "supplier_name", "name")),
        (r"n[úu]mero", ("sale_number",)),
        (r"data de in[íi]cio|data_inicio|data de fim|data_fim", ("start_date", "end_date")),
        (r"vencimento", ("due_date", "first_due_date", "due_day")),
        (r"compet[êe]ncia", ("competence_date",)),
        (r"data_venda|data da venda", ("sale_date",)),
        (r"descri[çc][ãa]o", ("description", "item_description")),
        (r"valor", ("amount", "unit_price")),
    )
)


def column_at_fault(message: str, columns: Mapping[str, str]) -> str | None:
    """The mapped column Conta Azul's message most likely points at, if it can be told."""
    for pattern, keys in _FAULTS:
        if pattern.search(message):
            return first_mapped(columns, keys)
    return None


def first_mapped(columns: Mapping[str, str], keys: Sequence[str]) -> str | None:
    return next((columns[key] for key in keys if key in columns), None)


_LABELS = {field.key: field.label for kind in KINDS.values() for field in kind.fields}


def column_of(columns: Mapping[str, str], key: str) -> str:
    """The sheet's header for a field, or the field's own label when it is not mapped."""
    return columns.get(key) or _LABELS.get(key, key)
