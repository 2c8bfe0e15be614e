"""The worker's work: take each due flow under a lease, run it, record it, schedule the next run.

Kept apart from the CLI so a test drives exactly what `flask --app app worker` does. Losing the
database is not a flow's failure: it is raised to the loop, which waits for the database and
gives back its leases (`release_leases`) before it carries on.
"""
from __future__ import annotations

import logging
import random
from collections.abc import Callable

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.orm import Session

from sheets_addon.config import Settings
from sheets_addon.google_access import SheetsClients
from sheets_addon.models import Flow, utcnow
from sheets_addon.sheets_quota import quota_for
from sheets_addon.spreadsheet_access import SpreadsheetAccessRefused, pause_unproven
from sheets_addon.sync.lease import Heartbeat
from sheets_addon.sync.runs import NUDGE, SCHEDULE, run_and_record
from sheets_addon.sync.scheduling import claim_next, release_leases, settle

MAX_FLOWS_PER_PASS = 100  # then the caller looks around (stop asked?) before the next pass
log = logging.getLogger(__name__)


def work_due_flows(session: Session, settings: Settings, engine: Engine, sheets: SheetsClients,
                   owner: str, keep_going: Callable[[], bool] = lambda: True) -> int:
    """Runs the flows due now, claiming one at a time, owners taking turns; how many it ran. `sheets`
    opens each flow's sheet with its owner's Google access (one client per owner for the pass).

    A run settles its flow's next time, so a flow is due again within the pass only when nudged
    while it ran: that edit is not kept waiting behind another person's flows until the pass ends.
    """
    ran = 0
    quota = quota_for(settings, engine)  # the service account's Sheets minute, shared fairly
    while ran < MAX_FLOWS_PER_PASS and keep_going():
        flow_id = claim_next(engine, owner, utcnow(), lease_seconds=settings.WORKER_LEASE_SECONDS, quota=quota)
        if flow_id is None:
            break
        _run_claimed(session, settings, engine, sheets, owner, flow_id)
        ran += 1
    return ran


def lost_database(error: BaseException) -> bool:
    """Whether `error` says the database went away (or was busy), rather than that a flow is wrong."""
    if isinstance(error, DBAPIError) and error.connection_invalidated:
        return True
    return isinstance(error, (OperationalError, InterfaceError))


class DatabaseOutage:
    """The worker's side of losing the database: how long to wait before trying again, and the
    leases to give back once it answers (the runs they covered ended with the connection).

    The wait doubles from one second up to `max_wait`, with jitter, so that many workers do not
    all come back at the same instant. Errors are logged by kind only: their text quotes SQL.
    """

    def __init__(self, owner: str, max_wait: float = 30.0) -> None:
        self.owner, self.max_wait, self.failures = owner, max_wait, 0

    def wait_after(self, error: BaseException) -> float:
        """Seconds to wait before the next try, after `error`."""
        self.failures += 1
        wait = min(self.max_wait, 2.0 ** (self.failures - 1)) * random.uniform(0.5, 1.0)
        log.warning("database unreachable: waiting to reconnect", extra={
            "worker": self.owner, "error_type": type(getattr(error, "orig", None) or error).__name__,
            "attempt": self.failures, "retry_in_seconds": round(wait, 2)})
        return wait

    def recover(self, engine: Engine) -> None:
        """After an outage, once the database answers: gives back this worker's leases."""
        if not self.failures:
            return
        released = release_leases(engine, self.owner)
        log.info("database reachable again", extra={"worker": self.owner, "attempts": self.failures,
                                                    "leases_released": released})
        self.failures = 0


def _run_claimed(session: Session, settings: Settings, engine: Engine, sheets: SheetsClients,
                 owner: str, flow_id: int) -> None:
    """One run of a flow this worker holds; the lease is given back by `settle`, or (the database
    lost) by the loop once the database is back."""
    flow = session.get(Flow, flow_id, populate_existing=True)
    if flow is None:
        return
    trigger = NUDGE if flow.nudged_at is not None else SCHEDULE
    started_at, succeeded = utcnow(), False
    try:
        with Heartbeat(engine, flow_id, owner, settings.WORKER_LEASE_SECONDS) as heartbeat:
            report = run_and_record(flow, session, settings, engine, sheets, trigger, keep_going=heartbeat.held)
        succeeded = report.problem is None
    except SpreadsheetAccessRefused:
        session.rollback()
        _pause_unproven(session, settings, flow)
        succeeded = True  # not the flow's failure: it runs again, at once, when its owner proves access
    except Exception as error:  # noqa: BLE001 - one flow's failure must not stop the others
        session.rollback()
        if lost_database(error):
            raise  # not the flow's fault: no failure is counted, and the run is done again
        log.warning("flow run failed", extra={"flow_id": flow_id, "error_type": type(error).__name__})
    settle(session, flow, owner, started_at, utcnow(), succeeded,
           max_backoff_seconds=settings.WORKER_MAX_BACKOFF_SECONDS)
    log.info("flow run settled", extra={"flow_id": flow_id, "worker": owner, "trigger": trigger,
                                        "succeeded": succeeded, "failures": flow.failures,
                                        "next_run_at": flow.next_run_at})


def _pause_unproven(session: Session, settings: Settings, flow: Flow) -> None:
    """The owner has not shown lately that they can edit the flow's sheet: their flows there wait."""
    paused = pause_unproven(session, settings, flow.user_id, flow.spreadsheet_id)
    session.commit()
    log.warning("flows paused: spreadsheet access not proven",
                extra={"flow_id": flow.id, "user_id": flow.user_id, "flows_paused": paused})
