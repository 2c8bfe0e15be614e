"""Contracts (recurring sales): `/v1/contratos`, errors shaped `{"error": "..."}`."""
from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date
from typing import Any

from ..paging import CONTRACT_PAGE_SIZES
from .base import Record
from .numbers import Numbered

PATH = "/v1/contratos"


class Contracts(Numbered):
    """Recurring sales; listing needs a date window and pages of at most 50."""

    path = PATH

    def create(self, contract: Mapping[str, Any]) -> Record:
        """Create a contract; Conta Azul answers 201 `{id, id_legado, id_venda}`."""
        return self._post(PATH, contract)

    def get(self, contract_id: str) -> Record:
        return self._get(f"{PATH}/{contract_id}")

    def list(
        self,
        start: date,
        end: date,
        *,
        status: str | None = None,
        text: str | None = None,
        customer_id: str | None = None,
    ) -> Iterator[Record]:
        """Contracts within `start`..`end` (both required by Conta Azul); pages of ≤ 50."""
        params = {"data_inicio": start, "data_fim": end, "status": status,
                  "busca_textual": text, "cliente_id": customer_id}
        return self._pages(PATH, params, CONTRACT_PAGE_SIZES)
