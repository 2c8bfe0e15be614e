"""The sales log's columns: predefined ones in Portuguese, and custom ones over any sale field.

A sale is seen as one record: the search row (`numero`, `data`, `cliente.nome`, `situacao`,
`total`…) with the sale's detail merged in (`cliente.documento`, `venda.condicao_pagamento…`,
`vendedor`), `itens` (its items) and `categoria` (`{id, nome}`). A column is a header and a
dotted path into that record; the detail, items and category names are fetched only when some
column needs them, so a log of search-row fields costs no extra Conta Azul call per sale.
"""
from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sheets_addon.mapping.cells import fold
from sheets_addon.mapping.errors import FlowProblem
from sheets_addon.sales_log import labels

MAX_COLUMNS = 50
ID_COLUMN = "id"
MISSING = object()
SEARCH_ROW_ROOTS = frozenset({"id", "id_legado", "numero", "data", "criado_em", "data_alteracao", "total",
                              "tipo", "situacao", "versao", "id_contrato", "origem", "cliente"})
_PATH = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)*$")
SheetValue = str | int | float


def _items_text(items: Any) -> str:
    """ "2 × Pão francês; 1,5 × Bolo de fubá": what was sold, readable in one cell."""
    if not isinstance(items, list):
        return ""
    return "; ".join(f"{_quantity(item.get('quantidade'))} × {item.get('nome') or item.get('descricao') or ''}"
                     for item in items if isinstance(item, Mapping))


def _quantity(value: Any) -> str:
    if isinstance(value, Decimal):
        return format(value.normalize(), "f").replace(".", ",")
    return str(value if value is not None else "")


PREDEFINED_COLUMNS: dict[str, tuple[str, Callable[[Any], Any] | None]] = {
    "numero": ("numero", None),
    "data": ("data", None),
    "cliente": ("cliente.nome", None),
    "cpf_cnpj": ("cliente.documento", None),
    "email": ("cliente.email", None),
    "situacao": ("situacao.descricao", None),
    "total": ("total", None),
    "forma_pagamento": ("venda.condicao_pagamento.tipo_pagamento",
                        lambda value: labels.PAYMENT_TYPES.get(value, value)),
    "condicao": ("venda.condicao_pagamento.opcao_condicao_pagamento", None),
    "vendedor": ("vendedor.nome", None),
    "itens": ("itens", _items_text),
    "categoria": ("categoria.nome", None),
    "id": ("id", None),
}


@dataclass(frozen=True)
class LogColumn:
    """One column of the log: its header, the sale field it shows, and the predefined key if any."""

    header: str
    path: str
    key: str | None = None

    @property
    def root(self) -> str:
        return self.path.split(".", 1)[0]

    def value(self, sale: Mapping[str, Any]) -> SheetValue:
        """The cell for `sale`, as written RAW: text stays text, money and counts are numbers."""
        found = lookup(sale, self.path)
        render = PREDEFINED_COLUMNS[self.key][1] if self.key else None
        if render is not None and found is not MISSING:
            found = render(found)
        return sheet_value(found)

    def as_dict(self) -> dict[str, str]:
        if self.key is None:
            return {"header": self.header, "field": self.path}
        if self.header == labels.HEADERS[self.key]:
            return {"column": self.key}
        return {"column": self.key, "header": self.header}


def lookup(record: Any, path: str) -> Any:
    """The value at a dotted path (list positions as numbers), or `MISSING`."""
    for part in path.split("."):
        if isinstance(record, Mapping) and part in record:
            record = record[part]
        elif isinstance(record, list) and part.isdigit() and int(part) < len(record):
            record = record[int(part)]
        else:
            return MISSING
    return record


def sheet_value(value: Any) -> SheetValue:
    """A Conta Azul value as a cell: money as a number (a cell is a double anyway), the rest as text."""
    if value is MISSING or value is None:
        return ""
    if isinstance(value, bool):
        return "sim" if value else "não"
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral() and abs(value) < 2**53 else float(value)
    if isinstance(value, int | float):
        return value
    if isinstance(value, Mapping | list):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


def resolve_columns(entries: Any) -> list[LogColumn]:
    """The flow's column list checked; every predefined column when none is given, `id` always last if left out.

    The `id` column is how a logged sale is found again after the person sorts the tab, and how
    an append interrupted by a crash is recognised, so it is added when the person removed it.
    """
    if entries is None or entries == []:
        entries = list(PREDEFINED_COLUMNS)
    if not isinstance(entries, list):
        raise FlowProblem([labels.COLUMNS_SHAPE])
    problems: list[str] = []
    columns = [column for column in (_column(entry, problems) for entry in entries) if column]
    if not any(column.key == ID_COLUMN for column in columns):
        columns.append(LogColumn(labels.HEADERS[ID_COLUMN], PREDEFINED_COLUMNS[ID_COLUMN][0], ID_COLUMN))
    seen: set[str] = set()
    for column in columns:
        if fold(column.header) in seen:
            problems.append(labels.COLUMN_HEADER_REPEATED.format(header=column.header))
        seen.add(fold(column.header))
    if len(columns) > MAX_COLUMNS:
        problems.append(labels.COLUMNS_TOO_MANY.format(limit=MAX_COLUMNS))
    if problems:
        raise FlowProblem(problems)
    return columns


def _predefined_key(name: str) -> str | None:
    wanted = fold(name)
    return next((key for key, header in labels.HEADERS.items() if wanted in (fold(key), fold(header))), None)


def _column(entry: Any, problems: list[str]) -> LogColumn | None:
    if isinstance(entry, str):
        entry = {"column": entry}
    if not isinstance(entry, Mapping) or not set(entry) <= {"column", "header", "field"}:
        problems.append(labels.COLUMNS_SHAPE)
        return None
    header = entry.get("header")
    if header is not None and (not isinstance(header, str) or not header.strip()):
        problems.append(labels.COLUMNS_SHAPE)
        return None
    if "column" in entry:
        key = _predefined_key(str(entry["column"]))
        if key is None or "field" in entry:
            problems.append(labels.COLUMN_UNKNOWN.format(name=entry["column"], known=", ".join(PREDEFINED_COLUMNS)))
            return None
        return LogColumn((header or labels.HEADERS[key]).strip(), PREDEFINED_COLUMNS[key][0], key)
    field = entry.get("field")
    if header is None or not isinstance(field, str) or not _PATH.match(field.strip()):
        problems.append(labels.COLUMN_FIELD_INVALID.format(field=field, header=header))
        return None
    return LogColumn(header.strip(), field.strip())


def needs(columns: Sequence[LogColumn], search_row: Mapping[str, Any]) -> tuple[bool, bool, bool]:
    """(detail, items, category names): what must be fetched to fill these columns for this sale."""
    items = any(column.root == "itens" for column in columns)
    categories = any(column.root == "categoria" for column in columns)
    detail = categories or any(
        column.root not in ("itens", "categoria") and lookup(search_row, column.path) is MISSING
        for column in columns)
    return detail, items, categories
