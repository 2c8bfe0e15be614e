"""The worker: due flows, leases, backoff, and `worker --once` end to end against the stand-ins."""
from __future__ import annotations

import logging
from dataclasses import replace
from datetime import timedelta

import pytest
from sqlalchemy import select

from sheets_addon.db import get_engine, get_session
from sheets_addon.models import Flow, FlowRun, utcnow
from sheets_addon.config import Settings, current_settings
from sheets_addon.sync.scheduling import claim, due_flow_ids, next_delay, nudge_flows, settle
from sheets_addon.sync.work import work_due_flows
from tests.pipeline.test_sales_pipeline import MAPPING, sales_by_number, sales_sheet  # noqa: F401  (fixture)

INTERVAL = 300
LEASE_SECONDS = Settings.WORKER_LEASE_SECONDS
MAX_BACKOFF_SECONDS = Settings.WORKER_MAX_BACKOFF_SECONDS


@pytest.fixture
def flow(make_flow, sales_sheet) -> Flow:  # noqa: F811
    return make_flow("sale", sales_sheet, MAPPING)


def finish(flow: Flow, owner: str, succeeded: bool, at=None) -> None:
    """A run that `owner` claimed and ended at `at`."""
    at = at or utcnow()
    assert claim(get_engine(), flow.id, owner, at, lease_seconds=LEASE_SECONDS)
    settle(get_session(), flow, owner, at, at, succeeded, max_backoff_seconds=MAX_BACKOFF_SECONDS)


def test_of_two_claims_one_wins_and_an_expired_lease_is_taken_over(flow):
    now = utcnow()

    assert claim(get_engine(), flow.id, "worker-a", now, lease_seconds=LEASE_SECONDS)
    assert not claim(get_engine(), flow.id, "worker-b", now, lease_seconds=LEASE_SECONDS)
    before_expiry, after_expiry = (now + timedelta(seconds=LEASE_SECONDS + delta) for delta in (-1, 1))
    assert not claim(get_engine(), flow.id, "worker-b", before_expiry, lease_seconds=LEASE_SECONDS)
    assert claim(get_engine(), flow.id, "worker-b", after_expiry, lease_seconds=LEASE_SECONDS)
    get_session().refresh(flow)
    assert flow.lease_owner == "worker-b"


def test_a_flow_is_due_when_new_when_its_interval_elapsed_or_when_nudged(flow):
    session, now = get_session(), utcnow()
    assert due_flow_ids(session, now) == [flow.id]

    finish(flow, "worker-a", succeeded=True, at=now)
    assert flow.lease_owner is None and flow.next_run_at == now + timedelta(seconds=INTERVAL)
    assert due_flow_ids(session, now + timedelta(seconds=INTERVAL - 1)) == []
    assert due_flow_ids(session, now + timedelta(seconds=INTERVAL)) == [flow.id]

    flow.nudged_at = now
    session.commit()
    assert due_flow_ids(session, now) == [flow.id]
    assert claim(get_engine(), flow.id, "worker-a", now, lease_seconds=LEASE_SECONDS)
    assert due_flow_ids(session, now) == []  # leased


def test_paused_flows_and_inactive_connections_are_never_due(flow, connection):
    session, now = get_session(), utcnow()
    flow.enabled = False
    session.commit()
    assert due_flow_ids(session, now) == []
    flow.enabled, connection.status = True, "needs_reconnect"
    session.commit()
    assert due_flow_ids(session, now) == []


def test_a_failing_flow_waits_longer_each_time_up_to_a_cap_and_a_success_resets_it(flow):
    session, now = get_session(), utcnow()
    assert [next_delay(INTERVAL, failures, MAX_BACKOFF_SECONDS) for failures in range(4)] == [300, 600, 1200, 2400]
    assert next_delay(INTERVAL, 30, MAX_BACKOFF_SECONDS) == MAX_BACKOFF_SECONDS
    assert next_delay(2 * MAX_BACKOFF_SECONDS, 3, MAX_BACKOFF_SECONDS) == 2 * MAX_BACKOFF_SECONDS

    finish(flow, "worker-a", succeeded=False, at=now)
    finish(flow, "worker-a", succeeded=False, at=now)
    assert (flow.failures, flow.next_run_at) == (2, now + timedelta(seconds=4 * INTERVAL))
    flow.nudged_at = now
    session.commit()
    assert due_flow_ids(session, now + timedelta(seconds=INTERVAL)) == []  # a nudge does not cut a backoff

    finish(flow, "worker-a", succeeded=True, at=now)
    assert (flow.failures, flow.next_run_at, flow.nudged_at) == (0, now + timedelta(seconds=INTERVAL), None)


def test_a_nudge_that_arrives_during_a_run_gets_its_own_run(flow):
    started = utcnow()
    assert claim(get_engine(), flow.id, "worker-a", started, lease_seconds=LEASE_SECONDS)
    flow.nudged_at = started + timedelta(seconds=1)
    get_session().commit()

    settle(get_session(), flow, "worker-a", started, started + timedelta(seconds=2), True,
           max_backoff_seconds=MAX_BACKOFF_SECONDS)

    assert flow.nudged_at is not None and due_flow_ids(get_session(), started) == [flow.id]


def test_the_worker_takes_its_lease_length_and_backoff_cap_from_the_settings(flow, monkeypatch):
    settings = replace(current_settings(), WORKER_LEASE_SECONDS=60, WORKER_MAX_BACKOFF_SECONDS=2 * INTERVAL)
    leases = []

    def failing_run(claimed: Flow, *_args, **_options):
        leases.append(claimed.lease_expires_at - utcnow())
        raise RuntimeError("the run fails")

    monkeypatch.setattr("sheets_addon.sync.work.run_and_record", failing_run)
    session = get_session()
    for _ in range(3):
        flow.next_run_at = None
        session.commit()
        assert work_due_flows(session, settings, get_engine(), sheets=None, owner="worker-a") == 1

    assert all(timedelta(seconds=50) < lease <= timedelta(seconds=60) for lease in leases) and len(leases) == 3
    session.refresh(flow)
    assert flow.failures == 3 and flow.next_run_at - utcnow() <= timedelta(seconds=2 * INTERVAL)


def test_worker_once_runs_a_due_flow_end_to_end_and_records_the_run(sync_app, flow, contaazul_sandbox, caplog):
    caplog.set_level(logging.INFO)  # as in production: every log line of a run is built
    before = set(sales_by_number(contaazul_sandbox))

    result = sync_app.test_cli_runner().invoke(args=["worker", "--once"])

    assert result.exit_code == 0, result.output
    assert len(set(sales_by_number(contaazul_sandbox)) - before) == 2
    session = get_session()
    run = session.scalars(select(FlowRun).where(FlowRun.flow_id == flow.id)).one()
    assert (run.trigger, run.counts["created"], run.problem) == ("schedule", 2, None)
    stored = session.get(Flow, flow.id, populate_existing=True)
    assert (stored.lease_owner, stored.failures) == (None, 0) and stored.next_run_at > run.finished_at
    assert sync_app.test_cli_runner().invoke(args=["worker", "--once"]).exit_code == 0
    assert session.scalars(select(FlowRun).where(FlowRun.flow_id == flow.id)).all() == [run]  # not due again

    assert nudge_flows(session, stored.user, stored.spreadsheet_id, stored.worksheet, utcnow()) == [flow.id]
    assert sync_app.test_cli_runner().invoke(args=["worker", "--once"]).exit_code == 0
    runs = session.scalars(select(FlowRun).where(FlowRun.flow_id == flow.id).order_by(FlowRun.id)).all()
    assert [r.trigger for r in runs] == ["schedule", "nudge"]
    assert session.get(Flow, flow.id, populate_existing=True).nudged_at is None
