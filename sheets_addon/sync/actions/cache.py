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
    """Answers already obtained from Conta Azul in this cycle, and the numbers reserved."""

    def __init__(self) -> None:
        self._answers: dict[tuple[Any, ...], Any] = {}
        self._reserved: dict[str, int] = {}

    def fetch(self, key: tuple[Any, ...], load: Callable[[], T]) -> T:
        """The answer for `key`, calling `load` only the first time it is asked."""
        if key not in self._answers:
            self._answers[key] = load()
        return self._answers[key]

    def remember(self, key: tuple[Any, ...], value: Any) -> None:
        """Record what the cycle learned or created, so later rows find it without asking."""
        self._answers[key] = value

    def reserve_number(self, series: str, first_free: Callable[[], int]) -> int:
        """The next number of `series` ("sale", "contract") for this cycle.

        Conta Azul's first free number is asked once per cycle (`fetch(("first_free", series))`,
        which `prepare` does ahead so that reserving asks nothing); later reservations count up
        from there, since each row is created before the next one reserves. A number someone
        else takes meanwhile is handled by the create (see `orders.OrderAction.send`).
        """
        number = max(self.fetch(("first_free", series), first_free), self._reserved.get(series, 0))
        self.number_used(series, number)
        return number

    def number_used(self, series: str, number: int) -> None:
        """Later reservations of `series` in this cycle come after `number`."""
        self._reserved[series] = max(self._reserved.get(series, 0), number + 1)

    def __len__(self) -> int:
        return len(self._answers)
