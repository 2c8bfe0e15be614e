"""Sales: `/v1/venda`."""
from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from datetime import date, datetime
from typing import Any

from ..paging import page_items
from .base import Record
from .numbers import Numbered

PATH = "/v1/venda"


class Sales(Numbered):
    """Sales, their items and sellers; found again by number or by change window."""

    path = PATH

    def create(self, sale: Mapping[str, Any]) -> Record:
        """Create a sale; the installments must add up to the sale's total."""
        return self._post(PATH, sale)

    def update(self, sale_id: str, sale: Mapping[str, Any]) -> Record | None:
        """Replace a sale; it must carry the current `versao` (stale → `ConflictError`)."""
        if "versao" not in sale:
            raise ValueError("updating a sale needs its current 'versao'")
        return self._client._request("PUT", f"{PATH}/{sale_id}", json=sale)

    def get(self, sale_id: str | int) -> Record:
        """A sale by uuid or legacy id, with `cliente`, `venda`, `vendedor`, `contrato`."""
        return self._get(f"{PATH}/{sale_id}")

    def items(self, sale_id: str) -> Iterator[Record]:
        """The products and services sold."""
        return self._pages(f"{PATH}/{sale_id}/itens")

    def sellers(self) -> list[Record]:
        """Every seller (`[{id, nome, id_legado}]`)."""
        return page_items(self._get(f"{PATH}/vendedores"))[0]

    def search(
        self,
        *,
        changed_from: datetime | None = None,
        changed_until: datetime | None = None,
        numbers: Sequence[int] | None = None,
        statuses: Sequence[str] | None = None,
        customer_ids: Sequence[str] | None = None,
        seller_ids: Sequence[str] | None = None,
        text: str | None = None,
        sale_date_from: date | None = None,
        sale_date_until: date | None = None,
    ) -> Iterator[Record]:
        """Sales by change window (aware datetimes; both ends always sent, a window longer than a
        year asked for year by year), number or status. A sale changed again while a long window
        is read may come once per version: keep the latest `data_alteracao`."""
        params = {
            "numeros": numbers,
            "situacoes": statuses,
            "ids_clientes": customer_ids,
            "ids_vendedores": seller_ids,
            "termo_busca": text,
            "data_inicio": sale_date_from,
            "data_fim": sale_date_until,
        }
        return self._changed_pages(f"{PATH}/busca", params, changed_from, changed_until)

    def find_by_number(self, number: int) -> Record | None:
        """The sale numbered `number`, if any."""
        rows = self.search(numbers=[number])
        return next((r for r in rows if str(r.get("numero")) == str(number)), None)
