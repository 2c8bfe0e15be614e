"""The exactly-once ledger: an intent before each Conta Azul create, the record after it.

Each write that must survive a crash is committed at once: the intent before the create (so a
crash after it is found and repaired by lookup, not by a second create), the Conta Azul id
right after it (so the status can be written back even if the write-back fails).
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sheets_addon.models import RowRecord

PENDING, DONE, FAILED = "pending", "done", "failed"


class Ledger:
    """One flow's row records."""

    def __init__(self, session: Session, flow_id: int) -> None:
        self._session = session
        self.flow_id = flow_id

    def load(self, row_keys: Iterable[str]) -> dict[str, RowRecord]:
        keys = list(set(row_keys))
        found: dict[str, RowRecord] = {}
        for start in range(0, len(keys), 500):
            query = select(RowRecord).where(RowRecord.flow_id == self.flow_id,
                                            RowRecord.row_key.in_(keys[start:start + 500]))
            found.update({record.row_key: record for record in self._session.scalars(query)})
        return found

    def holds(self, contaazul_id: str) -> bool:
        """Whether a row of this flow is already done with that Conta Azul record."""
        query = select(RowRecord.id).where(RowRecord.flow_id == self.flow_id, RowRecord.state == DONE,
                                           RowRecord.contaazul_id == contaazul_id).limit(1)
        return self._session.scalar(query) is not None

    def record_intent(self, record: RowRecord | None, row_key: str, fingerprint: str,
                      intent: dict[str, Any], row_number: int) -> RowRecord:
        """Durably notes that a create is about to be sent, and what will identify it."""
        record = self._reset(record, row_key, fingerprint, PENDING, row_number)
        record.intent = intent
        self._session.commit()
        return record

    def record_done(self, record: RowRecord, contaazul_id: str | None, number: int | None,
                    status_text: str) -> None:
        record.state, record.contaazul_id, record.contaazul_number = DONE, contaazul_id, number
        record.status_text, record.retryable, record.reported = status_text, False, False
        self._session.commit()

    def update_intent(self, record: RowRecord, intent: Mapping[str, Any]) -> None:
        """Something learned before the create finished (a protocol id), kept at once."""
        record.intent = dict(intent)
        self._session.commit()

    def record_unconfirmed(self, record: RowRecord, intent: Mapping[str, Any], status_text: str) -> None:
        """Conta Azul may hold the record: the intent stays, so the next cycle looks it up first."""
        record.intent = dict(intent)
        record.status_text, record.retryable, record.reported = status_text, True, False
        self._session.commit()

    def record_outcome(self, record: RowRecord | None, row_key: str, fingerprint: str, state: str,
                       status_text: str, row_number: int, retryable: bool = False) -> RowRecord:
        """A row that failed; committed with the cycle's write-back."""
        record = self._reset(record, row_key, fingerprint, state, row_number)
        record.status_text, record.retryable = status_text, retryable
        return record

    @staticmethod
    def seen_at(record: RowRecord, row_number: int) -> None:
        """Where the sheet shows the record's row now (rows move); kept with the next commit."""
        record.row_number = row_number

    def mark_reported(self, records: Iterable[RowRecord]) -> None:
        for record in records:
            record.reported = True
        self._session.commit()

    def _reset(self, record: RowRecord | None, row_key: str, fingerprint: str, state: str,
               row_number: int) -> RowRecord:
        if record is None:
            record = RowRecord(flow_id=self.flow_id, row_key=row_key, intent={})
            self._session.add(record)
        record.fingerprint, record.state, record.row_number = fingerprint, state, row_number
        record.contaazul_id = record.contaazul_number = None
        record.status_text, record.retryable, record.reported = None, False, False
        return record
