"""A Conta Azul sale as the sales log's columns see it: search row, detail, items, category name.

Only what the columns need is fetched, and only for sales about to be written: a search row
alone fills número, data, cliente, e-mail, situação, total and id; the detail adds CPF/CNPJ,
payment, seller; items and category names cost one more call each (category names once per poll).
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from contaazul import ContaAzul
from sheets_addon.sales_log.columns import LogColumn, needs


class SaleRecords:
    """Builds sale records for one poll, asking Conta Azul for category names at most once."""

    def __init__(self, client: ContaAzul, columns: Sequence[LogColumn]) -> None:
        self._client, self._columns = client, columns
        self._categories: dict[str, str] | None = None

    def build(self, search_row: Mapping[str, Any]) -> dict[str, Any]:
        """The search row with whatever the columns need merged in."""
        detail, items, categories = needs(self._columns, search_row)
        record = dict(search_row)
        if detail:
            record = merged(record, self._client.sales.get(search_row["id"]))
        if items:
            record["itens"] = list(self._client.sales.items(search_row["id"]))
        if categories:
            category_id = (record.get("venda") or {}).get("id_categoria")
            record["categoria"] = {"id": category_id, "nome": self._category_names().get(category_id or "")}
        return record

    def _category_names(self) -> dict[str, str]:
        if self._categories is None:
            self._categories = {c["id"]: c.get("nome") for c in self._client.categories.list(kind="RECEITA")}
        return self._categories


def merged(row: Mapping[str, Any], detail: Mapping[str, Any]) -> dict[str, Any]:
    """`detail` laid over `row`, nested objects merged (the row's `cliente.cidade` stays beside the
    detail's `cliente.documento`)."""
    result = dict(row)
    for key, value in detail.items():
        if isinstance(value, Mapping) and isinstance(result.get(key), Mapping):
            result[key] = merged(result[key], value)
        elif value is not None or key not in result:
            result[key] = value
    return result
