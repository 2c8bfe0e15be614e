"""Real worker processes for multi-process tests: `flask --app app worker` with a test backend's
settings, started, SIGKILLed or stopped, their JSON log lines read back; flows for them to run;
and what the database says they did (runs of one flow that overlapped).

Shared by tests/scaleout and the fault tests. A worker sees exactly the settings of the app the
test built (`config`, `TOKEN_ENCRYPTION_KEY` included) and logs JSON lines at `LOG_LEVEL`.
"""
from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from sheets_addon.models import Flow, FlowRun
from tests import wiring
from tests.pipeline.test_sales_pipeline import HEADER, MAPPING, sale_row
from tests.wiring import worker_environment

ROOT = Path(__file__).resolve().parents[2]
T = TypeVar("T")


@dataclass
class WorkerProcess:
    """One `flask --app app worker` subprocess; its stderr (the JSON log) goes to `log`."""

    number: int
    process: subprocess.Popen
    log: Path

    def alive(self) -> bool:
        return self.process.poll() is None

    def kill(self) -> None:
        """SIGKILL: no clean-up at all, its lease is left to expire."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=30)

    def log_lines(self) -> list[dict[str, Any]]:
        """Its log so far, one dict per JSON line (anything else, e.g. a traceback, as `{"text": …}`)."""
        lines = []
        for text in self.log.read_text(errors="replace").splitlines():
            try:
                lines.append(json.loads(text))
            except ValueError:
                lines.append({"text": text})
        return lines

    def events(self, event: str) -> list[dict[str, Any]]:
        return [line for line in self.log_lines() if line.get("event") == event]

    def owner(self) -> str | None:
        """The name it takes leases under, once it has logged `worker started`."""
        started = self.events("worker started")
        return started[0]["worker"] if started else None


@dataclass
class WorkerPool:
    """Starts workers with `config`; `stop()` (or leaving the `with` block) ends every one still running."""

    config: Mapping[str, Any]
    logs: Path
    idle_seconds: float = 0.2
    log_level: str = "INFO"  # what production logs: the tests read the workers' INFO lines
    workers: list[WorkerProcess] = field(default_factory=list)

    def start(self, count: int = 1) -> list[WorkerProcess]:
        env = {**worker_environment(self.config), "TESTING": "false",  # TESTING would keep the logs in
               "LOG_LEVEL": self.log_level}
        started = []
        for _ in range(count):
            number = len(self.workers) + 1
            log = self.logs / f"worker-{number}.log"
            with open(log, "w") as stderr:
                process = subprocess.Popen(
                    [sys.executable, "-m", "flask", "--app", "app", "worker", "--idle-seconds", str(self.idle_seconds)],
                    cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=stderr)
            self.workers.append(WorkerProcess(number, process, log))
            started.append(self.workers[-1])
        return started

    def alive(self) -> list[WorkerProcess]:
        return [worker for worker in self.workers if worker.alive()]

    def stop(self, timeout: float = 60) -> None:
        """SIGTERM (each stops between two flows), then SIGKILL whatever did not stop in time."""
        for worker in self.alive():
            worker.process.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + timeout
        for worker in self.workers:
            try:
                worker.process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                worker.kill()

    def logs_text(self) -> str:
        return "\n".join(worker.log.read_text(errors="replace") for worker in self.workers)

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *_exc) -> None:
        self.stop()


def wait_until(condition: Callable[[], T], what: str, timeout: float = 120, interval: float = 0.05) -> T:
    """Polls `condition` until it gives something truthy, and returns it. A guard against a hang,
    not a timing assertion: `timeout` is far beyond what the awaited thing needs."""
    deadline = time.monotonic() + timeout
    while True:
        result = condition()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"never happened within {timeout:.0f} s: {what}")
        time.sleep(interval)


def overlapping_runs(session: Session) -> list[tuple[FlowRun, FlowRun]]:
    """Pairs of recorded runs of one flow whose spans intersect: a flow that ran twice at once."""
    by_flow: defaultdict[int, list[FlowRun]] = defaultdict(list)
    for run in session.scalars(select(FlowRun).order_by(FlowRun.flow_id, FlowRun.started_at, FlowRun.id)):
        by_flow[run.flow_id].append(run)
    return [(earlier, later) for runs in by_flow.values()
            for earlier, later in zip(runs, runs[1:]) if later.started_at < earlier.finished_at]


def sale_flows(connection, sheets_sandbox, count: int) -> list[Flow]:
    """`count` sale flows, each on a spreadsheet of its own holding two orders of its own."""
    flows = []
    for n in range(count):
        rows = [HEADER, sale_row(f"L{n}-1", "Joana Prado", "529.982.247-25", "PF-KG", "1", "18,90"),
                sale_row(f"L{n}-2", "Mercado Sol Ltda", "11.222.333/0001-81", "PF-KG", "2", "18,90")]
        spreadsheet = sheets_sandbox.create_spreadsheet(f"Loja {n}", {"Vendas": rows})
        flows.append(wiring.make_flow(connection, "sale", spreadsheet, MAPPING))
    return flows
