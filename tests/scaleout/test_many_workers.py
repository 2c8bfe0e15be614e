"""Several real `flask --app app worker` processes on one PostgreSQL share the due flows: a flow
never runs under two workers at once, a SIGKILLed worker's flow is taken over once its lease has
expired, and the workers carry on across a database restart. Each flow's rows still become
exactly one Conta Azul sale each."""
from __future__ import annotations

from collections import Counter

import pytest
from sqlalchemy import func, select

from sheets_addon.db import get_session
from sheets_addon.models import Flow, FlowRun, utcnow
from sheets_addon.sync.scheduling import nudge_flows
from tests.pipeline.test_sales_pipeline import sales_by_number, statuses
from tests.postgres import PostgresCluster
from tests.scaleout.workers import WorkerPool, overlapping_runs, sale_flows, wait_until

pytestmark = pytest.mark.engines("postgresql")


def runs_per_flow() -> Counter:
    session = get_session()
    counts = Counter(dict(session.execute(select(FlowRun.flow_id, func.count()).group_by(FlowRun.flow_id)).all()))
    session.rollback()  # the next read sees what the workers committed since
    return counts


def every_flow_ran(flows: list[Flow], times: int):
    ids = [flow.id for flow in flows]  # read now: a read in the check would hold its connection open
    return lambda: all(runs_per_flow()[flow_id] >= times for flow_id in ids)


def nudge(flows: list[Flow]) -> None:
    """What the add-on's edit trigger does for each flow's tab: the flows are due at once."""
    session = get_session()
    for flow in flows:
        nudge_flows(session, flow.user, flow.spreadsheet_id, flow.worksheet, utcnow())


def new_sales(contaazul_sandbox, before: set) -> set[int]:
    """The numbers of the sales Conta Azul holds now and did not before: an order sent twice
    would be two of them."""
    return set(sales_by_number(contaazul_sandbox)) - before


def test_workers_racing_for_the_same_flows_never_run_one_twice_at_once(
        backend_config, backend, connection, sheets_sandbox, contaazul_sandbox, tmp_path):
    contaazul_sandbox.configure_faults(latency_ms=20)  # runs last long enough to overlap, were it possible
    flows = sale_flows(connection, sheets_sandbox, 8)
    before = set(sales_by_number(contaazul_sandbox))
    contaazul_sandbox.reset_stats()

    with WorkerPool(backend_config, tmp_path) as pool:
        pool.start(4)
        for round_number in range(1, 5):  # every flow due at once, four times over, for all four workers
            wait_until(every_flow_ran(flows, round_number), f"every flow ran {round_number} time(s)")
            nudge(flows)
        wait_until(every_flow_ran(flows, 5), "every flow ran its fifth time")
        pool.stop()

    assert [worker.process.returncode for worker in pool.workers] == [0] * 4, pool.logs_text()[-3000:]
    assert overlapping_runs(get_session()) == []
    runners = {line["worker"] for worker in pool.workers for line in worker.events("flow run settled")}
    assert len(runners) >= 2, "the flows were not shared out"
    shown = [status for flow in flows for status in statuses(sheets_sandbox, flow.spreadsheet_id, 2)]
    assert [status for status in shown if not status.startswith("✔ Venda")] == []  # names the odd ones in full
    assert len(new_sales(contaazul_sandbox, before)) == 2 * len(flows)  # each order once, however many runs
    creates = {route: count for route, count in contaazul_sandbox.stats()["by_route"].items()
               if route.startswith("POST")}
    assert creates.get("POST /v1/venda") == 2 * len(flows), creates  # no worker picked a number another had


@pytest.mark.engines("sqlite", "postgresql")  # the lease's heartbeat dies with its worker on either
def test_a_killed_workers_flow_is_taken_over_once_its_lease_has_expired(
        backend_config, backend, connection, sheets_sandbox, contaazul_sandbox, tmp_path):
    contaazul_sandbox.configure_faults(latency_ms=150)  # the run is still going when its worker dies
    flow = sale_flows(connection, sheets_sandbox, 1)[0]
    before = set(sales_by_number(contaazul_sandbox))
    session = get_session()

    def lease():
        held = session.execute(select(Flow.lease_owner, Flow.lease_expires_at).where(Flow.id == flow.id)).one()
        session.rollback()
        return held if held.lease_owner else None

    with WorkerPool({**backend_config, "WORKER_LEASE_SECONDS": 3}, tmp_path) as pool:
        first = pool.start()[0]
        killed_owner, expires_at = wait_until(lease, "the first worker took the flow's lease")
        first.kill()
        assert runs_per_flow()[flow.id] == 0 and lease() == (killed_owner, expires_at)

        pool.start()
        wait_until(every_flow_ran([flow], 1), "the flow ran again")
        wait_until(lambda: lease() is None, "the second worker settled the flow")

    run = session.scalars(select(FlowRun).where(FlowRun.flow_id == flow.id)).one()
    assert run.started_at >= expires_at  # not a moment before the dead worker's lease ran out
    assert [line["worker"] for line in pool.workers[1].events("flow run settled")] == [pool.workers[1].owner()]
    assert pool.workers[1].owner() != killed_owner
    assert len(new_sales(contaazul_sandbox, before)) == 2  # what the killed run sent is not sent again
    assert all(shown.startswith("✔ Venda") for shown in statuses(sheets_sandbox, flow.spreadsheet_id, 2))


def test_workers_carry_on_across_a_database_restart(
        backend_config, backend, connection, sheets_sandbox, contaazul_sandbox, postgres_server, tmp_path):
    if not isinstance(postgres_server, PostgresCluster):
        pytest.skip("the PostgreSQL server was given (AZULEJO_TEST_POSTGRES): this test would restart it")
    flows = sale_flows(connection, sheets_sandbox, 3)
    before = set(sales_by_number(contaazul_sandbox))

    with WorkerPool(backend_config, tmp_path) as pool:
        pool.start(2)
        wait_until(every_flow_ran(flows, 1), "every flow ran once")

        postgres_server.stop_server()
        wait_until(lambda: all(worker.events("database unreachable: waiting to reconnect") for worker in pool.workers),
                   "both workers noticed the database was gone")
        postgres_server.start_server()
        nudge(flows)
        wait_until(every_flow_ran(flows, 2), "every flow ran again after the restart")
        wait_until(lambda: all(worker.events("database reachable again") for worker in pool.workers),
                   "both workers reconnected")
        assert len(pool.alive()) == 2
        pool.stop()

    assert [worker.process.returncode for worker in pool.workers] == [0, 0], pool.logs_text()[-3000:]
    assert overlapping_runs(get_session()) == []
    assert len(new_sales(contaazul_sandbox, before)) == 2 * len(flows)
    logs = pool.logs_text()
    assert "Traceback" not in logs and postgres_server.password not in logs
