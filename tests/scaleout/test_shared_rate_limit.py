"""Conta Azul's per-company rate limit holds across processes: 4 real workers on flows of one
company, the stand-in enforcing that company's limit exactly, never get a 429 (PostgreSQL, where
the limiter is shared through the database)."""
from __future__ import annotations

import pytest

from contaazul import RateLimit
from tests.pipeline.test_sales_pipeline import sales_by_number, statuses
from tests.scaleout.test_many_workers import every_flow_ran
from tests.scaleout.workers import WorkerPool, sale_flows, wait_until

pytestmark = pytest.mark.engines("postgresql")
LIMIT = RateLimit(per_second=4, per_minute=1000)  # binds within seconds: the flows make ~10 calls each


def test_four_workers_on_one_company_stay_under_its_rate_limit_together(
        backend_config, backend, connection, sheets_sandbox, contaazul_sandbox, tmp_path):
    contaazul_sandbox.configure_rate_limit(per_second=LIMIT.per_second, per_minute=LIMIT.per_minute)
    flows = sale_flows(connection, sheets_sandbox, 8)
    before = set(sales_by_number(contaazul_sandbox))
    contaazul_sandbox.reset_stats()
    config = {**backend_config, "CONTAAZUL_RATE_PER_SECOND": LIMIT.per_second,
              "CONTAAZUL_RATE_PER_MINUTE": LIMIT.per_minute}

    with WorkerPool(config, tmp_path) as pool:
        pool.start(4)
        wait_until(every_flow_ran(flows, 1), "every flow ran once")
        pool.stop()

    stats = contaazul_sandbox.stats()
    print(f"shared limiter, 4 workers: requests={stats['requests']} 429s={stats['rate_limited']}")
    assert stats["rate_limited"] == 0, stats["by_status"]
    assert len(set(sales_by_number(contaazul_sandbox)) - before) == 2 * len(flows)
    assert all(shown.startswith("✔ Venda") for flow in flows for shown in statuses(sheets_sandbox, flow.spreadsheet_id, 2))
    assert len({line["worker"] for worker in pool.workers for line in worker.events("flow run settled")}) >= 2
