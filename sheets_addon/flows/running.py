"""Preview and run-now for the API: one cycle through `run_flow_once`, answered as JSON.

A person waits on both, so Google's Sheets quota refusing a request ends them at once
(`NO_QUOTA_WAIT`: the API answers 503 with Retry-After; a run-now is recorded as stopped on it)
rather than holding a web thread through Google's minute, as the worker does.

A preview is the dry run, and nothing of it is kept: the session is rolled back, so even what
the cycle learned about the sheet waits for a real run. It needs no lease; a run-now does, like
every real run (`manual_lease`): it raises `FlowBusy` while a worker runs the flow.
"""
from __future__ import annotations

import json
from dataclasses import asdict
from decimal import Decimal
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from contaazul.wire import decimal_text, scalar_text
from sheets_addon.config import Settings
from sheets_addon.google_access import SheetsClients
from sheets_addon.models import Flow
from sheets_addon.sheets import NO_QUOTA_WAIT
from sheets_addon.sync.lease import manual_lease
from sheets_addon.sync.runner import run_flow_once
from sheets_addon.sync.runs import MANUAL, run_and_record
from sheets_addon.sync.sales_to_sheet import PollReport

DEFAULT_PREVIEW_ROWS = 20
MAX_PREVIEW_ROWS = 200


def preview_flow(flow: Flow, session: Session, settings: Settings, engine: Engine,
                 limit: int = DEFAULT_PREVIEW_ROWS) -> dict[str, Any]:
    """What a cycle would do with the first `limit` rows: each row's payload, or the status it would get."""
    try:
        report = run_flow_once(flow, session, settings, engine, SheetsClients(settings, engine, NO_QUOTA_WAIT),
                               dry_run=True)
    finally:
        session.rollback()
    if isinstance(report, PollReport):
        rows = [{"values": _json_ready(values)} for values in report.preview[:limit]]
    else:
        rows = [{**asdict(preview), "payload": _json_ready(preview.payload)} for preview in report.previews[:limit]]
    return {**report.as_dict(), "rows": rows}


def run_flow_now(flow: Flow, session: Session, settings: Settings, engine: Engine) -> dict[str, Any]:
    """One real cycle, now, in this request, under the flow's lease, recorded like any other run;
    the report of what it did."""
    with manual_lease(engine, flow.id, settings.WORKER_LEASE_SECONDS) as heartbeat:
        return run_and_record(flow, session, settings, engine, SheetsClients(settings, engine, NO_QUOTA_WAIT),
                              MANUAL, keep_going=heartbeat.held).as_dict()


def _json_ready(value: Any) -> Any:
    """Values as JSON numbers and `YYYY-MM-DD` dates, the way the payload reads on the wire."""
    return None if value is None else json.loads(json.dumps(value, default=_scalar))


def _scalar(value: Any) -> Any:
    return float(decimal_text(value)) if isinstance(value, Decimal) else scalar_text(value)
