"""Access tokens expiring again and again while three worker processes use the same Conta Azul
connection: each expiry costs one refresh, serialised through the connection's row lock, so no
refresh token is spent twice (`invalid_grant`), the connection stays active and no flow pauses.
"""
from __future__ import annotations

import random
import time

import pytest

from tests.reliability.fault_run import Every, OnSchedule, fault_seed, run_until_settled
from tests.reliability.fault_stage import FaultStage, summary
from tests.scaleout.workers import WorkerPool

pytestmark = [pytest.mark.engines("postgresql"), pytest.mark.postgresql]
ROWS = 300
WORKERS = 3
EXPIRIES = 12


def test_tokens_expiring_under_several_workers_are_refreshed_once_each_and_nothing_pauses(
        database_url, contaazul_sandbox, sheets_sandbox, tmp_path):
    seed = fault_seed()
    print(f"token expiry run seed={seed}; replay with AZULEJO_FAULT_SEED={seed}")
    stage = FaultStage.build(database_url, contaazul_sandbox, sheets_sandbox, tmp_path / "instance")
    stage.set_up(companies=1, rows=ROWS, seed=seed)  # one connection: every worker holds it
    refreshes_before = contaazul_sandbox.stats()["token_refreshes"]
    expire = OnSchedule(contaazul_sandbox.expire_access_tokens, Every(random.Random(seed), 0.5, 2.0, EXPIRIES))
    started = time.monotonic()

    with WorkerPool(stage.config, tmp_path) as pool:
        pool.start(WORKERS)
        run_until_settled(stage, pool, [expire])
        pool.stop()

    found, stats = stage.audit(), contaazul_sandbox.stats()
    refreshes = stats["token_refreshes"] - refreshes_before
    print(summary(f"token expiry run seed={seed}", stage, found, time.monotonic() - started,
                  workers=WORKERS, expiries=expire.schedule.done, refreshes=refreshes,
                  refused=stats["refreshes_refused"]))
    assert not found.problems, f"seed={seed}:\n" + "\n".join(found.problems[:20])
    assert found.rows == stage.rows
    assert stats["refreshes_refused"] == 0, "a spent refresh token was sent again"
    assert 1 <= refreshes <= expire.schedule.done, "more than one refresh per expiry: refreshes not serialised"
    assert [c.status for c in stage.connections()] == ["active"]
    assert stage.paused_flows() == []
    assert "refresh refused" not in pool.logs_text()
