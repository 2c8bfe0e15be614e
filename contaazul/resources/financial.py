"""Payables and receivables: `/v1/financeiro/eventos-financeiros/contas-a-pagar|receber`."""
from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from .base import Record, Resource

BASE = "/v1/financeiro/eventos-financeiros"


class FinancialEvents(Resource):
    """What payables and receivables share: same body, same protocol, same search."""

    kind: str

    def create(self, event: Mapping[str, Any]) -> Record:
        """Ask Conta Azul to record the event; returns the 202 protocol, without waiting."""
        return self._post(f"{BASE}/{self.kind}", event)

    def create_and_wait(self, event: Mapping[str, Any], *, timeout: float | None = None) -> Record:
        """Create and follow the protocol; the answer carries `evento_financeiro_id`.

        Raises `ProtocolFailedError` when Conta Azul refused it and `ProtocolPendingError`
        (with `protocol_id`) when it had not decided before `timeout` seconds.
        """
        return self._client.protocols.settle(self.create(event), timeout=timeout)

    def search(
        self,
        due_from: date,
        due_until: date,
        *,
        text: str | None = None,
        status: str | Sequence[str] | None = None,
        value_from: Decimal | None = None,
        value_until: Decimal | None = None,
        category_ids: Sequence[str] | None = None,
        cost_center_ids: Sequence[str] | None = None,
        changed_from: datetime | None = None,
        changed_until: datetime | None = None,
    ) -> Iterator[Record]:
        """Installments due within `due_from`..`due_until` (Conta Azul requires the window).

        Each row is one installment: its `id` is the installment's, and it names no event;
        `client.installments.event_id(row["id"])` tells which event it belongs to.
        """
        params = {
            "data_vencimento_de": due_from,
            "data_vencimento_ate": due_until,
            "descricao": text,
            "status": status,
            "valor_de": value_from,
            "valor_ate": value_until,
            "ids_categorias": category_ids,
            "ids_centros_de_custo": cost_center_ids,
        }
        return self._changed_pages(f"{BASE}/{self.kind}/buscar", params, changed_from, changed_until)


class Payables(FinancialEvents):
    """Bills to pay; `contato` is the supplier."""

    kind = "contas-a-pagar"


class Receivables(FinancialEvents):
    """Amounts to receive; `contato` is the client."""

    kind = "contas-a-receber"


class Installments(Resource):
    """`…/eventos-financeiros/parcelas/{id}`: one installment of a payable or receivable."""

    def get(self, installment_id: str) -> Record:
        """The installment with its `evento` (id, type, accrual date, split)."""
        return self._get(f"{BASE}/parcelas/{installment_id}")

    def event_id(self, installment_id: str) -> str:
        """The id of the payable or receivable an installment (a search row) belongs to."""
        return str(self.get(installment_id)["evento"]["id"])
