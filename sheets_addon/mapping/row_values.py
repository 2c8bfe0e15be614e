"""One row's parsed values, handed to a kind's builder, with a place to report problems.

Cross-field problems (a discount in reais *and* in percent, a first due date that
contradicts "30/60/90") are found by the builders; reporting them through `RowValues` keeps
every problem tied to a column, and collects them all instead of stopping at the first.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from .errors import CellError, ParseError
from .fields import Field


class RowValues:
    """Parsed values by field key (blank cells and unmapped fields are absent)."""

    def __init__(self, fields: Sequence[Field], columns: Mapping[str, str],
                 values: Mapping[str, Any]) -> None:
        self._fields = {field.key: field for field in fields}
        self.columns = dict(columns)
        self.values = {key: value for key, value in values.items() if value is not None}
        self.errors: list[CellError] = []

    def get(self, key: str, default: Any = None) -> Any:
        return self.values.get(key, default)

    def column(self, key: str) -> str:
        """The sheet's header for `key`, or the field's label when it is not mapped."""
        return self.columns.get(key) or self._fields[key].label

    def report(self, key: str, problem: str, hint: str = "") -> None:
        error = ParseError(problem, hint)
        self.errors.append(CellError.from_parse_error(self.column(key), key, error))

    def attempt(self, key: str, function: Callable[..., Any], *args: Any) -> Any:
        """`function(*args)`, or None after reporting its `ParseError` against `key`."""
        try:
            return function(*args)
        except ParseError as error:
            self.errors.append(CellError.from_parse_error(self.column(key), key, error))
            return None

    def order_values(self) -> dict[str, Any]:
        """The values shared by an order's rows: all but the per-item fields and the key."""
        return {key: value for key, value in self.values.items()
                if key != "order_key" and not self._fields[key].per_item}
