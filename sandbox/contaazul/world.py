"""The stand-in's whole state: companies and their records, tokens, clock, knobs and counters.

One `World` per app. Requests run one at a time against it under `lock` (the app wraps each
dispatch), so the werkzeug threaded server stays consistent without finer locking.
"""
from __future__ import annotations

import itertools
import random
import threading
import time
import uuid
from collections import Counter, deque
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from .settings import SandboxSettings

SAO_PAULO = ZoneInfo("America/Sao_Paulo")


class Clock:
    """Wall time plus an offset that tests move forward instead of sleeping."""

    def __init__(self) -> None:
        self.offset = 0.0

    def timestamp(self) -> float:
        return time.time() + self.offset

    def now(self) -> datetime:
        """São Paulo local time without zone, to the second, as Conta Azul writes timestamps."""
        return datetime.fromtimestamp(self.timestamp(), SAO_PAULO).replace(tzinfo=None, microsecond=0)

    def today(self) -> date:
        return self.now().date()

    def advance(self, seconds: float) -> None:
        self.offset += seconds


@dataclass
class Company:
    """One Conta Azul company (tenant) with its user and every kind of record, keyed by uuid."""

    id: str
    razao_social: str
    nome_fantasia: str
    documento: str
    email: str
    data_fundacao: date
    login_email: str
    password: str
    people: dict[str, dict] = field(default_factory=dict)
    products: dict[str, dict] = field(default_factory=dict)
    services: dict[str, dict] = field(default_factory=dict)
    sellers: dict[str, dict] = field(default_factory=dict)
    categories: dict[str, dict] = field(default_factory=dict)
    cost_centers: dict[str, dict] = field(default_factory=dict)
    accounts: dict[str, dict] = field(default_factory=dict)
    sales: dict[str, dict] = field(default_factory=dict)
    contracts: dict[str, dict] = field(default_factory=dict)
    events: dict[str, dict] = field(default_factory=dict)
    protocols: dict[str, dict] = field(default_factory=dict)
    legacy_ids: Any = field(default_factory=lambda: itertools.count(100_001))

    def next_legacy_id(self) -> int:
        """Conta Azul's integer `id_legado`, unique within the company."""
        return next(self.legacy_ids)


@dataclass
class Faults:
    """Injected failures for /v1 calls (and the token endpoint only when asked)."""

    error_rate: float = 0.0
    latency_ms: int = 0
    fail_next: int = 0
    fail_status: int = 500
    token_endpoint: bool = False


@dataclass
class RateLimit:
    """Per-company limits; `hits` holds each company's recent call times."""

    per_second: int = 10
    per_minute: int = 600
    send_retry_after: bool = True
    hits: dict[str, deque] = field(default_factory=dict)


class World:
    """Everything the stand-in knows; mutate it only while holding `lock`."""

    def __init__(self, settings: SandboxSettings):
        self.settings = settings
        self.lock = threading.RLock()
        self.clock = Clock()
        self.rng = random.Random(settings.seed)
        self.id_rng = random.Random(f"ids-{settings.seed}")
        self.companies: dict[str, Company] = {}
        self.codes: dict[str, dict] = {}
        self.access_tokens: dict[str, dict] = {}
        self.refresh_tokens: dict[str, dict] = {}
        self.spent_refresh_tokens: dict[str, dict] = {}  # rotated out: refused, kept for audits
        self.profiles: dict[str, Any] = {}  # company id -> the demo profile it was built from
        self.faults = Faults(settings.error_rate, settings.latency_ms, settings.fail_next,
                             settings.fail_status, settings.faults_on_token_endpoint)
        self.rate_limit = RateLimit(settings.rate_per_second, settings.rate_per_minute,
                                    settings.send_retry_after)
        self.stats: Counter = Counter()
        self.by_status: Counter = Counter()
        self.by_route: Counter = Counter()

    def now(self) -> datetime:
        return self.clock.now()

    def today(self) -> date:
        return self.clock.today()

    def new_id(self) -> str:
        """A version-4 uuid drawn from the seeded generator, so demo data is the same on every run."""
        return str(uuid.UUID(int=self.id_rng.getrandbits(128), version=4))

    def add_company(self, company: Company) -> Company:
        self.companies[company.id] = company
        return company

    def company_by_login(self, email: str) -> Company | None:
        wanted = (email or "").strip().casefold()
        return next((c for c in self.companies.values() if c.login_email.casefold() == wanted), None)

    def stats_snapshot(self) -> dict:
        """Counters for benchmarks and fault tests."""
        with self.lock:
            return {
                "requests": self.stats["requests"],
                "by_status": dict(self.by_status),
                "by_route": dict(self.by_route),
                "rate_limited": self.stats["rate_limited"],
                "injected_errors": self.stats["injected_errors"],
                "token_requests": self.stats["token_requests"],
                "token_refreshes": self.stats["token_refreshes"],
                "refreshes_refused": self.stats["refreshes_refused"],
                "logins": self.stats["logins"],
                "unexpected_errors": self.stats["unexpected_errors"],
            }

    def issued_tokens(self) -> list[str]:
        """Every access and refresh token issued so far, spent ones included: what a test greps
        logs for."""
        with self.lock:
            return [*self.access_tokens, *self.refresh_tokens, *self.spent_refresh_tokens]

    def reset_stats(self) -> None:
        with self.lock:
            self.stats.clear()
            self.by_status.clear()
            self.by_route.clear()
