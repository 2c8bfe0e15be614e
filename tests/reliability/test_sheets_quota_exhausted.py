"""The backend's Google account out of Sheets quota for a whole minute mid-run: the Sheets
stand-in keeps Google's per-user quotas (60 reads and 60 writes a minute), and another client of
the same account eats every read and write as soon as the window frees one, so for a minute every
call of the workers answers 429. The run slows down and completes: every row ✔ once, nothing lost.
"""
from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from gspread.exceptions import APIError

from sheets_addon.config import current_settings
from sheets_addon.google_access import sheets_client
from tests.reliability.fault_run import fault_seed, run_until_settled
from tests.reliability.fault_stage import FaultStage, summary
from tests.scaleout.workers import WorkerPool

pytestmark = [pytest.mark.engines("postgresql"), pytest.mark.postgresql]
ROWS, WORKERS = 300, 3
GOOGLE_QUOTA_PER_MINUTE = 60
EXHAUSTED_SECONDS = 60


@dataclass
class QuotaEater:
    """Another program using the backend's Google account: once `start_when()` holds, for `seconds`,
    it takes every read and write the per-minute window frees, through the real API (the quota
    counts it) with the backend's own credentials."""

    stage: FaultStage
    seconds: float
    start_when: Callable[[], bool]
    started_at: float | None = None
    eaten: int = 0

    def step(self) -> None:
        now = time.monotonic()
        if self.started_at is None:
            if not self.start_when():
                return
            self.started_at = now
            self.scratch = self.stage.sheets.create_spreadsheet("Rascunho", {"Página1": [["x"]]})
            with self.stage.context():
                self.google = sheets_client(current_settings()).http_client
        if now - self.started_at > self.seconds:
            return
        for call in (lambda: self.google.values_get(self.scratch, "A1"),
                     lambda: self.google.values_update(self.scratch, "A1", params={"valueInputOption": "RAW"},
                                                       body={"values": [["x"]]})):
            while self._took(call):
                self.eaten += 1

    @staticmethod
    def _took(call: Callable[[], object]) -> bool:
        try:
            call()
        except APIError as error:
            if error.code == 429:
                return False
            raise
        return True

    @property
    def over(self) -> bool:
        return self.started_at is not None and time.monotonic() - self.started_at > self.seconds


def test_a_minute_without_sheets_quota_slows_the_run_down_and_loses_nothing(
        database_url, contaazul_sandbox, sheets_sandbox, tmp_path):
    seed = fault_seed()
    print(f"sheets quota run seed={seed}; replay with AZULEJO_FAULT_SEED={seed}")
    stage = FaultStage.build(database_url, contaazul_sandbox, sheets_sandbox, tmp_path / "instance",
                             sheets_quota_per_minute=GOOGLE_QUOTA_PER_MINUTE)
    stage.set_up(companies=2, rows=ROWS, seed=seed, sales_log=False)  # Sheets is the subject here
    eater = QuotaEater(stage, EXHAUSTED_SECONDS, start_when=lambda: stage.open_rows() < stage.rows)
    started = time.monotonic()

    with WorkerPool(stage.config, tmp_path) as pool:
        pool.start(WORKERS)
        seconds = run_until_settled(stage, pool, [eater], timeout=900)
        pool.stop()

    refused = sum(line.get("status") == 429 for worker in pool.workers
                  for line in worker.events("sheets request failed, retrying"))
    sheets_sandbox.configure_quotas(read_per_minute=0, write_per_minute=0)  # the audit reads through the API too
    found, failed = stage.audit(), stage.failed_runs()
    print(summary(f"sheets quota run seed={seed}", stage, found, time.monotonic() - started, workers=WORKERS,
                  workers_refused=refused, failed_runs=len(failed), eaten=eater.eaten, exhausted_for=f"{EXHAUSTED_SECONDS}s"))
    assert not found.problems, f"seed={seed}:\n" + "\n".join(found.problems[:20])
    assert found.rows == stage.rows
    assert eater.over and seconds > EXHAUSTED_SECONDS, "the run ended before the quota came back: nothing tested"
    assert refused > 0, "no worker was refused: the quota was not exhausted for them"
    assert not failed, f"runs failed instead of waiting for the quota: {failed[:5]}"
    assert stage.paused_flows() == []
