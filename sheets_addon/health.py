"""Is the service fit to work? The database answers and Conta Azul can be reached."""
from __future__ import annotations

from dataclasses import asdict, dataclass

import httpx

from sheets_addon.config import Settings
from sheets_addon.db import database_is_reachable


@dataclass(frozen=True)
class HealthReport:
    database: bool
    contaazul: bool
    contaazul_api_base_url: str

    @property
    def healthy(self) -> bool:
        return self.database and self.contaazul

    def as_dict(self) -> dict:
        return {"status": "ok" if self.healthy else "degraded", **asdict(self)}


def check_health(settings: Settings) -> HealthReport:
    return HealthReport(
        database=database_is_reachable(),
        contaazul=contaazul_is_reachable(settings),
        contaazul_api_base_url=settings.CONTAAZUL_API_BASE_URL,
    )


def contaazul_is_reachable(settings: Settings) -> bool:
    """Any HTTP answer below 500 (an unauthenticated call gets 401) means the API is up."""
    url = f"{settings.CONTAAZUL_API_BASE_URL}/v1/pessoas/conta-conectada"
    try:
        response = httpx.get(url, timeout=settings.HEALTH_CHECK_TIMEOUT_SECONDS)
    except httpx.HTTPError:
        return False
    return response.status_code < 500
