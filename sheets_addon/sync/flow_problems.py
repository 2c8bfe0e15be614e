"""Problems with a flow itself end its run with a message for the person, never with a crash."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Protocol

from contaazul import AuthenticationError
from sheets_addon import messages
from sheets_addon.mapping.errors import FlowProblem
from sheets_addon.sheets import SheetLayoutProblem


class HasProblem(Protocol):
    problem: str | None


@contextmanager
def problems_reported(report: HasProblem) -> Iterator[None]:
    """A moved or renamed column, a bad mapping or a lost Conta Azul connection becomes `report.problem`."""
    try:
        yield
    except (SheetLayoutProblem, FlowProblem) as problem:
        report.problem = " ".join(getattr(problem, "problems", None) or [str(problem)])
    except AuthenticationError:
        report.problem = messages.FLOW_RECONNECT
