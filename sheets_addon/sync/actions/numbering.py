"""Numbers for new sales and contracts: Conta Azul requires `numero` and refuses one in use, so
every create with no number of its own takes one from a `Numbering` first.

`CycleNumbering` counts up inside one cycle; `sheets_addon.shared_numbers.SharedNumbering` hands
numbers out through the database, so workers creating one company's sales at once never pick the
same one. Either way Conta Azul's first free number is the floor, and a number someone else takes
in Conta Azul meanwhile is replaced by `orders.OrderAction.send`.
"""
from __future__ import annotations

from typing import Protocol


class Numbering(Protocol):
    def reserve(self, series: str, first_free: int) -> int:
        """A number of `series` ("sale", "contract") at least `first_free`, handed out once."""
        ...

    def release(self, series: str, number: int) -> None:
        """Conta Azul refused the create that had `number`: hand it out again, if it was the last."""
        ...


class CycleNumbering:
    """Numbers counted up from Conta Azul's first free one by one cycle, in its own process."""

    def __init__(self) -> None:
        self._next: dict[str, int] = {}

    def reserve(self, series: str, first_free: int) -> int:
        number = max(first_free, self._next.get(series, 0))
        self._next[series] = number + 1
        return number

    def release(self, series: str, number: int) -> None:
        if self._next.get(series) == number + 1:
            self._next[series] = number
