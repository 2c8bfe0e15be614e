"""Both stand-ins, a backend wired to them (`tests/wiring.py`), and cycles run in worker processes.

Each measured cycle runs in a fresh spawned process, as the worker would run it, so its memory
is the backend's alone: the stand-ins serve from threads of this process.
"""
from __future__ import annotations

import resource
import tempfile
import time
import tracemalloc
from concurrent.futures import ProcessPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from app import create_app
from contaazul import RateLimit
from sandbox.contaazul import SandboxServer, SandboxSettings
from sandbox.sheets import SheetsSandboxServer
from sheets_addon.db import get_session, upgrade_database
from sheets_addon.models import ContaAzulConnection, Flow
from tests import wiring

MIB = 1024 * 1024


@dataclass(frozen=True)
class CycleRun:
    """What one or more cycles of a flow did, measured inside the worker."""

    reports: list[dict[str, Any]]
    seconds: float
    traced_peak_bytes: int | None  # tracemalloc's peak while the cycles ran, when traced
    peak_rss_growth_bytes: int      # how much the worker's peak resident memory rose meanwhile

    @property
    def created(self) -> int:
        return sum(report["created"] for report in self.reports)


class Backend:
    """A backend on its own database, connected to the demo company of the Conta Azul stand-in."""

    def __init__(self, workdir: Path, contaazul: SandboxServer, sheets: SheetsSandboxServer,
                 rate_limit: RateLimit) -> None:
        self.config = {**wiring.backend_config(workdir / "azulejo.db", contaazul, sheets, rate_limit),
                       "INSTANCE_PATH": str(workdir), "SECRET_KEY": "bench", "LOG_LEVEL": "WARNING"}
        self.app = create_app(self.config)
        with self.app.app_context():
            upgrade_database()
            self.connection_id = wiring.connect_demo_company(contaazul).id

    def new_flow(self, spreadsheet_id: str, mapping: dict[str, str]) -> int:
        """A sale flow on the sheet's "Vendas" tab; a new flow knows nothing of its layout yet."""
        with self.app.app_context():
            connection = get_session().get(ContaAzulConnection, self.connection_id)
            return wiring.make_flow(connection, "sale", spreadsheet_id, mapping).id

    def run(self, flow_id: int, *, trace_memory: bool = False, until_idle: bool = False) -> CycleRun:
        """One cycle (or cycles until one creates nothing) in a freshly spawned worker."""
        with ProcessPoolExecutor(1, mp_context=get_context("spawn")) as worker:
            return worker.submit(run_in_worker, self.config, flow_id, trace_memory, until_idle).result()


def run_in_worker(config: dict[str, Any], flow_id: int, trace_memory: bool, until_idle: bool) -> CycleRun:
    """The worker's side: the app set up first, so only the cycles are measured."""
    app = create_app(config)
    with app.app_context():
        flow = get_session().get(Flow, flow_id)
        rss_before = _peak_rss()
        if trace_memory:
            tracemalloc.start()
        started = time.perf_counter()
        reports = [wiring.run_flow(flow).as_dict()]
        while until_idle and reports[-1]["created"]:
            reports.append(wiring.run_flow(flow).as_dict())
        seconds = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1] if trace_memory else None
        tracemalloc.stop()
        return CycleRun(reports, seconds, peak, _peak_rss() - rss_before)


def _peak_rss() -> int:
    """The process's peak resident memory in bytes: Linux's VmHWM, which (unlike ru_maxrss)
    does not start from the peak of the big parent that a spawned worker was forked from."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            line = next(line for line in status if line.startswith("VmHWM:"))
        return int(line.split()[1]) * 1024
    except (OSError, StopIteration):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


class Stage(ExitStack):
    """A scratch directory, both stand-ins (Conta Azul with `contaazul_settings`) and a backend."""

    def __init__(self, contaazul_settings: SandboxSettings, rate_limit: RateLimit) -> None:
        super().__init__()
        self.contaazul_settings, self.rate_limit = contaazul_settings, rate_limit

    def __enter__(self) -> Stage:
        super().__enter__()
        workdir = Path(self.enter_context(tempfile.TemporaryDirectory(prefix="azulejo-bench-")))
        self.contaazul = self.enter_context(SandboxServer(self.contaazul_settings))
        self.sheets = self.enter_context(SheetsSandboxServer())
        self.backend = Backend(workdir, self.contaazul, self.sheets, self.rate_limit)
        return self
