"""One row of the check's table: an expectation held against the answers a call received."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from contaazul import ContaAzulError

from .answers import Answer
from .expectations import Expectation
from .shapes import Envelope, Findings, Kind, inspect, inspect_page

MATCH, MISMATCH, UNSEEN = "✓", "✗", "–"


@dataclass(frozen=True)
class Row:
    """A check's outcome: `mark` is MATCH, MISMATCH, or UNSEEN (nothing to read, e.g. no sale yet)."""

    name: str
    endpoint: str
    expected: str
    came: str
    mark: str


def verdict(expectation: Expectation, answers: Sequence[Answer], error: Exception | None = None,
            problems: Sequence[str] = ()) -> Row:
    """How the call's answers (the ones to its endpoint) compare with the expectation; `error` is
    what the call raised, `problems` what it found itself. Answers the client retried (a 429, a
    5xx) are its own business: a call meant to succeed is judged on its successful answers."""
    findings = Findings()
    for problem in problems:
        findings.problem(problem)
    successes = [answer for answer in answers if 200 <= answer.status < 300]
    if expectation.error is not None:
        _refusal(expectation, answers, error, findings)
    elif error is not None:
        findings.problem(_said(error))
    elif not successes:
        findings.problem("no answer")
    if expectation.error is None and not isinstance(error, ContaAzulError):
        for answer in successes:  # also when the client choked on them: show why
            _body(answer.body, expectation.answer, findings)
    came, mark = _outcome(expectation, findings)
    return Row(expectation.name, expectation.endpoint, expectation.expected, came, mark)


def unseen(expectation: Expectation, why: str) -> Row:
    """A check with nothing to read: not a mismatch, but not verified either."""
    return Row(expectation.name, expectation.endpoint, expectation.expected, why, UNSEEN)


def _refusal(expectation: Expectation, answers: Sequence[Answer], error: Exception | None,
             findings: Findings) -> None:
    last = answers[-1] if answers else None
    if error is None:
        findings.problem(f"HTTP {last.status}, not refused" if last else "no answer")
        return
    if last is None:  # no answer at all (the network)
        findings.problem(_said(error))
        return
    if not isinstance(error, expectation.error or ()):
        findings.problem(f"{type(error).__name__}, expected {expectation.error.__name__}")
    if last.status != expectation.status:
        findings.problem(f"HTTP {last.status}, expected {expectation.status}")
    findings.note(f"HTTP {last.status} {type(error).__name__}")
    inspect(last.body, expectation.answer, findings)


def _body(body: object, answer: Kind | Envelope, findings: Findings) -> None:
    if isinstance(answer, Envelope):
        inspect_page(body, answer, findings)
        return
    inspect(body, answer, findings)
    if answer.items is not None and isinstance(body, list):
        findings.rows += len(body)


def _said(error: Exception) -> str:
    """What a failed call said: Conta Azul's own message for its errors (scrubbed of secrets by the
    client), the exception's type and text when the client itself could not read the answer."""
    if isinstance(error, ContaAzulError):
        status = f"HTTP {error.status} " if error.status else ""
        return f"{status}{type(error).__name__}: {error.message}"
    return f"the client failed on the answer: {type(error).__name__}: {error}"


def _outcome(expectation: Expectation, findings: Findings) -> tuple[str, str]:
    if findings.problems:
        return "; ".join(findings.problems), MISMATCH
    parts = list(findings.came)
    is_list = isinstance(expectation.answer, Envelope) or expectation.answer.items is not None
    if is_list:
        rows = f"{findings.rows} row{'' if findings.rows == 1 else 's'}"
        parts[:1] = [f"{parts[0]}: {rows}" if parts else rows]
    parts += [f"{path.removeprefix('row.')}: {', '.join(sorted(values))}"
              for path, values in sorted(findings.seen.items())]
    if is_list and findings.rows == 0:
        return "; ".join(parts + ["no rows, so their fields went unseen"]), UNSEEN
    return "; ".join(parts) or "as expected", MATCH
