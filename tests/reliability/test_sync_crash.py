"""The worker killed (SIGKILL) at random points of a 300-row run, restarted each time: every row
still ends with exactly one Conta Azul record and a ✔ status, and no record exists twice.

The worker is the real `flask --app app sync once FLOW_ID` in a subprocess; both stand-ins run
in the test process, the Conta Azul one answering a little slowly so kills land mid-create.
A failing run prints its seed; `AZULEJO_CRASH_SEED=<seed>` replays the same sheet and the same
schedule of kills (where each kill lands still depends on timing).
"""
from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select

from sandbox.contaazul import SandboxServer
from sheets_addon.db import get_session
from sheets_addon.models import Flow, RowRecord
from sheets_addon.sync import row_status
from sheets_addon.sync.ledger import PENDING
from tests import wiring
from tests.reliability.audit import Audit, audit_company, sheet_units
from tests.reliability.fault_stage import SUMMARIES
from tests.reliability.bakery_sheets import (TRIGGER, Bakery, Tab, customers_tab, payables_tab,
                                             sales_tab)
from tests.wiring import worker_environment

ROOT = Path(__file__).resolve().parents[2]
LATENCY_MS = 20             # per Conta Azul request: a create takes long enough to be killed in
KILLS = 20
UNITS_PER_CYCLE = 10        # while killing, so cycles also finish and write statuses between kills
FINISH_SHARE = 0.25         # of the rounds while killing, those left to finish their cycle
MAX_KILL_DELAY = 1.2        # seconds after the worker first reaches Conta Azul
MAX_KILL_ROUNDS = 80
CONVERGE_ROUNDS = 6         # kill-free rounds (every flow once, no unit limit) allowed to finish


@dataclass
class Worker:
    """One `sync once` subprocess."""

    process: subprocess.Popen
    log: Path  # stdout and stderr go to log.with_suffix(".out" / ".err")


@dataclass
class Workers:
    """Starts `sync once` subprocesses with the test's settings, and counts what happened to them."""

    env: dict[str, str]
    logs: Path
    kills: int = 0
    cycles: int = 0

    def start(self, flow: Flow, max_units: int | None = None) -> Worker:
        limit = ["--max-units", str(max_units)] if max_units else []
        command = [sys.executable, "-m", "flask", "--app", "app", "sync", "once", str(flow.id), *limit]
        log = self.logs / f"worker-{self.kills + self.cycles + 1}"
        with open(log.with_suffix(".out"), "w") as out, open(log.with_suffix(".err"), "w") as err:
            return Worker(subprocess.Popen(command, cwd=ROOT, env=self.env, stdout=out, stderr=err), log)

    def finish(self, worker: Worker) -> dict[str, Any]:
        """The cycle's report; a worker that fails on its own fails the test with its stderr."""
        code = worker.process.wait(timeout=120)
        assert code == 0, f"worker exited with {code}:\n{worker.log.with_suffix('.err').read_text()[-3000:]}"
        self.cycles += 1
        return json.loads(worker.log.with_suffix(".out").read_text())

    def kill_after(self, worker: Worker, delay: float, contaazul: SandboxServer) -> dict[str, Any] | None:
        """SIGKILL `delay` seconds after the worker first reaches Conta Azul, so the kill lands in
        its work however long Python takes to start; a worker that ends first gives its report."""
        before, deadline = contaazul.stats()["requests"], None
        while worker.process.poll() is None:
            if deadline is None and contaazul.stats()["requests"] > before:
                deadline = time.monotonic() + delay
            if deadline is not None and time.monotonic() >= deadline:
                worker.process.send_signal(signal.SIGKILL)
                worker.process.wait()
                self.kills += 1
                return None
            time.sleep(0.005)
        return self.finish(worker)


def pending_intents() -> set[tuple[Any, ...]]:
    """Ledger entries holding an intent and no outcome yet, as last written: a kill between the
    two leaves one written by the killed worker."""
    session = get_session()
    query = select(RowRecord.flow_id, RowRecord.row_key, RowRecord.updated_at).where(RowRecord.state == PENDING)
    pending = {tuple(row) for row in session.execute(query)}
    session.rollback()  # end the read at once: the next worker writes
    return pending


def kill_repeatedly(workers: Workers, flows: list[Flow], rng: random.Random, contaazul: SandboxServer) -> int:
    """Start a worker on a flow with open rows, kill most of them, let some finish, until `KILLS`
    kills or no open rows; answers how many kills fell between an intent and its outcome."""
    unfinished, mid_create = list(flows), 0
    for _ in range(MAX_KILL_ROUNDS):
        if workers.kills >= KILLS or not unfinished:
            break
        flow = rng.choice(unfinished)
        pending, worker = pending_intents(), workers.start(flow, UNITS_PER_CYCLE)
        if rng.random() < FINISH_SHARE:
            report = workers.finish(worker)
        else:
            report = workers.kill_after(worker, rng.uniform(0, MAX_KILL_DELAY), contaazul)
            mid_create += report is None and bool(pending_intents() - pending)
        if report is not None and report["candidates"] == 0:
            unfinished.remove(flow)
    return mid_create


def run_until_settled(workers: Workers, flows: list[Flow], seed: int) -> None:
    """Kill-free rounds, every flow once, until one creates nothing and every row shows ✔."""
    for _ in range(CONVERGE_ROUNDS):
        reports = [workers.finish(workers.start(flow)) for flow in flows]
        statuses = [text for flow in flows for text in sheet_units(flow)[1].values()]
        if all(text.startswith(row_status.DONE) for text in statuses) and not any(r["created"] for r in reports):
            return
    raise AssertionError(f"seed={seed}: no quiet, all-✔ round after {CONVERGE_ROUNDS} kill-free rounds; "
                         f"last reports {reports}")


def test_a_killed_worker_leaves_every_row_with_exactly_one_record(
        backend_config, connection, contaazul_sandbox, sheets_sandbox, tmp_path):
    seed = int(os.environ.get("AZULEJO_CRASH_SEED") or random.randrange(2**32))
    print(f"crash test seed={seed}; replay with AZULEJO_CRASH_SEED={seed}")
    bakery = Bakery(seed)
    tabs: list[Tab] = [customers_tab(bakery, 60), sales_tab(bakery, 216), payables_tab(bakery, 20, twins=4)]
    spreadsheet = sheets_sandbox.create_spreadsheet("Padaria Aurora: lançamentos", {t.title: t.rows for t in tabs})
    flows = [wiring.make_flow(connection, t.kind, spreadsheet, t.mapping, worksheet=t.title, trigger=TRIGGER)
             for t in tabs]
    contaazul_sandbox.configure_faults(latency_ms=LATENCY_MS)
    workers, started = Workers(worker_environment(backend_config), tmp_path), time.monotonic()

    mid_create = kill_repeatedly(workers, flows, random.Random(seed), contaazul_sandbox)
    run_until_settled(workers, flows, seed)

    found = audit_company(Audit(), flows, contaazul_sandbox)
    line = (f"crash test seed={seed}: rows={found.rows} records={found.records} kills={workers.kills} "
            f"(mid-create {mid_create}) cycles={workers.cycles} duplicates={found.duplicates} lost={found.lost} "
            f"in {time.monotonic() - started:.0f}s")
    SUMMARIES.append(line)
    print(line)
    assert not found.problems, f"seed={seed}:\n" + "\n".join(found.problems[:20])
    assert found.rows == sum(len(t.rows) - 1 for t in tabs)
    assert mid_create, f"seed={seed}: no kill fell between an intent and its outcome; nothing was tested"
    for stand_in in (contaazul_sandbox, sheets_sandbox):
        assert stand_in.stats()["unexpected_errors"] == 0


def test_sync_once_max_units_leaves_the_rest_to_the_next_cycle(backend, connection, sheets_sandbox):
    tab = customers_tab(Bakery(7), 5)
    spreadsheet = sheets_sandbox.create_spreadsheet("Clientes novos", {tab.title: tab.rows})
    flow = wiring.make_flow(connection, tab.kind, spreadsheet, tab.mapping, worksheet=tab.title, trigger=TRIGGER)
    runner = backend.test_cli_runner()

    results = [runner.invoke(args=["sync", "once", str(flow.id), "--max-units", "2"]) for _ in range(4)]

    assert [json.loads(result.output)["created"] for result in results] == [2, 2, 1, 0]
    assert all(text.startswith(row_status.DONE) for text in sheet_units(flow)[1].values())
