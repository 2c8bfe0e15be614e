"""Which rows a flow skips: a small declarative filter spec, stored with the flow as JSON.

    [{"column": "Valor", "op": "between", "min": "100", "max": "1000"},
     {"column": "Status", "op": "in", "values": ["Pago", "Aprovado"]},
     {"column": "Forma de pagamento", "op": "equals", "value": "Pix"},
     {"column": "Observações", "op": "not_empty"}]

Text comparisons ignore accents, case and punctuation ("PIX" equals "Pix"), and numbers
compare as numbers ("100,00" equals "100"). Ranges (`between`, `gte`, `lte`) compare
numbers, money or dates read with the row parsers; their type comes from the bounds
("01/01/2026" is a date, "R$ 100" a number) unless the spec says `"type"`. A cell that
cannot be read as that type does not pass. A row that does not pass gets a status such as
`ignorada: filtro "Valor" entre 100 e 1000`.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from . import messages as msg
from .cells import CellValue, Row, cell_text, fold, is_blank
from .columns import Headers
from .errors import FilterSpecError, MappingProblem, ParseError
from .parsers import parse_date, parse_number

_TEXT_OPS = ("equals", "not_equals", "contains")
_LIST_OPS = ("in", "not_in")
_RANGE_OPS = ("between", "gte", "lte")
_PRESENCE_OPS = ("empty", "not_empty")
OPERATIONS = _TEXT_OPS + _LIST_OPS + _RANGE_OPS + _PRESENCE_OPS
_BOUND_KEYS = {"between": ("min", "max"), "gte": ("value",), "lte": ("value",)}
_RANGE_TYPES: dict[str, Callable[[CellValue], Any]] = {"date": parse_date, "number": parse_number}


@dataclass(frozen=True)
class FilterRule:
    """One validated filter: the column, the operation and its values as written."""

    column: str
    op: str
    values: tuple[str, ...] = ()
    value_type: str | None = None

    def spec(self) -> dict[str, Any]:
        """The rule back as the JSON a flow stores (normalised)."""
        spec: dict[str, Any] = {"column": self.column, "op": self.op}
        if self.op in _LIST_OPS:
            spec["values"] = list(self.values)
        elif self.op in _RANGE_OPS:
            spec.update(zip(_BOUND_KEYS[self.op], self.values), type=self.value_type)
        elif self.op in _TEXT_OPS:
            spec["value"] = self.values[0]
        return spec

    def passes(self, cell: CellValue) -> bool:
        if self.op in _PRESENCE_OPS:
            return is_blank(cell) == (self.op == "empty")
        if self.op in _RANGE_OPS:
            return self._in_range(cell)
        if self.op == "contains":
            return fold(self.values[0]) in fold(cell_text(cell))
        matched = any(_same(cell, wanted) for wanted in self.values)
        return matched if self.op in ("equals", "in") else not matched

    def reason(self) -> str:
        return msg.filter_reason(self.column, msg.filter_description(self.op, self.values))

    def _in_range(self, cell: CellValue) -> bool:
        parse = _RANGE_TYPES[self.value_type or "number"]
        try:
            value = parse(cell)
        except ParseError:
            return False
        bounds = [parse(bound) for bound in self.values]
        if self.op == "between":
            return bounds[0] <= value <= bounds[1]
        return value >= bounds[0] if self.op == "gte" else value <= bounds[0]


def validate_filters(filters: Sequence[Mapping[str, Any]] | None) -> list[dict[str, Any]]:
    """The filter spec normalised for storage, or `FilterSpecError` listing every fault."""
    return [rule.spec() for rule in compile_filters(filters)]


def evaluate_filters(filters: Sequence[Mapping[str, Any]] | None, row: Row) -> str | None:
    """None when `row` passes every filter, else the status text of the first it fails.

    A filtered column missing from the row is a `MappingProblem`, as for mapped columns.
    """
    headers = Headers(row.keys())
    for rule in compile_filters(filters):
        header = headers.find(rule.column)
        if header is None:
            raise MappingProblem([headers.problem(rule.column)], missing_headers=[rule.column])
        if not rule.passes(row.get(header)):
            return rule.reason()
    return None


def compile_filters(filters: Sequence[Mapping[str, Any]] | None) -> tuple[FilterRule, ...]:
    """The rules of a filter spec; `FilterSpecError` when any of them is malformed."""
    if filters is None:
        return ()
    if isinstance(filters, (str, bytes, Mapping)) or not isinstance(filters, Sequence):
        raise FilterSpecError([msg.FILTERS_NOT_A_LIST])
    problems: list[str] = []
    rules = [_compile(position, item, problems) for position, item in enumerate(filters, 1)]
    if problems:
        raise FilterSpecError(problems)
    return tuple(rule for rule in rules if rule is not None)


def _compile(position: int, item: Any, problems: list[str]) -> FilterRule | None:
    if not isinstance(item, Mapping):
        problems.append(msg.filter_problem("not_an_object", position))
        return None
    column, op = item.get("column"), item.get("op")
    if not isinstance(column, str) or not column.strip():
        problems.append(msg.filter_problem("without_column", position))
    if op not in OPERATIONS:
        problems.append(msg.filter_problem("unknown_op", position, op=str(op),
                                                  operations=msg.quoted_list(OPERATIONS)))
        return None
    expected = {"column", "op"} | set(_expected_keys(op))
    if unknown := sorted(str(key) for key in item if key not in expected):
        problems.append(msg.filter_problem("unknown_keys", position,
                                                  keys=msg.quoted_list(unknown, "e")))
    values = _values(position, op, item, problems)
    value_type = None
    if op in _RANGE_OPS:
        value_type = _range_type(position, item.get("type"), values, problems)
    if not isinstance(column, str) or not column.strip() or values is None:
        return None
    return FilterRule(column.strip(), op, values, value_type)


def _expected_keys(op: str) -> tuple[str, ...]:
    if op in _RANGE_OPS:
        return (*_BOUND_KEYS[op], "type")
    if op in _LIST_OPS:
        return ("values",)
    return () if op in _PRESENCE_OPS else ("value",)


def _values(position: int, op: str, item: Mapping[str, Any],
            problems: list[str]) -> tuple[str, ...] | None:
    """The operation's values as text: one (equals, contains), several (in), or the bounds."""
    if op in _PRESENCE_OPS:
        return ()
    if op in _LIST_OPS:
        raw = item.get("values")
        if not isinstance(raw, (list, tuple)) or not raw:
            problems.append(msg.filter_problem("needs_values", position))
            return None
    else:
        raw = [item.get(key) for key in _expected_keys(op) if key != "type"]
    if any(not _is_scalar(value) or is_blank(value) for value in raw):
        problems.append(msg.filter_problem("missing_value", position))
        return None
    return tuple(cell_text(value) for value in raw)


def _range_type(position: int, wanted: Any, bounds: tuple[str, ...] | None,
                problems: list[str]) -> str | None:
    """"number" or "date": as the spec says, else whichever reads every bound."""
    if wanted is not None and wanted not in _RANGE_TYPES:
        problems.append(msg.filter_problem("bad_type", position, value_type=str(wanted)))
        return None
    if bounds is None:
        return None
    for name in ((wanted,) if wanted else ("date", "number")):
        parsed = _parsed_all(_RANGE_TYPES[name], bounds)
        if parsed is not None:
            if len(parsed) == 2 and parsed[0] > parsed[1]:
                problems.append(msg.filter_problem("min_above_max", position))
            return name
    problems.append(msg.filter_problem("bad_bounds", position, bounds=msg.quoted_list(bounds, "e")))
    return None


def _parsed_all(parse: Callable[[CellValue], Any], texts: tuple[str, ...]) -> list[Any] | None:
    try:
        return [parse(text) for text in texts]
    except ParseError:
        return None


def _is_scalar(value: Any) -> bool:
    return value is None or isinstance(value, (str, int, float, bool))


def _same(cell: CellValue, wanted: str) -> bool:
    """Equal as text (accents, case and punctuation ignored) or as numbers."""
    folded = fold(wanted)
    if fold(cell_text(cell)) == folded if folded else cell_text(cell) == wanted:
        return True
    try:
        return parse_number(cell) == parse_number(wanted)
    except ParseError:
        return False
