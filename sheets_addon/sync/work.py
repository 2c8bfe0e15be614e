"""The worker's work: take each due flow under a lease, run it, record it, schedule the next run.

Kept apart from the CLI so a test drives exactly what `flask --app app worker` does.
"""
from __future__ import annotations

import logging
import os
import socket
import uuid
from collections.abc import Callable

import gspread
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from sheets_addon.config import Settings
from sheets_addon.models import Flow, utcnow
from sheets_addon.sync.runs import NUDGE, SCHEDULE, run_and_record
from sheets_addon.sync.scheduling import claim, due_flow_ids, settle

log = logging.getLogger(__name__)


def worker_name() -> str:
    """Unique per process, readable in the logs and the `lease_owner` column."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def work_due_flows(session: Session, settings: Settings, engine: Engine, sheets: gspread.Client,
                   owner: str, keep_going: Callable[[], bool] = lambda: True) -> int:
    """Runs every flow due now that this worker can claim; how many it ran."""
    ran = 0
    for flow_id in due_flow_ids(session, utcnow()):
        if not keep_going():
            break
        if claim(engine, flow_id, owner, utcnow(), lease_seconds=settings.WORKER_LEASE_SECONDS):
            _run_claimed(session, settings, engine, sheets, owner, flow_id)
            ran += 1
    return ran


def _run_claimed(session: Session, settings: Settings, engine: Engine, sheets: gspread.Client,
                 owner: str, flow_id: int) -> None:
    """One run of a flow this worker holds; whatever happens, the lease is given back."""
    flow = session.get(Flow, flow_id, populate_existing=True)
    if flow is None:
        return
    trigger = NUDGE if flow.nudged_at is not None else SCHEDULE
    started_at, succeeded = utcnow(), False
    try:
        report = run_and_record(flow, session, settings, engine, sheets, trigger)
        succeeded = report.problem is None
    except Exception as error:  # noqa: BLE001 - one flow's failure must not stop the others
        session.rollback()
        log.warning("flow run failed", extra={"flow_id": flow_id, "error_type": type(error).__name__})
    finally:
        settle(session, flow, owner, started_at, utcnow(), succeeded,
               max_backoff_seconds=settings.WORKER_MAX_BACKOFF_SECONDS)
    log.info("flow run settled", extra={"flow_id": flow_id, "trigger": trigger, "succeeded": succeeded,
                                        "failures": flow.failures, "next_run_at": flow.next_run_at})
