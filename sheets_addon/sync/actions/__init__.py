"""The "act in Conta Azul" step of a sheet-to-Conta-Azul cycle: one `Action` per target kind.

The cycle builds one `ActionContext(client, flow_id, dry_run=False)` per cycle of a flow (it
holds the `LookupCache`, so each client, product, category, cost centre, account and seller
is looked up once per cycle, and the `Numbering` new sales' numbers come from) and, for each
parsed draft, with `action = action_for(kind)`:

1. `action.prepare(draft, columns, ctx) -> Prepared | RowFailure`
   Resolves every reference to an id: the person by CPF/CNPJ, then e-mail, then exact name
   (created with the profile "Cliente", or "Fornecedor" for payables); products/services by
   code, else exact name (inactive ones refused); categories by exact name of the right type
   (the 3 closest names suggested); cost centres (created when missing); sellers; the
   financial account by name, else the company's default. `columns` ({field_key: header})
   lets messages name the column. In a dry run nothing is created: `Prepared.planned` lists
   what would be ('cliente "X" será criado').
2. `action.intent(prepared, row_key, ctx) -> dict` — JSON-safe, asks Conta Azul nothing;
   **record it before the create**. It holds the marker `row_marker(flow_id, row_key)`
   that every created record carries in its notes, plus what finds the record again: the
   reserved number, client and date (sales, contracts), the CPF/CNPJ and e-mail
   (customers), first due date, value, description and contact (payables, receivables).
3. `action.payload(prepared, intent) -> dict`: the exact body `create` sends (money as
   `Decimal`, dates as `date`; `Preview.json()` gives the wire text). A dry run stops here:
   `preview(...)` does steps 1–3 in one call.
4. `action.create(prepared, intent, ctx) -> Created | RowFailure | Unconfirmed`
   `Created(kind_label, id, number, summary)`: record the id, then write `summary`
   ("Venda 1042 criada") to the status cell. `Unconfirmed`: Conta Azul may have recorded it
   (a 5xx or lost answer on the create, a protocol still pending): keep `outcome.intent`
   (it may carry the protocol id) and call `find_existing` before anything else. A reserved
   number someone else took meanwhile is replaced by the next free one inside `create`.
5. Recovery, for an intent without an id (a crash, or `Unconfirmed`):
   `action.find_existing(intent, ctx) -> Created | RowFailure | Unconfirmed | None`.
   It needs only the recorded intent, never the row, and trusts the marker over the number.
   `Created`: finish the row with it. `None`: nothing was created; start again from
   `prepare` (a new intent replaces the old). `Unconfirmed` (a protocol still pending) or a
   retryable `RowFailure` (Conta Azul unavailable): keep the intent, ask next cycle.

`ctx.on_intent_update(intent)`, when set, is called as soon as an intent learns something
before the create ends (a bill's protocol id, a replaced number): record it then, so a crash
while waiting for a protocol is repaired by asking the protocol.

Failures: `RowFailure(message, column, retryable)`. Conta Azul's refusals (validation, not
found) carry its own message and the column most likely at fault, and are not retryable;
rate limits, 5xx and network failures read "Conta Azul indisponível agora; tentaremos de
novo" and are retryable. `AuthenticationError` is never caught: it pauses the flow.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol

from .base import BaseAction
from .cache import LookupCache
from .context import ActionContext, row_marker
from .contract import ContractAction
from .customer import CustomerAction
from .financial import FinancialAction
from .outcomes import Created, Prepared, Preview, RowFailure, Unconfirmed
from .sale import SaleAction


class Action(Protocol):
    """The act step for one target kind (see the module docstring for the order of calls)."""

    kind: str

    def prepare(self, draft: Any, columns: Mapping[str, str],
                ctx: ActionContext) -> Prepared | RowFailure: ...

    def intent(self, prepared: Prepared, row_key: str, ctx: ActionContext) -> dict[str, Any]: ...

    def payload(self, prepared: Prepared, intent: Mapping[str, Any]) -> dict[str, Any]: ...

    def create(self, prepared: Prepared, intent: Mapping[str, Any],
               ctx: ActionContext) -> Created | RowFailure | Unconfirmed: ...

    def find_existing(self, intent: Mapping[str, Any],
                      ctx: ActionContext) -> Created | RowFailure | Unconfirmed | None: ...


ACTIONS: dict[str, BaseAction] = {action.kind: action for action in (
    CustomerAction(), SaleAction(), ContractAction(),
    FinancialAction("payable"), FinancialAction("receivable"),
)}


def action_for(kind: str) -> Action:
    """The action of a target kind: customer, sale, contract, payable or receivable."""
    if kind not in ACTIONS:
        raise ValueError(f"no action for target kind {kind!r}; known: {', '.join(ACTIONS)}")
    return ACTIONS[kind]


def preview(kind: str, draft: Any, columns: Mapping[str, str], row_key: str,
            ctx: ActionContext) -> Preview | RowFailure:
    """A dry run of one row: what would be sent and created (`ctx.dry_run` must be set)."""
    if not ctx.dry_run:
        raise ValueError("preview() is for dry runs: build the context with dry_run=True")
    action = action_for(kind)
    prepared = action.prepare(draft, columns, ctx)
    if isinstance(prepared, RowFailure):
        return prepared
    return Preview(action.payload(prepared, action.intent(prepared, row_key, ctx)), prepared.planned)


__all__ = [
    "ACTIONS", "Action", "ActionContext", "Created", "LookupCache", "Prepared", "Preview", "RowFailure",
    "Unconfirmed", "action_for", "preview", "row_marker",
]
