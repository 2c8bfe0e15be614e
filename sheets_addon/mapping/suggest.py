"""Suggest which sheet column feeds which field, from the headers alone.

A header suggests a field when, ignoring accents, case, punctuation and little words
("de", "do"), it equals the field's label or a synonym ("CPF/CNPJ", "Qtd", "Vencimento"), or
else contains one ("Nome do cliente PJ" contains "cliente"). Exact matches win; each header
and each field is used once. It is a suggestion: the person confirms it in the sidebar.
"""
from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

from .catalog import catalog_for
from .cells import fold

_LITTLE_WORDS = frozenset("de do da dos das e o a os as em no na para por".split())
_EXACT = 1000


def suggest_mapping(kind: str, headers: Sequence[Any],
                    exclude: Collection[str] = ()) -> dict[str, str]:
    """{field_key: header} for the headers that look like a field of `kind`.

    `exclude` lists headers never to suggest: the flow's own trigger and status columns
    ("Status Azulejo" is not the sale's "Status").
    """
    fields = catalog_for(kind)
    skipped = {fold(header) for header in exclude}
    candidates = []
    for field_index, field in enumerate(fields):
        names = [_words(name) for name in (field.label, *field.synonyms)]
        for header_index, header in enumerate(headers):
            if not isinstance(header, str) or fold(header) in skipped:
                continue
            if score := _score(_words(header), names):
                candidates.append((-score, field_index, header_index, field.key, header))
    suggested: dict[str, str] = {}
    used_headers: set[int] = set()
    for _score_rank, _field_index, header_index, key, header in sorted(candidates):
        if key not in suggested and header_index not in used_headers:
            suggested[key] = header
            used_headers.add(header_index)
    return {field.key: suggested[field.key] for field in fields if field.key in suggested}


def _words(text: str) -> tuple[str, ...]:
    words = fold(text).split()
    return tuple(word for word in words if word not in _LITTLE_WORDS) or tuple(words)


def _score(header: tuple[str, ...], names: list[tuple[str, ...]]) -> int:
    """How well a header matches any of a field's names: exact, else the longer name inside."""
    best = 0
    for name in names:
        if not name or not header:
            continue
        if name == header:
            return _EXACT
        if set(name) <= set(header):
            best = max(best, 10 * len(name) - len(header) + 10)
    return best
