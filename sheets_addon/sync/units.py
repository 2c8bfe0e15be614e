"""From the rows read in a cycle to the units the cycle acts on: one unit, one Conta Azul record.

A unit is one row, or for sales and contracts the rows of one order. Its `row_key` is what
the ledger knows it by: the order key when there is one, else the fingerprint of the row's
mapped values plus an occurrence number among identical rows, so sorting the tab or
inserting rows above it never changes which record a row belongs to. Occurrence numbers that
identical rows already sent and showing their ✔ hold are skipped (`skip_told`): a cycle sees
only the rows still open, and without that the second of two identical rows would take the
first one's ledger entry once the first is done. Pure: no I/O.
"""
from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from sheets_addon.mapping import CellError, ParsedRow, group_contract_rows, group_sale_rows

GROUPERS = {"sale": group_sale_rows, "contract": group_contract_rows}
FINGERPRINT_PREFIX = "row:"


@dataclass(frozen=True)
class Unit:
    """Rows that become one record: the draft when every row parsed, else each row's errors."""

    rows: tuple[int, ...]
    row_key: str
    fingerprint: str
    draft: Any
    columns: Mapping[str, str]
    errors: Mapping[int, tuple[CellError, ...]] = field(default_factory=dict)

    @property
    def shown_at(self) -> int:
        """The row a person is sent to: the first with an error, else the first."""
        return min(self.errors) if self.errors else self.rows[0]

    @property
    def keyed_by_order(self) -> bool:
        return self.row_key.startswith("order:")

    @property
    def keyed_by_fingerprint(self) -> bool:
        return self.row_key.startswith(FINGERPRINT_PREFIX)


def build_units(kind: str, parsed: Sequence[tuple[int, ParsedRow]]) -> list[Unit]:
    """Units in sheet order, for rows already past the filters."""
    occurrences: Counter[str] = Counter()

    def next_key(fingerprint: str) -> str:
        occurrences[fingerprint] += 1
        return fingerprint_key(fingerprint, occurrences[fingerprint])

    if kind not in GROUPERS:
        return [Unit((number,), next_key(row.fingerprint), row.fingerprint, row.draft,
                     row.columns, {} if row.ok else {number: row.errors})
                for number, row in parsed]
    by_number = dict(parsed)
    units = []
    for group in GROUPERS[kind](parsed):
        members = [by_number[number] for number in group.rows]
        fingerprint = combined_fingerprint(row.fingerprint for row in members)
        key = f"order:{group.order_key}" if group.order_key else next_key(fingerprint)
        units.append(Unit(tuple(group.rows), key, fingerprint, group.draft, members[0].columns,
                          dict(group.errors)))
    return units


def skip_told(units: Sequence[Unit], told: Collection[str]) -> list[Unit]:
    """The units with the occurrence numbers in `told` (keys of identical rows already sent and
    shown) skipped: the n-th open row of a fingerprint takes its n-th number not told."""
    taken: Counter[str] = Counter()

    def renumbered(unit: Unit) -> Unit:
        if not unit.keyed_by_fingerprint:
            return unit
        while True:
            taken[unit.fingerprint] += 1
            key = fingerprint_key(unit.fingerprint, taken[unit.fingerprint])
            if key not in told:
                return replace(unit, row_key=key)

    return [renumbered(unit) for unit in units]


def fingerprint_key(fingerprint: str, occurrence: int) -> str:
    return f"{FINGERPRINT_PREFIX}{fingerprint}#{occurrence}"


def combined_fingerprint(fingerprints) -> str:
    """One fingerprint for an order's rows, whatever order they are in."""
    return hashlib.sha256("|".join(sorted(fingerprints)).encode()).hexdigest()
