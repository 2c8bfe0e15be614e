"""Is the service fit to work? The database answers and Conta Azul can be reached.

Anyone may ask (`/health`, the page at `/`), so the answer says only up or down, and Conta Azul
is asked at most once per `HEALTH_CACHE_SECONDS` in each web process, one check at a time however
many ask at once: a burst of anonymous hits never becomes a burst of calls to Conta Azul. Which
part is down is for operators: it goes to the log when the service turns degraded.
"""
from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

import httpx

from sheets_addon.config import Settings
from sheets_addon.db import database_is_reachable

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class HealthReport:
    database: bool
    contaazul: bool

    @property
    def healthy(self) -> bool:
        return self.database and self.contaazul

    def public(self) -> dict[str, str]:
        """What anyone may see: up or down, nothing of what is behind."""
        return {"status": "ok" if self.healthy else "degraded"}


class HealthMonitor:
    """One per process: the cached Conta Azul check and the last report, to log only its changes."""

    def __init__(self, settings: Settings, clock: Callable[[], float] = time.monotonic) -> None:
        self._settings, self._clock = settings, clock
        self._checking = threading.Lock()  # held through a check: the others wait for its answer
        self._contaazul: tuple[float, bool] | None = None  # when it was last asked, and whether it answered
        self._noting = threading.Lock()
        self._last: HealthReport | None = None

    def report(self) -> HealthReport:
        """The database asked now (a query on a pooled connection), Conta Azul as last checked."""
        report = HealthReport(database=database_is_reachable(), contaazul=self._contaazul_reachable())
        self._note(report)
        return report

    def _contaazul_reachable(self) -> bool:
        with self._checking:
            if self._contaazul is None or self._clock() - self._contaazul[0] >= self._settings.HEALTH_CACHE_SECONDS:
                reachable = contaazul_is_reachable(self._settings)
                self._contaazul = (self._clock(), reachable)
            return self._contaazul[1]

    def _note(self, report: HealthReport) -> None:
        """Logs a turn to degraded (saying which part is down), a change of what is down, a recovery."""
        with self._noting:
            last, self._last = self._last, report
        if report == last or (last is None and report.healthy):
            return
        if report.healthy:
            log.info("health recovered")
        else:
            log.warning("health degraded", extra={"database_reachable": report.database,
                                                  "contaazul_reachable": report.contaazul,
                                                  "contaazul_api_base_url": self._settings.CONTAAZUL_API_BASE_URL})


def contaazul_is_reachable(settings: Settings) -> bool:
    """Any HTTP answer below 500 (an unauthenticated call gets 401) means the API is up."""
    url = f"{settings.CONTAAZUL_API_BASE_URL}/v1/pessoas/conta-conectada"
    try:
        response = httpx.get(url, timeout=settings.HEALTH_CHECK_TIMEOUT_SECONDS)
    except httpx.HTTPError:
        return False
    return response.status_code < 500
