"""The shape every target kind's action shares, so each kind writes only what is its own.

A kind implements `resolve` (references -> ids), `intent`, `payload`, `send` (the create) and
`look_up` (recovery); this base turns their problems into outcomes the same way for all.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .context import ActionContext
from .outcomes import Created, Prepared, RowFailure, Unconfirmed, settle
from .references import Ref

Intent = dict[str, Any]


class BaseAction:
    """One target kind's act step; see the package docstring for the cycle's side."""

    kind: str

    def prepare(self, draft: Any, columns: Mapping[str, str], ctx: ActionContext) -> Prepared | RowFailure:
        """Resolve every reference of the draft (creating people and cost centres unless dry run)."""
        def step() -> Prepared:
            refs = self.resolve(draft, columns, ctx)
            return Prepared(self.kind, draft, dict(columns), refs, plans(refs))
        return settle(step, columns)

    def create(self, prepared: Prepared, intent: Mapping[str, Any],
               ctx: ActionContext) -> Created | RowFailure | Unconfirmed:
        """Send the record; after `Unconfirmed`, run `find_existing` before anything else."""
        if ctx.dry_run:
            raise RuntimeError("a dry run creates nothing: show payload() instead")
        return settle(lambda: self.send(prepared, intent, ctx), prepared.columns, intent)

    def find_existing(self, intent: Mapping[str, Any],
                      ctx: ActionContext) -> Created | RowFailure | Unconfirmed | None:
        """The record an earlier attempt with this intent created, or None when there is none.

        Needs only the recorded intent. `Unconfirmed`: still undecided (a protocol pending);
        a retryable `RowFailure`: Conta Azul could not be asked now. Either way, keep the intent.
        """
        return settle(lambda: self.look_up(intent, ctx), {}, intent)

    def base_intent(self, row_key: str, ctx: ActionContext) -> Intent:
        return {"kind": self.kind, "row_key": row_key, "marker": ctx.marker(row_key)}

    # -- what each kind provides --------------------------------------------------------------
    def resolve(self, draft: Any, columns: Mapping[str, str], ctx: ActionContext) -> dict[str, Any]:
        raise NotImplementedError

    def intent(self, prepared: Prepared, row_key: str, ctx: ActionContext) -> Intent:
        raise NotImplementedError

    def payload(self, prepared: Prepared, intent: Mapping[str, Any]) -> dict[str, Any]:
        raise NotImplementedError

    def send(self, prepared: Prepared, intent: Mapping[str, Any], ctx: ActionContext) -> Created:
        raise NotImplementedError

    def look_up(self, intent: Mapping[str, Any], ctx: ActionContext) -> Created | None:
        raise NotImplementedError


def plans(refs: Mapping[str, Any]) -> tuple[str, ...]:
    """What a dry run would create on the way, from the references still only planned."""
    found: list[str] = []
    for value in refs.values():
        for ref in value if isinstance(value, tuple) else (value,):
            if isinstance(ref, Ref) and ref.plan and ref.plan not in found:
                found.append(ref.plan)
    return tuple(found)


def optional_ids(fields: Mapping[str, Ref | None]) -> dict[str, str]:
    """`{field: id}` for the references the row has; absent ones are left out of the body."""
    return {name: ref.wire_id for name, ref in fields.items() if ref is not None}
