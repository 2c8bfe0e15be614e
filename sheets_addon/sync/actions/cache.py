"""Lookups cached for one cycle, so 200 rows of one client and product cost a handful of calls.

Keys are tuples naming what was asked (`("person", "document", "12345678909")`,
`("categories", "RECEITA")`). A lookup's answer is kept, "not found" included, until
`remember` replaces it with what the cycle then created; an error is never kept, so a network
failure on one row does not condemn the next. One cache lives as long as one cycle: records
changed in Conta Azul meanwhile are seen by the next cycle.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")


class LookupCache:
    """Answers already obtained from Conta Azul in this cycle."""

    def __init__(self) -> None:
        self._answers: dict[tuple[Any, ...], Any] = {}

    def fetch(self, key: tuple[Any, ...], load: Callable[[], T]) -> T:
        """The answer for `key`, calling `load` only the first time it is asked."""
        if key not in self._answers:
            self._answers[key] = load()
        return self._answers[key]

    def remember(self, key: tuple[Any, ...], value: Any) -> None:
        """Record what the cycle learned or created, so later rows find it without asking."""
        self._answers[key] = value

    def __len__(self) -> int:
        return len(self._answers)
