"""What every action of one cycle of one flow shares: the client, the cache, the flow, the mode."""
from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from contaazul import ContaAzul
from sheets_addon.mapping.kinds.common import CONTAAZUL_NOTES_LIMIT

from .cache import LookupCache
from .numbering import CycleNumbering, Numbering

MARKER_KEY_LENGTH = 12


@dataclass
class ActionContext:
    """One per cycle of one flow.

    `dry_run`: look things up but create nothing; payloads name what would be created.
    `on_intent_update(intent)`: called when an intent learns something worth recording before
    the create finishes (a payable's protocol id, known as soon as Conta Azul accepts it and
    before we wait for the outcome), so a crash while waiting is repaired by protocol id.
    `held_by_another_row(record_id)`: whether the ledger already gives that Conta Azul record to
    another row. A recovery that cannot read the marker (a bill found by search) passes such
    records over, so a row never takes its identical twin's bill for its own.
    `numbers`: where new sales' and contracts' numbers come from (see `numbering`).
    """

    client: ContaAzul
    flow_id: int
    dry_run: bool = False
    cache: LookupCache = field(default_factory=LookupCache)
    on_intent_update: Callable[[Mapping[str, Any]], None] | None = None
    held_by_another_row: Callable[[str], bool] = lambda record_id: False
    numbers: Numbering = field(default_factory=CycleNumbering)

    def marker(self, row_key: str) -> str:
        """The tag every record created for a row carries in its notes, to be found again."""
        return row_marker(self.flow_id, row_key)

    def intent_updated(self, intent: Mapping[str, Any]) -> None:
        if self.on_intent_update is not None:
            self.on_intent_update(intent)


def row_marker(flow_id: int, row_key: str) -> str:
    """`[azulejo:<flow>:<12 hex digits>]`, a digest of the whole row key: keys alike at the start
    (orders "PED-0001" and "PED-0002", identical rows "row:<fingerprint>#1" and "#2") must not share
    a marker, or recovery would take another unit's record for this one's."""
    digest = hashlib.sha256(row_key.encode()).hexdigest()[:MARKER_KEY_LENGTH]
    return f"[azulejo:{flow_id}:{digest}]"


def with_marker(notes: str | None, marker: str) -> str:
    """The row's notes followed by the marker, on its own line, within Conta Azul's 2,000 characters.

    The mapping keeps a row's notes to 1,960 characters, so nothing is cut here; notes longer all
    the same (a caller outside the mapping) lose their end, never the marker, without which a
    crash could no longer be told apart from a record someone else made.
    """
    if not notes or not notes.strip():
        return marker
    room = CONTAAZUL_NOTES_LIMIT - len(marker) - 1
    return f"{notes.rstrip()[:room]}\n{marker}"


def has_marker(notes: object, marker: str) -> bool:
    """Whether a record's notes carry a row's marker, i.e. that row created it."""
    return marker in str(notes or "")
