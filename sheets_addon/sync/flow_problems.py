"""Problems with a flow itself end its run with a message for the person, never with a crash."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Protocol

from google.auth.exceptions import RefreshError, TransportError

from contaazul import AuthenticationError, InvalidClientError
from sheets_addon import messages
from sheets_addon.google_access import ServiceAccountRefused
from sheets_addon.google_connections import refused_for_good
from sheets_addon.mapping.errors import FlowProblem
from sheets_addon.sheets import SheetLayoutProblem


class HasProblem(Protocol):
    problem: str | None


@contextmanager
def problems_reported(report: HasProblem) -> Iterator[None]:
    """A moved or renamed column, a bad mapping, a lost Conta Azul connection or Google access becomes
    `report.problem`. Conta Azul refusing the backend's own client secret is no problem of the flow:
    it goes on to the caller (the API answers 503; `runs` records it as the run's problem)."""
    try:
        yield
    except (SheetLayoutProblem, FlowProblem) as problem:
        report.problem = " ".join(getattr(problem, "problems", None) or [str(problem)])
    except InvalidClientError:
        raise
    except AuthenticationError:
        report.problem = messages.FLOW_RECONNECT
    except ServiceAccountRefused:  # the backend's own account: the operator's to mend, nothing paused
        report.problem = messages.GOOGLE_SERVICE_ACCOUNT_REFUSED
    except RefreshError as error:  # the owner's own Google consent (google_connections pauses the flows)
        report.problem = messages.GOOGLE_REFRESH_REFUSED if refused_for_good(error) else messages.SHEETS_UNAVAILABLE
    except TransportError:
        report.problem = messages.SHEETS_UNAVAILABLE
