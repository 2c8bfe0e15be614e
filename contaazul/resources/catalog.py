"""Products and services: two catalogues read the same way, with an ATIVO/INATIVO status.

A sale may only use active items (Conta Azul refuses the rest), so lookups return inactive
items too and let the caller say so on the row instead of answering "not found".
"""
from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from ..paging import SERVICE_PAGE_SIZES, STANDARD_PAGE_SIZES
from .base import Record, Resource, exact_matches, first_exact

ACTIVE = "ATIVO"
INACTIVE = "INATIVO"


class Catalog(Resource):
    path: str
    text_param: str
    code_field: str
    name_field: str
    page_sizes: Sequence[int] = STANDARD_PAGE_SIZES

    def search(self, text: str | None = None, *, status: str | None = None) -> Iterator[Record]:
        """Items matching a free text; `status` ATIVO or INATIVO (None: as Conta Azul defaults)."""
        return self._search({self.text_param: text, "status": status})

    def find_by_code(self, code: str) -> Record | None:
        """The item whose code is exactly `code`, active or not."""
        return first_exact(self._search(self._code_filter(code)), code, self.code_field)

    def find_by_name(self, name: str) -> list[Record]:
        """The items named exactly `name`, active or not."""
        return exact_matches(self._search({self.text_param: name.strip()}), name, self.name_field)

    def _code_filter(self, code: str) -> dict[str, Any]:
        return {self.text_param: code.strip()}

    def _search(self, params: dict[str, Any]) -> Iterator[Record]:
        return self._pages(self.path, params, self.page_sizes)


class Products(Catalog):
    """`/v1/produtos`: list rows carry `status`; the detail carries `ativo` and the price."""

    path = "/v1/produtos"
    text_param = "busca"
    code_field = "codigo_sku"
    name_field = "nome"

    def _code_filter(self, code: str) -> dict[str, Any]:
        return {"sku": code.strip()}

    def get(self, product_id: str) -> Record:
        """The product's detail: `ativo`, and the sale price at `estoque.valor_venda`."""
        return self._get(f"{self.path}/{product_id}")


class Services(Catalog):
    """`/v1/servicos`: the name is `descricao`; pages of 10, 20, 50 or 100 only."""

    path = "/v1/servicos"
    text_param = "busca_textual"
    code_field = "codigo"
    name_field = "descricao"
    page_sizes = SERVICE_PAGE_SIZES
