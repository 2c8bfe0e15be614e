"""One spreadsheet row -> a typed draft for its target kind, or every problem it has.

The steps: check the mapping, find the mapped headers in the row, parse each non-blank cell
with its field's parser, check required fields and "one of" groups, then let the kind build
its draft (which may find problems between fields). All problems of the row are collected.
A sale or contract row becomes an `OrderLine` (only its item fields must be complete);
`group_sale_rows` / `group_contract_rows` check the order as a whole and make the drafts.

The row's dict must carry every header of the sheet (a blank cell as "" or None): a mapped
header absent from it is taken as a column that no longer exists.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from . import messages as msg
from .catalog import TargetKind, target_kind
from .cells import Row, is_blank
from .columns import resolve_columns, validate_mapping
from .drafts import OrderLine
from .errors import CellError, ParseError
from .fields import Field, one_of_groups, read_field
from .fingerprint import fingerprint_of
from .kinds.common import item_line
from .row_values import RowValues


@dataclass(frozen=True)
class ParsedRow:
    """A row read for `kind`: its draft when `ok`, else its cell errors."""

    kind: str
    draft: Any
    errors: tuple[CellError, ...]
    fingerprint: str
    columns: Mapping[str, str]  # field key -> the sheet's header, for messages about the row
    order_key: str | None       # sales and contracts: the order this row belongs to

    @property
    def ok(self) -> bool:
        return not self.errors


def parse_row(kind: str, mapping: Mapping[str, str], row: Row) -> ParsedRow:
    """Read `row` ({header: cell}) through `mapping` ({field_key: header}).

    Raises `MappingProblem` when the mapping does not fit the kind or the row's headers;
    every problem with the row's own cells is in the returned `ParsedRow.errors`.
    """
    target = target_kind(kind)
    columns = resolve_columns(validate_mapping(kind, mapping), row.keys())
    values, errors = _read_cells(target.fields, columns, row)
    errors += missing_values(row_level_fields(target), columns,
                             lambda field: not is_blank(row.get(columns.get(field.key, ""))))
    draft = None
    if not errors:
        row_values = RowValues(target.fields, columns, values)
        draft = _draft(target, row_values)
        errors = row_values.errors
    return ParsedRow(kind, None if errors else draft, tuple(errors), fingerprint_of(columns, row),
                     columns, values.get("order_key"))


def _read_cells(fields: tuple[Field, ...], columns: Mapping[str, str],
                row: Row) -> tuple[dict[str, Any], list[CellError]]:
    values: dict[str, Any] = {}
    errors: list[CellError] = []
    for field in fields:
        header = columns.get(field.key)
        if header is None or is_blank(row.get(header)):
            continue
        try:
            values[field.key] = read_field(field, row.get(header))
        except ParseError as error:
            errors.append(CellError.from_parse_error(header, field.key, error))
    return values, errors


def missing_values(fields: Sequence[Field], columns: Mapping[str, str],
                   filled: Callable[[Field], bool]) -> list[CellError]:
    """A required field left blank, or a whole "one of" group blank (reported once)."""
    errors = [_empty_cell(columns.get(field.key, field.label), field.key,
                          msg.required_field(field.label))
              for field in fields if field.required and not filled(field)]
    for group, members in one_of_groups(fields).items():
        mapped = [columns[field.key] for field in members if field.key in columns]
        if mapped and not any(filled(field) for field in members):
            errors.append(_empty_cell(mapped[0], members[0].key, msg.group_empty(group, mapped)))
    return errors


def _empty_cell(column: str, key: str, hint: str) -> CellError:
    return CellError.from_parse_error(column, key, ParseError(msg.CELL_EMPTY, hint))


def row_level_fields(target: TargetKind) -> list[Field]:
    """The fields one row must complete: all of them, or an order's per-item fields only."""
    return [field for field in target.fields if field.per_item or not target.grouped]


def _draft(target: TargetKind, values: RowValues) -> Any:
    if target.grouped:
        return OrderLine(values.get("order_key"), values.order_values(), item_line(values))
    return target.build(values)
