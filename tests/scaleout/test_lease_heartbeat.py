"""A run longer than the lease keeps its flow: the running worker's heartbeat extends the lease, so a
second worker never takes the flow over mid-run; a run whose lease was taken anyway stops between
two orders instead of going on beside the new owner. On both engines, with real worker processes."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select, update

from sheets_addon.db import get_engine, get_session
from sheets_addon.models import Flow, FlowRun, utcnow
from tests import wiring
from tests.pipeline.test_sales_pipeline import HEADER, MAPPING, sale_row
from tests.scaleout.workers import WorkerPool, overlapping_runs, wait_until

pytestmark = pytest.mark.engines("sqlite", "postgresql")
LEASE_SECONDS = 1
ORDERS = 10
THIEF = "worker-host-b:4242:1a2b3c4d"  # a worker on another machine
LATENCY_MS = 150  # per Conta Azul request: the run of ORDERS orders lasts several leases


def long_flow(connection, sheets_sandbox) -> Flow:
    """A sale flow of `ORDERS` orders, whose one run outlasts the lease several times over."""
    rows = [HEADER] + [sale_row(f"P{n}", "Joana Prado", "529.982.247-25", "PF-KG", "1", "18,90")
                       for n in range(ORDERS)]
    spreadsheet = sheets_sandbox.create_spreadsheet("Pedidos da semana", {"Vendas": rows})
    return wiring.make_flow(connection, "sale", spreadsheet, MAPPING)


def runs_of(flow_id: int) -> list[FlowRun]:
    session = get_session()
    runs = list(session.scalars(select(FlowRun).where(FlowRun.flow_id == flow_id).order_by(FlowRun.id)))
    session.rollback()
    return runs


def lease_owner(flow_id: int) -> str | None:
    session = get_session()
    owner = session.scalar(select(Flow.lease_owner).where(Flow.id == flow_id))
    session.rollback()
    return owner


def test_a_run_longer_than_its_lease_is_not_taken_over_by_another_worker(
        backend_config, backend, connection, sheets_sandbox, contaazul_sandbox, tmp_path):
    contaazul_sandbox.configure_faults(latency_ms=LATENCY_MS)
    flow = long_flow(connection, sheets_sandbox)

    with WorkerPool({**backend_config, "WORKER_LEASE_SECONDS": LEASE_SECONDS}, tmp_path, idle_seconds=0.1) as pool:
        pool.start(2)  # both see the flow due; the one without it asks again every 0.1 s
        wait_until(lambda: runs_of(flow.id), "the flow ran")
        wait_until(lambda: lease_owner(flow.id) is None, "the run settled")
        pool.stop()

    runs = runs_of(flow.id)
    assert overlapping_runs(get_session()) == []
    assert len(runs) == 1 and runs[0].counts["created"] == ORDERS, [run.counts for run in runs]
    assert runs[0].duration_ms > 2 * LEASE_SECONDS * 1000, "the run did not outlast its lease: nothing was tested"
    assert [worker.process.returncode for worker in pool.workers] == [0, 0], pool.logs_text()[-3000:]
    assert "lease lost" not in pool.logs_text()


def test_a_run_that_lost_its_lease_stops_between_two_orders(
        backend_config, backend, connection, sheets_sandbox, contaazul_sandbox, tmp_path):
    contaazul_sandbox.configure_faults(latency_ms=LATENCY_MS)
    flow = long_flow(connection, sheets_sandbox)

    with WorkerPool({**backend_config, "WORKER_LEASE_SECONDS": LEASE_SECONDS}, tmp_path) as pool:
        worker = pool.start()[0]
        owner = wait_until(lambda: lease_owner(flow.id), "the worker took the flow's lease")
        with get_engine().begin() as database:  # what a worker elsewhere does once a lease has expired
            database.execute(update(Flow).where(Flow.id == flow.id, Flow.lease_owner == owner).values(
                lease_owner=THIEF, lease_expires_at=utcnow() + timedelta(minutes=10)))
        wait_until(lambda: runs_of(flow.id), "the cut run was recorded")
        pool.stop()

    run = runs_of(flow.id)[0]
    assert worker.events("lease lost: the run stops at its next safe point")
    assert run.counts["created"] < ORDERS and run.counts["deferred"] == ORDERS - run.counts["created"]
    assert lease_owner(flow.id) == THIEF  # the new owner's lease and schedule stand
