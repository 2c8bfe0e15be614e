"""Small predicates shared by the list endpoints' filters (text search, ranges, change windows)."""
from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from datetime import datetime
from typing import Any


def fold(text: Any) -> str:
    """Case- and accent-insensitive form of a text, as Conta Azul's search boxes behave."""
    decomposed = unicodedata.normalize("NFKD", str(text or ""))
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


def contains(term: str | None, *values: Any) -> bool:
    """True when no term is given or any value contains it."""
    if not term:
        return True
    wanted = fold(term.strip())
    return any(wanted in fold(value) for value in values if value is not None)


def within(value: Any, low: Any = None, high: Any = None) -> bool:
    """Inclusive range check where a missing bound means open."""
    if value is None:
        return low is None and high is None
    return (low is None or value >= low) and (high is None or value <= high)


def one_of(value: Any, wanted: Iterable[Any]) -> bool:
    """True when no values are wanted, or the value is among them."""
    wanted = list(wanted)
    return not wanted or value in wanted


def changed_between(record: dict, start: datetime | None, end: datetime | None) -> bool:
    """The data_alteracao_de/_ate filter (São Paulo local time, inclusive)."""
    return within(record["data_alteracao"], start, end)
