"""`claim_next`, the one way a worker takes a flow: the next due one, leased to it alone; on
PostgreSQL a flow another worker is claiming at that moment is skipped, not waited for."""
from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from sheets_addon.db import get_engine, get_session
from sheets_addon.models import Flow, utcnow
from sheets_addon.sync.scheduling import claim_next, release_leases
from tests.scaleout.workers import sale_flows

pytestmark = pytest.mark.engines("sqlite", "postgresql")
LEASE = 60


@pytest.fixture
def flows(connection, sheets_sandbox) -> list[int]:
    return [flow.id for flow in sale_flows(connection, sheets_sandbox, 3)]


def test_each_due_flow_is_leased_once_nudged_ones_first(flows):
    session, now = get_session(), utcnow()
    session.execute(update(Flow).where(Flow.id == flows[0]).values(next_run_at=now - timedelta(seconds=5)))
    session.execute(update(Flow).where(Flow.id == flows[2]).values(next_run_at=now + timedelta(hours=1), nudged_at=now))
    session.commit()

    claimed = [claim_next(get_engine(), f"worker-{n}", now, lease_seconds=LEASE) for n in range(4)]

    assert claimed == [flows[2], flows[1], flows[0], None]  # nudged, never run, overdue; then none is due
    leases = session.execute(select(Flow.id, Flow.lease_owner, Flow.lease_expires_at).order_by(Flow.id)).all()
    assert leases == [(flows[0], "worker-2", now + timedelta(seconds=LEASE)),
                      (flows[1], "worker-1", now + timedelta(seconds=LEASE)),
                      (flows[2], "worker-0", now + timedelta(seconds=LEASE))]


def test_skipped_flows_wait_for_the_next_pass_and_expired_or_released_leases_free_a_flow(flows):
    now = utcnow()
    assert claim_next(get_engine(), "worker-a", now, lease_seconds=LEASE, skip=flows[:2]) == flows[2]
    assert claim_next(get_engine(), "worker-b", now, lease_seconds=LEASE, skip=flows[:2]) is None

    later = now + timedelta(seconds=LEASE)
    assert claim_next(get_engine(), "worker-b", later, lease_seconds=LEASE, skip=flows[:2]) == flows[2]
    assert release_leases(get_engine(), "worker-b") == 1
    assert claim_next(get_engine(), "worker-c", later, lease_seconds=LEASE, skip=flows[:2]) == flows[2]


@pytest.mark.engines("postgresql")
def test_a_flow_another_worker_is_claiming_is_skipped_not_waited_for(flows):
    engine, now, claimed = get_engine(), utcnow(), []
    with engine.connect() as other_worker, other_worker.begin():
        # Another worker's claim is between its SELECT … FOR UPDATE and its commit.
        other_worker.execute(select(Flow.id).where(Flow.id == flows[0]).with_for_update())
        claiming = threading.Thread(target=lambda: claimed.append(
            claim_next(engine, "worker-b", now, lease_seconds=LEASE)), daemon=True)
        claiming.start()
        claiming.join(timeout=30)
        assert not claiming.is_alive(), "the claim waited for the other worker's row lock"
    assert claimed == [flows[1]]
