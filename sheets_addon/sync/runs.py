"""Every real run of a flow goes through `run_and_record`, so the runs list tells the whole story.

Who started the run (the worker's schedule, a nudge, a person) is only the `trigger`; the
work and its record are the same. A dry run (preview) is not a run and is not recorded.
The flow's activity per day is summed from these records: each counts what that run did, once,
where the ledger keeps only each row's latest state.
"""
from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from gspread.exceptions import APIError
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from contaazul import InvalidClientError
from contaazul.wire import SAO_PAULO
from sheets_addon import messages
from sheets_addon.config import Settings
from sheets_addon.google_access import SheetsClients, sheet_refusal
from sheets_addon.db import one_page
from sheets_addon.models import Flow, FlowRun, utcnow
from sheets_addon.sales_log import SALES_LOG
from sheets_addon.spreadsheet_access import SpreadsheetAccessRefused
from sheets_addon.sync.runner import FlowNotReady, run_flow_once
from sheets_addon.sync.sales_to_sheet import PollReport
from sheets_addon.sync.sheet_to_contaazul import MAX_UNITS_PER_CYCLE, CycleReport

SCHEDULE, NUDGE, MANUAL = "schedule", "nudge", "manual"
TRIGGERS = (SCHEDULE, NUDGE, MANUAL)
_NOT_COUNTS = {"flow_id", "dry_run", "problem"}
# Which of a run's counts are records sent and rows refused: a cycle creates records in Conta Azul
# (or finds those a lost answer created) and marks bad rows ✖; a poll appends rows to the log.
_SENT = {SALES_LOG: ("appended", "recovered")}
_DEFAULT_SENT, _ERRORS = ("created", "recovered"), ("failed",)
log = logging.getLogger(__name__)


def run_and_record(flow: Flow, session: Session, settings: Settings, engine: Engine,
                   sheets: SheetsClients, trigger: str, *, max_units: int = MAX_UNITS_PER_CYCLE,
                   keep_going: Callable[[], bool] = lambda: True) -> CycleReport | PollReport:
    """One real cycle of `flow`, recorded as a `FlowRun` and committed.

    A run that raises is recorded too (its problem is the error's kind, never its text, which
    may quote a sheet or an answer) and the error goes on to the caller. A flow that is not
    ready never started, so nothing is recorded. `keep_going` turning False (the run's lease was
    lost) ends the run at its next safe point: see `run_flow_once`.
    """
    started_at, clock = utcnow(), time.monotonic()
    try:
        report = run_flow_once(flow, session, settings, engine, sheets, max_units=max_units, keep_going=keep_going)
    except (FlowNotReady, SpreadsheetAccessRefused):
        raise  # it never started
    except Exception as error:
        session.rollback()
        _record(session, flow.id, trigger, started_at, clock, {}, _stopped_by(error, session, settings, flow))
        raise
    _record(session, flow.id, trigger, started_at, clock, _counts(report.as_dict()), report.problem)
    return report


def _stopped_by(error: Exception, session: Session, settings: Settings, flow: Flow) -> str:
    """A raising run's problem: Google refusing the sheet as its owner should read it (share it with
    the account named), Conta Azul refusing the backend's client secret (tell the operator), anything
    else by its kind only."""
    if isinstance(error, APIError):
        return sheet_refusal(session, settings, flow.user_id, error).message
    if isinstance(error, InvalidClientError):
        return messages.CONTAAZUL_CLIENT_REFUSED
    return f"unexpected error: {type(error).__name__}"


def flow_runs(session: Session, flow: Flow, page: int, per_page: int) -> tuple[list[FlowRun], int]:
    """One page of the flow's runs, newest first, and how many there are in all."""
    return one_page(session, select(FlowRun).where(FlowRun.flow_id == flow.id)
                    .order_by(FlowRun.started_at.desc(), FlowRun.id.desc()), page, per_page)


def daily_activity(session: Session, flow: Flow, days: int, now: datetime) -> list[dict[str, Any]]:
    """The last `days` São Paulo days up to today, oldest first, each with what the flow's runs did:
    `sent` records (or log rows), rows in `errors`, `runs`, and runs stopped by a `problem`."""
    today = now.astimezone(SAO_PAULO).date()
    first = today - timedelta(days=days - 1)
    sent_names = _SENT.get(flow.kind, _DEFAULT_SENT)
    since = datetime(first.year, first.month, first.day, tzinfo=SAO_PAULO)
    query = (select(FlowRun.started_at, _summed(sent_names), _summed(_ERRORS), FlowRun.problem.is_not(None))
             .where(FlowRun.flow_id == flow.id, FlowRun.started_at >= since))
    totals: dict[Any, Counter] = {first + timedelta(days=n): Counter() for n in range(days)}
    for started_at, sent, errors, stopped in session.execute(query):
        day = totals.get(started_at.astimezone(SAO_PAULO).date())
        if day is not None:  # a run stamped past our clock's today is left for its own day
            day.update(sent=sent, errors=errors, runs=1, problems=int(stopped))
    return [{"date": day.isoformat(), **{name: counts[name] for name in ("sent", "errors", "runs", "problems")}}
            for day, counts in totals.items()]


def _summed(names: tuple[str, ...]):
    """The sum of these counts of a run, read in the database (0 for a run that has none)."""
    first, *rest = (func.coalesce(FlowRun.counts[name].as_integer(), 0) for name in names)
    return sum(rest, first)


def run_json(run: FlowRun) -> dict[str, Any]:
    return {"id": run.id, "flow_id": run.flow_id, "trigger": run.trigger,
            "started_at": run.started_at.isoformat(), "finished_at": run.finished_at.isoformat(),
            "duration_ms": run.duration_ms, "counts": run.counts, "problem": run.problem}


def _record(session: Session, flow_id: int, trigger: str, started_at, clock: float,
            counts: dict[str, int], problem: str | None) -> None:
    duration_ms = round((time.monotonic() - clock) * 1000)
    session.add(FlowRun(flow_id=flow_id, trigger=trigger, started_at=started_at, finished_at=utcnow(),
                        duration_ms=duration_ms, counts=counts, problem=problem))
    session.commit()
    log.info("run recorded", extra={"flow_id": flow_id, "trigger": trigger, "duration_ms": duration_ms,
                                    "problem": problem, "counts": counts})


def _counts(report: dict[str, Any]) -> dict[str, int]:
    return {name: value for name, value in report.items() if name not in _NOT_COUNTS}
