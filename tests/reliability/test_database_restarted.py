"""PostgreSQL stopped and started again under three working worker processes, twice (once as a
clean shutdown, once as a crash): the workers wait, reconnect and carry on, never exit, and the run
ends with every row ✔ once, no record twice, no sale logged twice."""
from __future__ import annotations

import random
import time
from dataclasses import dataclass

import pytest
from psycopg import sql
from sqlalchemy.engine import make_url

from tests.postgres import PostgresCluster
from tests.reliability.fault_run import Every, fault_seed, run_until_settled
from tests.reliability.fault_stage import FaultStage, summary
from tests.scaleout.workers import WorkerPool

pytestmark = [pytest.mark.engines("postgresql"), pytest.mark.postgresql]
ROWS, WORKERS = 300, 3
DOWN_SECONDS = 3.0


@dataclass
class RestartDatabase:
    """Once the run has started writing statuses: stop the server (`modes` in turn), leave it down
    a few seconds, start it again; on a seeded schedule."""

    cluster: PostgresCluster
    stage: FaultStage
    schedule: Every
    modes: tuple[str, ...] = ("fast", "immediate")
    started: bool = False

    def step(self) -> None:
        self.started = self.started or self.stage.open_rows() < self.stage.rows
        if self.started and self.schedule.due():
            self.cluster.stop_server(self.modes[(self.schedule.done - 1) % len(self.modes)])
            time.sleep(DOWN_SECONDS)  # the outage itself, not a wait for something to happen
            self.cluster.start_server()


def test_workers_reconnect_after_database_restarts_and_every_row_is_sent_once(
        database_url, postgres_server, contaazul_sandbox, sheets_sandbox, tmp_path):
    if not isinstance(postgres_server, PostgresCluster):
        pytest.skip("the PostgreSQL server was given (AZULEJO_TEST_POSTGRES): this test would restart it")
    # The throwaway cluster acknowledges commits before writing them (synchronous_commit=off, for
    # speed): a crash would lose the last ones, which a production server never does. This
    # database keeps PostgreSQL's default, so an "immediate" stop is a fair crash.
    name = make_url(database_url).database
    postgres_server.execute(sql.SQL("ALTER DATABASE {} SET synchronous_commit = on").format(sql.Identifier(name)))
    seed = fault_seed()
    print(f"database restart run seed={seed}; replay with AZULEJO_FAULT_SEED={seed}")
    stage = FaultStage.build(database_url, contaazul_sandbox, sheets_sandbox, tmp_path / "instance")
    stage.set_up(companies=2, rows=ROWS, seed=seed)
    restart = RestartDatabase(postgres_server, stage, Every(random.Random(seed), 3.0, 8.0, times=2))
    started = time.monotonic()

    with WorkerPool(stage.config, tmp_path) as pool:
        pool.start(WORKERS)
        run_until_settled(stage, pool, [restart])
        pool.stop()

    found = stage.audit()
    print(summary(f"database restart run seed={seed}", stage, found, time.monotonic() - started,
                  workers=WORKERS, restarts=restart.schedule.done))
    assert not found.problems, f"seed={seed}:\n" + "\n".join(found.problems[:20])
    assert found.rows == stage.rows
    assert restart.schedule.done == 2, "the run settled before the database was restarted: nothing tested"
    noticed = [worker for worker in pool.workers if worker.events("database unreachable: waiting to reconnect")]
    assert noticed, "no worker met the outage: nothing was tested"
    for worker in noticed:  # one busy elsewhere through an outage may never have met it
        assert worker.events("database reachable again"), f"worker {worker.number} never reconnected"
    assert [worker.process.returncode for worker in pool.workers] == [0] * WORKERS, "a worker did not stop cleanly"
