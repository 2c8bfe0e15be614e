"""Running the checks: each probe's call, then its verdict on the answers that call received."""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from contaazul import ContaAzul

from .answers import Answer, AnswerLog
from .expectations import TOKEN, Expectation
from .probes import DELETE, READS, WRITES, Mismatch, Probe, Probing, Unseen
from .verdicts import MISMATCH, Row, unseen, verdict


@dataclass
class Report:
    """The table's rows, and what is left behind in Conta Azul (a probe that could not be deleted)."""

    rows: list[Row] = field(default_factory=list)
    company: dict | None = None
    left_behind: str | None = None

    @property
    def failed(self) -> bool:
        return any(row.mark == MISMATCH for row in self.rows)


def run_checks(client: ContaAzul, log: AnswerLog, *, write: bool = False,
               token_answers: Sequence[Answer] | None = None) -> Report:
    """Every read-only check, then with `write` the probe person's, the probe deleted in any case."""
    probing = Probing(client)
    report = Report()
    if token_answers is not None:
        report.rows.append(verdict(TOKEN, token_answers))
    report.rows += [run_probe(probe, probing, log) for probe in READS]
    report.company = probing.found.get("company")
    if write:
        try:
            report.rows += [run_probe(probe, probing, log) for probe in WRITES]
        finally:
            report.rows.append(run_probe(DELETE, probing, log))
            if report.rows[-1].mark == MISMATCH:
                report.left_behind = probing.probe_name
    return report


def run_probe(probe: Probe, probing: Probing, log: AnswerLog) -> Row:
    """One check; whatever the call raises becomes its row, so the checks after it still run."""
    log.take()
    error: Exception | None = None
    problems: list[str] = []
    try:
        kept = probe.call(probing)
        if probe.keeps and isinstance(kept, dict):
            probing.found[probe.keeps] = kept
    except Unseen as why:
        return unseen(probe.expectation, str(why))
    except Mismatch as mismatch:
        problems.append(str(mismatch))
    except Exception as failure:  # a Conta Azul error, or the client choking on the answer
        error = failure
    answers = log.take()
    own = _to(probe.expectation, answers)
    if answers and not own:
        problems.append("the client asked " + ", ".join(sorted({f"{a.method} {a.path}" for a in answers})))
    return verdict(probe.expectation, own, error, problems)


def _to(expectation: Expectation, answers: Sequence[Answer]) -> list[Answer]:
    """The answers to the check's own endpoint (a look-up on the way, such as finding the probe
    by name before deleting it, is left out)."""
    pattern = re.compile(re.escape(expectation.path).replace(re.escape("{id}"), "[^/]+"))
    return [a for a in answers if a.method == expectation.method and pattern.fullmatch(a.path)]
