"""When a flow runs next, and who may run it: due flows, leases, backoff.

A lease is taken with one conditional UPDATE, so of two workers asking for the same flow
exactly one gets it; a lease that outlived its worker (a crash, a kill) expires and is taken
over. A flow whose runs keep failing waits longer each time, up to a cap; a success resets it.
"""
from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import Engine, or_, select, update
from sqlalchemy.orm import Session

from sheets_addon.flows.spec import DEFAULT_POLL_INTERVAL_SECONDS
from sheets_addon.models import ContaAzulConnection, Flow, User
from sheets_addon.sales_log import SALES_LOG


def due_flow_ids(session: Session, now: datetime, limit: int = 50) -> list[int]:
    """Enabled flows on an active connection, not leased, whose time came or that were nudged.

    A nudge cuts the poll interval short, never a backoff: a failing flow waits its turn.
    """
    return list(session.scalars(
        select(Flow.id).join(ContaAzulConnection, Flow.connection_id == ContaAzulConnection.id)
        .where(Flow.enabled.is_(True), ContaAzulConnection.status == "active", _lease_free(now),
               or_(Flow.next_run_at.is_(None), Flow.next_run_at <= now,
                   (Flow.nudged_at.is_not(None)) & (Flow.failures == 0)))
        .order_by(Flow.nudged_at.is_(None), Flow.next_run_at.is_not(None), Flow.next_run_at)
        .limit(limit)).all())


def claim(engine: Engine, flow_id: int, owner: str, now: datetime, *, lease_seconds: int) -> bool:
    """Takes the flow's lease for `owner` if it is free or expired; True when this call won.

    `lease_seconds` (WORKER_LEASE_SECONDS) must outlast any cycle: a worker that died frees its
    flows only after it.
    """
    with engine.begin() as connection:
        result = connection.execute(
            update(Flow).where(Flow.id == flow_id, _lease_free(now))
            .values(lease_owner=owner, lease_expires_at=now + timedelta(seconds=lease_seconds)))
    return result.rowcount == 1


def settle(session: Session, flow: Flow, owner: str, started_at: datetime, finished_at: datetime,
           succeeded: bool, *, max_backoff_seconds: int) -> None:
    """Schedules the next run, counts or forgets failures, and releases `owner`'s lease.

    A nudge that arrived while the run was going is kept, so that edit gets its own run.
    """
    session.refresh(flow)
    if flow.lease_owner != owner:
        return  # the lease expired and another worker took the flow over: its schedule wins
    flow.failures = 0 if succeeded else flow.failures + 1
    flow.next_run_at = finished_at + timedelta(seconds=next_delay(poll_interval(flow), flow.failures, max_backoff_seconds))
    if flow.nudged_at is not None and flow.nudged_at <= started_at:
        flow.nudged_at = None
    flow.lease_owner = flow.lease_expires_at = None
    session.commit()


def nudge_flows(session: Session, user: User, spreadsheet_id: str, worksheet: str, now: datetime) -> list[int]:
    """Marks the user's enabled sheet → Conta Azul flows on that tab as nudged; their ids.

    A sales log writes to its tab rather than reading it, so an edit there is no news for it.
    """
    ids = list(session.scalars(select(Flow.id).where(
        Flow.user_id == user.id, Flow.spreadsheet_id == spreadsheet_id, Flow.worksheet == worksheet,
        Flow.enabled.is_(True), Flow.kind != SALES_LOG).order_by(Flow.id)).all())
    if ids:
        session.execute(update(Flow).where(Flow.id.in_(ids)).values(nudged_at=now))
    session.commit()
    return ids


def next_delay(interval: int, failures: int, max_backoff_seconds: int) -> int:
    """The poll interval, doubled for each failure in a row, never past the cap (nor below the interval)."""
    return min(interval * 2 ** min(failures, 20), max(max_backoff_seconds, interval))


def poll_interval(flow: Flow) -> int:
    return int((flow.options or {}).get("poll_interval_seconds", DEFAULT_POLL_INTERVAL_SECONDS))


def _lease_free(now: datetime):
    return or_(Flow.lease_owner.is_(None), Flow.lease_expires_at.is_(None), Flow.lease_expires_at <= now)
