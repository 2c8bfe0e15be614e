"""Drives a fault run: worker processes work the stage until it settles, while faults are done to
them (workers SIGKILLed, tokens expired, a quota burnt, the database restarted).

A fault is anything with a `step()`, called a few times a second while the run goes; its
randomness comes from a seeded generator, so `AZULEJO_FAULT_SEED=<seed>` replays the same sheets
and the same schedule of faults (where each one lands in the workers' work still depends on timing).
"""
from __future__ import annotations

import os
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from tests.reliability.fault_stage import FaultStage
from tests.scaleout.workers import WorkerPool, WorkerProcess

SEED_VARIABLE = "AZULEJO_FAULT_SEED"
REPORT_EVERY = 15.0  # seconds between progress lines


def fault_seed() -> int:
    """The run's seed: `AZULEJO_FAULT_SEED` when set (a replay), else a new one (print it)."""
    return int(os.environ.get(SEED_VARIABLE) or random.randrange(2**32))


class Fault(Protocol):
    def step(self) -> None:
        """Does its thing if its time has come; called a few times a second."""


@dataclass
class Every:
    """A seeded schedule: due every `low`–`high` seconds, at most `times` times."""

    rng: random.Random
    low: float
    high: float
    times: int
    done: int = 0
    _next: float | None = None

    def due(self) -> bool:
        now = time.monotonic()
        if self._next is None:
            self._next = now + self.rng.uniform(self.low, self.high)
        if self.done >= self.times or now < self._next:
            return False
        self.done += 1
        self._next = now + self.rng.uniform(self.low, self.high)
        return True


@dataclass
class KillWorkers:
    """SIGKILLs a random running worker on schedule and starts another in its place at once."""

    pool: WorkerPool
    schedule: Every
    killed: list[WorkerProcess] = field(default_factory=list)

    def step(self) -> None:
        alive = self.pool.alive()
        if alive and self.schedule.due():
            victim = self.schedule.rng.choice(alive)
            victim.kill()
            self.killed.append(victim)
            self.pool.start(1)

    @property
    def kills(self) -> int:
        return len(self.killed)


@dataclass
class OnSchedule:
    """Calls `action` on schedule (expire the stand-in's tokens, say)."""

    action: Callable[[], object]
    schedule: Every

    def step(self) -> None:
        if self.schedule.due():
            self.action()


def run_until_settled(stage: FaultStage, pool: WorkerPool, faults: Sequence[Fault] = (), *,
                      timeout: float = 600, check_every: float = 1.0) -> float:
    """Steps the faults until every row shows ✔ and every sale is logged; the seconds it took.

    `timeout` guards against a hang, far beyond what a run needs; a worker that exits on its own
    (not killed by a fault) fails the run at once, with its log.
    """
    started = time.monotonic()
    next_check, next_report = started, started + REPORT_EVERY
    while True:
        for fault in faults:
            fault.step()
        dead = [worker for worker in pool.workers if not worker.alive()
                and not any(worker is victim for fault in faults for victim in getattr(fault, "killed", ()))]
        if dead:
            raise AssertionError(f"worker {dead[0].number} exited by itself ({dead[0].process.returncode}):\n"
                                 + dead[0].log.read_text(errors="replace")[-4000:])
        if time.monotonic() >= next_check:
            if stage.settled():
                return time.monotonic() - started
            next_check = time.monotonic() + check_every
        if time.monotonic() >= next_report:  # shown with a failure, or with -s
            print(f"  {time.monotonic() - started:.0f}s: {stage.open_rows()} rows without ✔, "
                  f"{stage.unlogged_sales()} sales not logged, {len(pool.alive())} workers")
            next_report += REPORT_EVERY
        if time.monotonic() - started > timeout:
            raise AssertionError(f"the run did not settle within {timeout:.0f} s: {stage.open_rows()} rows "
                                 f"without ✔, {stage.unlogged_sales()} sales not logged; last worker log lines:\n"
                                 + pool.logs_text()[-4000:])
        time.sleep(0.2)
