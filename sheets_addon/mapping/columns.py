"""The flow's mapping (field key -> header text) checked against the catalog and the sheet.

Headers are found exactly, or else ignoring accents, case and punctuation ("cpf/cnpj" finds
"CPF / CNPJ"), but never by a looser guess: a header renamed after the flow was set up stops
the flow with a `MappingProblem` naming it, instead of silently reading another column.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from . import messages as msg
from .catalog import target_kind
from .cells import fold
from .errors import MappingProblem
from .fields import one_of_groups


class Headers:
    """A sheet's header row, searchable the way a person means a header."""

    def __init__(self, headers: Iterable[Any]) -> None:
        self._exact = {header for header in headers if isinstance(header, str)}
        self._folded: dict[str, list[str]] = {}
        for header in self._exact:
            self._folded.setdefault(fold(header), []).append(header)

    def find(self, wanted: str) -> str | None:
        """The header meant by `wanted`, or None when it is missing or ambiguous."""
        if wanted in self._exact:
            return wanted
        matches = self._folded.get(fold(wanted), [])
        return matches[0] if len(matches) == 1 else None

    def problem(self, wanted: str) -> str:
        if len(self._folded.get(fold(wanted), [])) > 1:
            return msg.header_ambiguous(wanted)
        return msg.header_missing(wanted)


def validate_mapping(kind: str, mapping: Mapping[str, Any]) -> dict[str, str]:
    """The mapping cleaned (trimmed, blanks dropped, catalog order), or a `MappingProblem`.

    Checked when a flow is saved and before each row: every key is a field of `kind`, every
    required field has a column, and each "one of" group has at least one.
    """
    target = target_kind(kind)
    if not isinstance(mapping, Mapping):
        raise MappingProblem([msg.MAPPING_NOT_A_DICT])
    known = {field.key: field for field in target.fields}
    problems: list[str] = []
    cleaned: dict[str, str] = {}
    for key, header in mapping.items():
        if key not in known:
            problems.append(msg.unknown_field(str(key), target.label))
        elif isinstance(header, str) and header.strip():
            cleaned[key] = header.strip()
        elif header is not None and not isinstance(header, str):
            problems.append(msg.header_not_text(known[key].label))
    problems += [msg.required_unmapped(field.label) for field in target.fields
                 if field.required and field.key not in cleaned]
    problems += [msg.group_unmapped(group, [field.label for field in members])
                 for group, members in one_of_groups(target.fields).items()
                 if not any(field.key in cleaned for field in members)]
    if problems:
        raise MappingProblem(problems)
    return {field.key: cleaned[field.key] for field in target.fields if field.key in cleaned}


def resolve_columns(mapping: Mapping[str, str], headers: Iterable[Any]) -> dict[str, str]:
    """Field key -> the sheet's own header text; a `MappingProblem` lists every header gone."""
    index = Headers(headers)
    resolved: dict[str, str] = {}
    missing: list[str] = []
    for key, wanted in mapping.items():
        found = index.find(wanted)
        if found is None:
            missing.append(wanted)
        else:
            resolved[key] = found
    if missing:
        gone = list(dict.fromkeys(missing))
        raise MappingProblem([index.problem(header) for header in gone], missing_headers=gone)
    return resolved


def check_headers(kind: str, mapping: Mapping[str, str], headers: Sequence[Any],
                  filters: Sequence[Mapping[str, Any]] = ()) -> None:
    """Raise a `MappingProblem` unless every mapped and filtered column is in `headers`.

    Run once per cycle on the header row, before any row is read.
    """
    cleaned = validate_mapping(kind, mapping)
    filtered = {f"filter:{n}": item["column"] for n, item in enumerate(filters)
                if isinstance(item, Mapping) and isinstance(item.get("column"), str)}
    resolve_columns({**cleaned, **filtered}, headers)
