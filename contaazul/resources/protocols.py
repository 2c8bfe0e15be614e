"""Following the asynchronous protocol a payable or receivable creation answers with.

Conta Azul answers 202 `{"protocolo", "status": PENDING}` and records the event later;
`GET /v1/protocolo/{id}` tells how it ended. ERROR becomes a `ProtocolFailedError` (fix the
row); still PENDING after the timeout becomes a retryable `ProtocolPendingError` carrying the
protocol id, so the caller asks again later instead of creating the event a second time.
"""
from __future__ import annotations

import json
import time
from collections.abc import Mapping
from typing import Any

from ..errors import ProtocolFailedError, ProtocolPendingError, error_message
from .base import Record, Resource

PATH = "/v1/protocolo"
SUCCESS, ERROR = "SUCCESS", "ERROR"


class Protocols(Resource):
    """`/v1/protocolo/{id}`: how an asynchronous creation ended."""

    def get(self, protocol_id: str) -> Record:
        """The protocol's current `{status, resposta, evento_financeiro_id}`."""
        return self._get(f"{PATH}/{protocol_id}")

    def wait(self, protocol_id: str, *, timeout: float | None = None) -> Record:
        """Poll until the protocol ends; return it on SUCCESS, raise on ERROR or timeout.

        The protocol is always asked at least once, so `timeout=0` means "how did it end?".
        """
        return self.settle(self._fetch(protocol_id), timeout=timeout)

    def settle(self, protocol: Mapping[str, Any], *, timeout: float | None = None) -> Record:
        """Given a creation's 202 answer, wait for its outcome (no request if already final)."""
        protocol_id = str(protocol.get("protocolo") or protocol.get("id"))
        limit = self._client.protocol_timeout if timeout is None else timeout
        deadline = time.monotonic() + limit
        current = dict(protocol)
        if _status(current) == SUCCESS and not current.get("evento_financeiro_id"):
            current = self._fetch(protocol_id)  # the 202 may not name the event yet
        while _status(current) not in (SUCCESS, ERROR):
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise ProtocolPendingError(
                    f"protocol {protocol_id} still pending after {limit:g}s",
                    protocol_id=protocol_id, method="GET", path=f"{PATH}/{protocol_id}")
            self._client._sleep(min(self._client.protocol_poll_interval, remaining))
            current = self._fetch(protocol_id)
        if _status(current) == ERROR:
            raise ProtocolFailedError(_reason(current), protocol_id=protocol_id,
                                      method="GET", path=f"{PATH}/{protocol_id}")
        return current

    def _fetch(self, protocol_id: str) -> Record:
        return {"protocolo": protocol_id, **self.get(protocol_id)}


def _status(protocol: Mapping[str, Any]) -> str:
    return str(protocol.get("status") or "").upper()


def _reason(protocol: Mapping[str, Any]) -> str:
    """The protocol's error text, wherever in `resposta` Conta Azul put it."""
    answer = protocol.get("resposta")
    if isinstance(answer, str) and answer.strip().startswith(("{", "[")):
        try:
            answer = json.loads(answer)
        except ValueError:
            pass
    if isinstance(answer, list) and answer:
        answer = answer[0]
    return error_message(answer, "Conta Azul could not record the financial event")
