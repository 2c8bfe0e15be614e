"""A small language for the shapes Azulejo relies on in Conta Azul's answers, and the comparison.

A `Kind` says what one JSON value may be: its JSON types, an enum's values, an object's fields, a
list's elements, or a check a value must pass (a uuid, a date). An `Envelope` is a paged list:
where its rows and its total are, and what each row is. `inspect` lists every way an answer
differs and the enum values it met. Only what Azulejo reads is described, so a field Conta Azul
adds is no mismatch; a field it renames or retypes is.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

NULL, BOOLEAN, INTEGER, NUMBER, STRING, ARRAY, OBJECT = (
    "null", "boolean", "integer", "number", "string", "array", "object")
ALL_TYPES = frozenset({NULL, BOOLEAN, INTEGER, NUMBER, STRING, ARRAY, OBJECT})


def json_type(value: Any) -> str:
    """The JSON type of a decoded value (numbers with decimals decode as `Decimal`)."""
    if value is None:
        return NULL
    if isinstance(value, bool):
        return BOOLEAN
    if isinstance(value, int):
        return INTEGER
    if isinstance(value, (Decimal, float)):
        return NUMBER
    if isinstance(value, str):
        return STRING
    if isinstance(value, list):
        return ARRAY
    return OBJECT if isinstance(value, Mapping) else type(value).__name__


@dataclass(frozen=True)
class Kind:
    """What one JSON value may be. `check` raises `ValueError` for a value of the right type that
    is still wrong (a string that is no uuid); `values` is an enum, reported as seen."""

    types: frozenset[str]
    label: str
    values: frozenset[str] | None = None
    fields: tuple[tuple[str, Kind], ...] = ()
    items: Kind | None = None
    check: Callable[[Any], object] | None = None

    def __str__(self) -> str:
        return self.label


def scalar(json_types: Iterable[str], label: str, check: Callable[[Any], object] | None = None) -> Kind:
    return Kind(frozenset(json_types), label, check=check)


def one_of(values: Iterable[str], label: str | None = None) -> Kind:
    """A string among `values`; `label` names a long enum in the table ("payment type")."""
    known = frozenset(values)
    return Kind(frozenset({STRING}), label or "|".join(sorted(known)), values=known)


def obj(fields: Mapping[str, Kind]) -> Kind:
    """An object with at least these fields (each present, of its kind)."""
    label = "{" + ", ".join(f"{name}: {kind}" for name, kind in fields.items()) + "}"
    return Kind(frozenset({OBJECT}), label, fields=tuple(fields.items()))


def list_of(kind: Kind) -> Kind:
    return Kind(frozenset({ARRAY}), f"[{kind}]", items=kind)


def nullable(kind: Kind) -> Kind:
    """The kind, or null (said with a `?`)."""
    return replace(kind, types=kind.types | {NULL}, label=f"{kind.label}?")


ANY = Kind(ALL_TYPES, "any")


@dataclass(frozen=True)
class Envelope:
    """A page of a list: rows under one of `rows` (sources differ where there are several), the
    total count under one of `totals` (none documented: not checked)."""

    rows: tuple[str, ...]
    totals: tuple[str, ...]
    row: Kind

    def __str__(self) -> str:
        total = f", {'|'.join(self.totals)}: integer" if self.totals else ""
        return f"{{{'|'.join(self.rows)}: [{self.row}]{total}}}"


@dataclass
class Findings:
    """What comparing answers found: problems (each said once), enum values met, what came."""

    problems: list[str] = field(default_factory=list)
    seen: dict[str, set[str]] = field(default_factory=dict)
    came: list[str] = field(default_factory=list)
    rows: int = 0

    def problem(self, text: str) -> None:
        if text not in self.problems:
            self.problems.append(text)

    def saw(self, path: str, value: str) -> None:
        self.seen.setdefault(path, set()).add(value)

    def note(self, text: str) -> None:
        if text not in self.came:
            self.came.append(text)


def inspect(value: Any, kind: Kind, findings: Findings, path: str = "") -> None:
    """Compare one value with its kind, recording what differs into `findings`."""
    where = path or "answer"
    found = json_type(value)
    if found not in kind.types:
        findings.problem(f"{where}: {found}, expected {kind}")
        return
    if value is None:
        return
    if kind.values is not None:
        findings.saw(where, str(value))
        if value not in kind.values:
            findings.problem(f"{where}: unknown value {value!r}")
    if kind.check is not None:
        try:
            kind.check(value)
        except ValueError:
            findings.problem(f"{where}: {_shown(value)} is not a {kind}")
    for name, field_kind in kind.fields:
        if name not in value:
            findings.problem(f"{where}: no {name}")
        else:
            inspect(value[name], field_kind, findings, f"{path}.{name}" if path else name)
    if kind.items is not None:
        for item in value:
            inspect(item, kind.items, findings, f"{path}[]")


def inspect_page(body: Any, envelope: Envelope, findings: Findings) -> None:
    """Compare one page of a list with its envelope, and each of its rows with the row's kind."""
    if not isinstance(body, Mapping):
        findings.problem(f"answer: {json_type(body)}, expected {envelope}")
        return
    rows_key = next((key for key in envelope.rows if key in body), None)
    if rows_key is None or not isinstance(body[rows_key], list):
        findings.problem(f"no {'|'.join(envelope.rows)} list (keys: {', '.join(sorted(body)) or 'none'})")
        return
    findings.note(rows_key)
    if envelope.totals:
        _inspect_total(body, envelope.totals, findings)
    findings.rows += len(body[rows_key])
    for row in body[rows_key]:
        inspect(row, envelope.row, findings, "row")


def _inspect_total(body: Mapping[str, Any], totals: tuple[str, ...], findings: Findings) -> None:
    total_key = next((key for key in totals if key in body), None)
    if total_key is None:
        findings.problem(f"no {'|'.join(totals)}")
    elif json_type(body[total_key]) != INTEGER:
        findings.problem(f"{total_key}: {json_type(body[total_key])}, expected integer")
    else:
        findings.note(total_key)


def _shown(value: Any) -> str:
    """A wrong value as the table shows it: short, since it is company data."""
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "…"
