"""Scale-out: rows per minute into Conta Azul with 1, 2 and 4 worker processes on PostgreSQL, across
many companies, each held to its own Conta Azul rate limit by the stand-in.

    .venv/bin/python -m bench.scaleout [--workers 1,2,4] [--companies 8] [--rows 60] [--rate-per-second 5]

Each company is a bakery with one sales tab of `--rows` lines and one flow; the Conta Azul
stand-in allows each company `--rate-per-second` calls a second (and 60 times that a minute),
and the backend's limiter allows the same (on PostgreSQL shared by every worker). One worker runs
one flow at a time, so it works one company at a time and cannot use the other companies' limits:
more workers run more companies at once, until the companies run out, the limits bind, or the
machine's cores do.

For each worker count: fresh stand-ins and a fresh database (one throwaway PostgreSQL cluster for
the whole run, `tests/postgres.py`), the companies connected and their flows stored switched off,
the workers started (`flask --app app worker`, as in production) and ready, then every flow
switched on at once; the clock runs until every row's status cell shows ✔. The ceiling is what
the limits allow that many workers: min(workers, companies) × the per-company rate, in calls, turned
into rows by the calls each row cost in that run.

Prints a table, then one JSON line. Durations are for people and trends, never asserted.
"""
from __future__ import annotations

import argparse
import json
import resource
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.engine import make_url

from sandbox.contaazul import SandboxServer
from sandbox.sheets import SheetsSandboxServer
from tests.postgres import PostgresCluster, PostgresServer
from tests.reliability.bakery_sheets import Bakery, Tab, sales_tab
from tests.reliability.fault_stage import FaultStage
from tests.scaleout.workers import WorkerPool, wait_until

SEED = 20261127


@dataclass(frozen=True)
class Measurement:
    """One worker count's run."""

    workers: int
    companies: int
    rows: int
    seconds: float
    calls: int
    rate_limited: int
    ceiling_calls_per_second: float
    worker_cpu_seconds: float

    @property
    def rows_per_minute(self) -> float:
        return 60 * self.rows / self.seconds

    @property
    def ceiling_rows_per_minute(self) -> float:
        """What the rate limits allow this many workers, at the calls per row this run needed."""
        return 60 * self.ceiling_calls_per_second * self.rows / self.calls

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "seconds": round(self.seconds, 2), "rows_per_minute": round(self.rows_per_minute, 1),
                "ceiling_rows_per_minute": round(self.ceiling_rows_per_minute, 1),
                "worker_cpu_seconds": round(self.worker_cpu_seconds, 1)}


def one_sales_tab(bakery: Bakery, rows: int) -> list[Tab]:
    return [sales_tab(bakery, rows)]


def measure(server: PostgresServer, workers: int, companies: int, rows: int, rate_per_second: int) -> Measurement:
    """`workers` worker processes sending `companies` × `rows` sale lines, from the start line to the last ✔."""
    database = server.create_database(template=server.migrated_template())
    try:
        with tempfile.TemporaryDirectory(prefix="azulejo-scaleout-") as workdir, \
                SandboxServer() as contaazul, SheetsSandboxServer() as sheets:
            stage = FaultStage.build(database, contaazul, sheets, Path(workdir) / "instance",  # no Sheets quota
                                     rate_per_second=rate_per_second, WORKER_IDLE_SECONDS=0.2)
            stage.set_up(companies, companies * rows, SEED, sales_log=False, tabs=one_sales_tab)
            stage.set_enabled(False)
            with WorkerPool(stage.config, Path(workdir)) as pool:
                pool.start(workers)
                wait_until(lambda: all(worker.owner() for worker in pool.workers), "every worker started")
                contaazul.reset_stats()
                cpu_before, started = _children_cpu(), time.monotonic()
                stage.set_enabled(True)
                wait_until(lambda: stage.open_rows() == 0, "every row sent", timeout=3600, interval=0.25)
                seconds = time.monotonic() - started
                pool.stop()
            stats = contaazul.stats()
            return Measurement(workers, companies, stage.rows, seconds, stats["requests"], stats["rate_limited"],
                               min(workers, companies) * rate_per_second, _children_cpu() - cpu_before)
    finally:
        server.drop_database(make_url(database).database)


def run(server: PostgresServer, worker_counts: Sequence[int], companies: int, rows: int,
        rate_per_second: int) -> dict[str, Any]:
    measurements = [measure(server, workers, companies, rows, rate_per_second) for workers in worker_counts]
    base = measurements[0].rows_per_minute
    return {"bench": "scaleout", "companies": companies, "rows_per_company": rows,
            "rate_per_second": rate_per_second, "rate_per_minute": 60 * rate_per_second,
            "ceiling_all_companies_calls_per_second": companies * rate_per_second,
            "runs": [{**m.as_dict(), "ratio_to_first": round(m.rows_per_minute / base, 2)} for m in measurements]}


def report(results: dict[str, Any]) -> str:
    lines = [f"Rows per minute into Conta Azul, {results['companies']} companies × {results['rows_per_company']} "
             f"sale lines, each company limited to {results['rate_per_second']} calls/s "
             f"({results['rate_per_minute']}/min) by the stand-in and by the backend's limiter",
             f"  {'workers':>7} {'rows':>6} {'seconds':>8} {'calls':>6} {'429s':>5} | {'rows/min':>8} "
             f"{'ratio':>6} {'ceiling':>8} {'share':>6} | {'worker CPU s':>12}"]
    for run_ in results["runs"]:
        share = run_["rows_per_minute"] / run_["ceiling_rows_per_minute"]
        lines.append(f"  {run_['workers']:>7} {run_['rows']:>6} {run_['seconds']:>8.1f} {run_['calls']:>6} "
                     f"{run_['rate_limited']:>5} | {run_['rows_per_minute']:>8.1f} {run_['ratio_to_first']:>5.2f}x "
                     f"{run_['ceiling_rows_per_minute']:>8.1f} {share:>6.0%} | {run_['worker_cpu_seconds']:>12.1f}")
    lines.append(f"  ceiling: min(workers, companies) × {results['rate_per_second']} calls/s, as rows at the run's "
                 f"calls per row; all {results['companies']} companies at once: "
                 f"{results['ceiling_all_companies_calls_per_second']} calls/s")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None, server: PostgresServer | None = None) -> dict[str, Any]:
    """Runs the benchmark on `server`, or on a throwaway PostgreSQL cluster started for it."""
    options = _arguments(argv)
    if server is None:
        with PostgresCluster.start() as cluster:
            return main(argv, cluster)
    results = run(server, options.workers, options.companies, options.rows, options.rate_per_second)
    print(report(results))
    print(json.dumps(results, ensure_ascii=False, sort_keys=True))
    return results


def _children_cpu() -> float:
    """CPU seconds of this process's finished children (the workers, once stopped)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _counts(text: str) -> list[int]:
    return [int(part) for part in text.split(",") if part.strip()]


def _arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.scaleout", description=__doc__.split("\n")[0])
    parser.add_argument("--workers", type=_counts, default=[1, 2, 4],
                        help="worker process counts, comma-separated (default 1,2,4)")
    parser.add_argument("--companies", type=int, default=8, help="companies, one sales flow each (default 8)")
    parser.add_argument("--rows", type=int, default=60, help="sale lines per company (default 60)")
    parser.add_argument("--rate-per-second", type=int, default=5,
                        help="Conta Azul calls a second each company may make (default 5; 60 times that a minute)")
    return parser.parse_args(argv)


if __name__ == "__main__":
    main()
