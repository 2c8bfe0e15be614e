"""What a flow did with each row, as the sidebar lists it: errors first, then the latest.

Read from the ledgers, never from the sheet: a sheet → Conta Azul flow's `RowRecord`s (one
per record, with the row a cycle last found it at), or a sales log's `SaleRow`s (one per
sale logged, with the row it was last written to). Both answer in the same shape.
"""
from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import case, select
from sqlalchemy.orm import Session

from sheets_addon.db import one_page
from sheets_addon.models import Flow, RowRecord, SaleRow
from sheets_addon.sales_log import SALES_LOG, labels
from sheets_addon.sync.ledger import DONE, FAILED, PENDING
from sheets_addon.sync.sales_to_sheet import APPENDING, LOGGED

STATES = (FAILED, DONE, PENDING)
_SALE_STATES = {DONE: LOGGED, PENDING: APPENDING}  # a sales log has no failed rows: a poll fails whole


def row_outcomes(session: Session, flow: Flow, state: str | None, page: int,
                 per_page: int) -> tuple[list[dict[str, Any]], int]:
    """One page of the flow's row outcomes (only those in `state`, when given) and how many in all."""
    if flow.kind == SALES_LOG:
        return _sale_rows(session, flow, state, page, per_page)
    in_state = [RowRecord.state == state] if state else []
    query = (select(RowRecord).where(RowRecord.flow_id == flow.id, *in_state)
             .order_by(case((RowRecord.state == FAILED, 0), else_=1), RowRecord.updated_at.desc(),
                       RowRecord.id.desc()))
    records, total = one_page(session, query, page, per_page)
    return [_outcome(record.row_number, record.state, record.contaazul_id, record.contaazul_number,
                     record.status_text, record.retryable, record.updated_at) for record in records], total


def _sale_rows(session: Session, flow: Flow, state: str | None, page: int,
               per_page: int) -> tuple[list[dict[str, Any]], int]:
    if state == FAILED:
        return [], 0
    in_state = [SaleRow.state == _SALE_STATES[state]] if state else []
    query = (select(SaleRow).where(SaleRow.flow_id == flow.id, *in_state)
             .order_by(SaleRow.updated_at.desc(), SaleRow.id.desc()))
    entries, total = one_page(session, query, page, per_page)
    return [_sale_outcome(entry) for entry in entries], total


def _sale_outcome(entry: SaleRow) -> dict[str, Any]:
    """A logged sale is done; one whose append is not yet confirmed is pending (the next poll settles it)."""
    sale = labels.SALE_ROW_NAME.format(number=entry.sale_number) if entry.sale_number else labels.SALE_ROW_UNNUMBERED
    if entry.state == LOGGED:
        return _outcome(entry.row_hint, DONE, entry.sale_id, entry.sale_number,
                        labels.SALE_ROW_LOGGED.format(sale=sale), False, entry.updated_at)
    return _outcome(entry.row_hint, PENDING, entry.sale_id, entry.sale_number,
                    labels.SALE_ROW_APPENDING.format(sale=sale), True, entry.updated_at)


def _outcome(row: int | None, state: str, contaazul_id: str | None, contaazul_number: int | None,
             status: str | None, retryable: bool, updated_at: datetime) -> dict[str, Any]:
    return {"row": row, "state": state, "contaazul_id": contaazul_id, "contaazul_number": contaazul_number,
            "status": status, "retryable": retryable, "updated_at": updated_at.isoformat()}
