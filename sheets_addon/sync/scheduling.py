"""When a flow runs next, and who may run it: due flows, leases, backoff.

A worker runs a flow only under its lease (`lease_owner`, `lease_expires_at`), taken by
`claim_next` in one short transaction. On PostgreSQL it picks the next due flow with
`SELECT … FOR NO KEY UPDATE SKIP LOCKED`, so any number of workers on any number of machines
each lock a different flow without waiting on one another; on SQLite (one machine) a
conditional UPDATE does the same. The lease outlives that transaction: a lease that outlived
its worker (a crash, a kill) expires and the flow is taken over. A flow whose runs keep failing
waits longer each time, up to a cap; a success resets it.

Owners take turns: the owner served the fewest runs in the last minute (runs under way
included) goes first, with their most pressing due flow (`sheets_quota.fair_order`), so one
person's many due flows never stand before another's one.
Given the service account's `Quota`, a claim also keeps its Sheets minute: no flow of an owner
past their fair share while another owner waits, none of the account at all once the minute is
spent (`sheets_quota.Admission`). On PostgreSQL those claims take turns under one advisory lock,
so two workers never both see the last room of the minute.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Mapping
from datetime import datetime, timedelta

from sqlalchemy import Connection, Engine, func, or_, select, update
from sqlalchemy.orm import Session

from sheets_addon.flows.spec import DEFAULT_POLL_INTERVAL_SECONDS
from sheets_addon.models import ContaAzulConnection, Flow, FlowRun, GoogleConnection, User
from sheets_addon.sales_log import SALES_LOG
from sheets_addon.sheets_quota import WINDOW_SECONDS, Candidate, Quota, fair_order, waiting_owners

# Nudged flows first, then those never run, then the longest overdue.
_DUE_ORDER = (Flow.nudged_at.is_(None), Flow.next_run_at.is_not(None), Flow.next_run_at, Flow.id)
_CANDIDATES = 50  # due flows one claim weighs (every owner's first ones), tried in turn
_CLAIM_LOCK_KEY = 0x617A756C666169  # "azulfai": claims that keep the Sheets minute take turns (PostgreSQL)


def due_flow_ids(session: Session, now: datetime, limit: int = 50) -> list[int]:
    """Enabled flows on an active connection, not leased, whose time came or that were nudged.

    A nudge cuts the poll interval short, never a backoff: a failing flow waits its turn.
    """
    return list(session.scalars(select(Flow.id).where(*_due(now)).order_by(*_DUE_ORDER).limit(limit)).all())


def claim_next(engine: Engine, owner: str, now: datetime, *, lease_seconds: int,
               skip: Collection[int] = (), quota: Quota | None = None) -> int | None:
    """Leases the next due flow (not in `skip`) to `owner`, owners taking turns; its id, or None when
    nothing is due (or nothing `quota`, the service account's Sheets minute, admits now).

    `lease_seconds` (WORKER_LEASE_SECONDS) must outlast any cycle: a worker that died frees its
    flows only after it.
    """
    with engine.begin() as connection:
        postgresql = connection.dialect.name == "postgresql"
        if quota is not None and postgresql:
            connection.execute(select(func.pg_advisory_xact_lock(_CLAIM_LOCK_KEY)))
        candidates = [Candidate(*row) for row in connection.execute(_ranked_due(now, skip))]
        under_way, shared_under_way = _runs_under_way(connection, now)
        admission = quota.admission(connection, shared_under_way) if quota is not None else None
        served = _runs_this_minute(connection, now, under_way)
        waiting = waiting_owners(candidates)
        for candidate in fair_order(candidates, served, admission):
            if admission is not None and candidate.shared and not admission.admits(candidate.owner, waiting):
                continue
            if postgresql and not _locked(connection, candidate.flow_id, now):
                continue
            if _take_lease(connection, candidate.flow_id, owner, now, lease_seconds, still_due=True):
                return candidate.flow_id
    return None


def claim(engine: Engine, flow_id: int, owner: str, now: datetime, *, lease_seconds: int) -> bool:
    """Takes this flow's lease for `owner` if it is free or expired, due or not; True when this call won."""
    with engine.begin() as connection:
        return _take_lease(connection, flow_id, owner, now, lease_seconds, still_due=False)


def take_lease_from(engine: Engine, flow_id: int, holder: str, owner: str, now: datetime, *,
                    lease_seconds: int) -> bool:
    """Hands the flow's lease from `holder` (known to be gone) to `owner`, expired or not; True when
    this call won (nobody else took it over first)."""
    with engine.begin() as connection:
        taken = connection.execute(update(Flow).where(Flow.id == flow_id, Flow.lease_owner == holder)
                                   .values(lease_owner=owner, lease_expires_at=now + timedelta(seconds=lease_seconds)))
        return taken.rowcount == 1


def extend_lease(engine: Engine, flow_id: int, owner: str, now: datetime, lease_seconds: int) -> bool:
    """Pushes `owner`'s lease out to `lease_seconds` from now, if `owner` still holds it; False when
    another owner took the flow over (ours had expired)."""
    with engine.begin() as connection:
        kept = connection.execute(update(Flow).where(Flow.id == flow_id, Flow.lease_owner == owner)
                                  .values(lease_expires_at=now + timedelta(seconds=lease_seconds)))
        return kept.rowcount == 1


def lease_holder(engine: Engine, flow_id: int, now: datetime) -> str | None:
    """Who holds the flow's lease now, or None when it is free (or expired)."""
    with engine.connect() as connection:
        return connection.scalar(select(Flow.lease_owner).where(Flow.id == flow_id, ~_lease_free(now)))


def release_leases(engine: Engine, owner: str) -> int:
    """Gives back every lease `owner` holds; for a worker that knows it runs nothing right now
    (it lost the database mid-run), so its flows need not wait for their leases to expire."""
    with engine.begin() as connection:
        return connection.execute(update(Flow).where(Flow.lease_owner == owner)
                                  .values(lease_owner=None, lease_expires_at=None)).rowcount


def settle(session: Session, flow: Flow, owner: str, started_at: datetime, finished_at: datetime,
           succeeded: bool, *, max_backoff_seconds: int) -> None:
    """Schedules the next run, counts or forgets failures, and releases `owner`'s lease.

    A nudge that arrived while the run was going is kept, so that edit gets its own run. The
    flow's row stays locked until the commit (PostgreSQL), so nobody claims it half-settled.
    """
    session.refresh(flow, with_for_update={"key_share": True})
    if flow.lease_owner != owner:
        session.commit()  # nothing to write; just let go of the row
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


def _take_lease(connection: Connection, flow_id: int, owner: str, now: datetime, lease_seconds: int,
                still_due: bool) -> bool:
    """One conditional UPDATE: of two workers asking for the same flow, exactly one gets it."""
    conditions = _due(now) if still_due else (_lease_free(now),)
    taken = connection.execute(update(Flow).where(Flow.id == flow_id, *conditions)
                               .values(lease_owner=owner, lease_expires_at=now + timedelta(seconds=lease_seconds)))
    return taken.rowcount == 1


def _ranked_due(now: datetime, skip: Collection[int]):
    """Due flows as `Candidate` rows, ranks first: every owner's most pressing one is among them."""
    due = select(Flow.id, Flow.user_id, _through_service_account().label("shared"),
                 func.row_number().over(partition_by=Flow.user_id, order_by=_DUE_ORDER).label("rank"),
                 func.row_number().over(order_by=_DUE_ORDER).label("position"),
                 ).where(*_due(now), Flow.id.not_in(skip)).subquery()
    return select(due).order_by(due.c.rank, due.c.position).limit(_CANDIDATES)


def _runs_under_way(connection: Connection, now: datetime) -> tuple[dict[int, int], dict[int, int]]:
    """Per owner, how many of their flows are leased (running) now; and the same for the owners
    whose sheets the service account reaches."""
    shared = _through_service_account()
    rows = connection.execute(select(Flow.user_id, shared, func.count()).where(~_lease_free(now))
                              .group_by(Flow.user_id, shared)).all()
    return {owner: count for owner, _, count in rows}, {owner: count for owner, on, count in rows if on}


def _runs_this_minute(connection: Connection, now: datetime, under_way: Mapping[int, int]) -> Counter:
    """Per owner, the runs started in the last minute: recorded ones, and those under way."""
    since = now - timedelta(seconds=WINDOW_SECONDS)
    recorded = connection.execute(select(Flow.user_id, func.count()).join(FlowRun, FlowRun.flow_id == Flow.id)
                                  .where(FlowRun.started_at > since).group_by(Flow.user_id)).all()
    return Counter(dict(recorded)) + Counter(under_way)


def _through_service_account():
    """Whether the flow's owner is reached through the service account (no Google consent of theirs)."""
    return Flow.user_id.not_in(select(GoogleConnection.user_id))


def _locked(connection: Connection, flow_id: int, now: datetime) -> bool:
    """Locks the flow's row unless another worker is claiming it right now (skipped, not waited for);
    the row is re-checked against its latest version, so a flow just leased is not due."""
    return connection.scalar(select(Flow.id).where(Flow.id == flow_id, *_due(now))
                             .with_for_update(skip_locked=True, key_share=True)) is not None


def _due(now: datetime) -> tuple:
    """The conditions of a due flow, on the flows table alone (usable in an UPDATE too)."""
    active = select(ContaAzulConnection.id).where(ContaAzulConnection.status == "active")
    return (Flow.enabled.is_(True), Flow.connection_id.in_(active), _lease_free(now),
            or_(Flow.next_run_at.is_(None), Flow.next_run_at <= now,
                Flow.nudged_at.is_not(None) & (Flow.failures == 0)))


def _lease_free(now: datetime):
    return or_(Flow.lease_owner.is_(None), Flow.lease_expires_at.is_(None), Flow.lease_expires_at <= now)
