"""Spreadsheet rows -> typed, validated drafts for Conta Azul, with errors a person can act on.

Entry points for the flows and the sync:

- `TARGET_KINDS`, `catalog_for(kind)`: what a row can become and the fields it may carry;
- `suggest_mapping(kind, headers)`: a first {field_key: header} guess for the sidebar;
- `validate_mapping(kind, mapping)`, `validate_filters(filters)`: checks on saving a flow;
- `check_headers(kind, mapping, headers, filters)`: once per cycle, on the header row;
- `evaluate_filters(filters, row)`: None, or the "ignorada: filtro …" status text;
- `parse_row(kind, mapping, row)`: a `ParsedRow` with a draft or `CellError`s;
- `group_sale_rows(...)` / `group_contract_rows(...)`: order lines -> drafts;
- `row_fingerprint(mapping, row)`: the row's identity for exactly-once delivery.

Problems with a row are `CellError`s in the result; problems with the flow itself are
raised as `MappingProblem` or `FilterSpecError`.
"""
from .catalog import TARGET_KINDS, catalog_for, target_kind
from .cells import CellValue, Row
from .columns import check_headers, validate_mapping
from .drafts import Address, ItemLine, OrderLine, Party
from .errors import CellError, FilterSpecError, MappingProblem, ParseError
from .fields import Field, FieldType
from .filters import compile_filters, evaluate_filters, validate_filters
from .fingerprint import row_fingerprint
from .grouping import OrderGroup, group_contract_rows, group_sale_rows
from .kinds.contract import ContractDraft
from .kinds.customer import CustomerDraft
from .kinds.financial import FinancialDraft
from .kinds.sale import SaleDraft
from .rows import ParsedRow, parse_row
from .suggest import suggest_mapping

__all__ = [
    "TARGET_KINDS", "Address", "CellError", "CellValue", "ContractDraft", "CustomerDraft",
    "Field", "FieldType", "FilterSpecError", "FinancialDraft", "ItemLine", "MappingProblem",
    "OrderGroup", "OrderLine", "ParseError", "ParsedRow", "Party", "Row", "SaleDraft",
    "catalog_for", "check_headers", "compile_filters", "evaluate_filters", "group_contract_rows",
    "group_sale_rows", "parse_row", "row_fingerprint", "suggest_mapping", "target_kind",
    "validate_filters", "validate_mapping",
]
