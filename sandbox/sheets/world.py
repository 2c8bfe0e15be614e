"""The stand-in's whole state: spreadsheets, clock, quotas, faults, auth, counters.

One `World` per app. Requests run one at a time against it under `lock` (the app wraps each
dispatch), so the threaded werkzeug server stays consistent without finer locking.
"""
from __future__ import annotations

import random
import string
import threading
from collections import Counter, defaultdict, deque
from dataclasses import dataclass, field
from datetime import datetime, timezone

from ..contaazul.world import Clock  # generic: wall time plus an offset tests advance
from .identity import GoogleIdentity
from .model import Sheet, Spreadsheet
from .oauth import GoogleOAuthServer
from .service_accounts import ServiceAccounts
from .settings import SheetsSandboxSettings

EXTENSION = "sheets_sandbox"
ID_ALPHABET = string.ascii_letters + string.digits + "-_"


@dataclass
class Faults:
    """Injected failures for API calls: a share of 500/503, a latency, the next N calls failing."""

    error_rate: float = 0.0
    latency_ms: int = 0
    fail_next: int = 0
    fail_status: int = 500


@dataclass
class Quotas:
    """Per-minute request limits (0 = none); `hits` keeps recent call times per (kind, who)."""

    read_per_minute: int = 60
    write_per_minute: int = 60
    project_read_per_minute: int = 0
    project_write_per_minute: int = 0
    send_retry_after: bool = False
    hits: dict[tuple[str, str], deque] = field(default_factory=dict)


@dataclass
class Auth:
    """Strict mode accepts only registered bearer tokens (token -> user); lax mode any token.

    `apps_script` tokens are registered ones that stand for Apps Script's SpreadsheetApp inside
    Google: its reads and writes draw on no Sheets API quota, so they skip the quotas here.
    """

    strict: bool = False
    tokens: dict[str, str] = field(default_factory=dict)
    apps_script: set[str] = field(default_factory=set)


class World:
    """Everything the stand-in knows; mutate it only while holding `lock`."""

    def __init__(self, settings: SheetsSandboxSettings):
        self.settings = settings
        self.lock = threading.RLock()
        self.clock = Clock()
        self.rng = random.Random(settings.seed)
        self.spreadsheets: dict[str, Spreadsheet] = {}
        self.faults = Faults(settings.error_rate, settings.latency_ms, settings.fail_next, settings.fail_status)
        self.quotas = Quotas(settings.read_per_minute, settings.write_per_minute, settings.project_read_per_minute,
                             settings.project_write_per_minute, settings.send_retry_after)
        self.auth = Auth(settings.strict_auth)
        self.identity = GoogleIdentity(settings.id_token_audience)
        self.oauth = GoogleOAuthServer(settings, self.clock, self.identity)
        self.service_accounts = ServiceAccounts(self.clock, settings.project_id)
        self.counters: Counter = Counter()
        self.by_method: Counter = Counter()
        self.by_status: Counter = Counter()
        self.by_user: Counter = Counter()
        self.by_spreadsheet: defaultdict[str, Counter] = defaultdict(Counter)

    def new_spreadsheet(self, title: str, tab_titles: list[str] | None = None, owner: str | None = None,
                        created_with: str | None = None) -> Spreadsheet:
        """A spreadsheet in the configured locale; its first tab has id 0, as Google's does.

        Without an owner it is open to anyone with the link (see access.py).
        """
        now = self.now()
        spreadsheet_id = "1" + "".join(self.rng.choice(ID_ALPHABET) for _ in range(43))
        book = Spreadsheet(spreadsheet_id, title, self.settings.locale, self.settings.time_zone, now, now,
                           owner=owner.strip().lower() if owner else None, created_with=created_with)
        for index, tab in enumerate(tab_titles or [self.settings.default_tab_title]):
            book.sheets.append(Sheet(0 if index == 0 else self.new_sheet_id(book), tab))
        self.spreadsheets[spreadsheet_id] = book
        return book

    def new_sheet_id(self, book: Spreadsheet) -> int:
        taken = {sheet.sheet_id for sheet in book.sheets}
        while (candidate := self.rng.randrange(1, 2 ** 31 - 1)) in taken:
            pass
        return candidate

    def now(self) -> datetime:
        """The stand-in's clock in UTC, as Drive's timestamps are written."""
        return datetime.fromtimestamp(self.clock.timestamp(), timezone.utc)

    def touch(self, book: Spreadsheet) -> None:
        """Marks a change (Drive's modifiedTime)."""
        book.modified = self.now()

    def count_call(self, method: str, user: str, spreadsheet_id: str | None) -> None:
        self.counters["requests"] += 1
        self.by_method[method] += 1
        self.by_user[user] += 1
        if spreadsheet_id:
            self.by_spreadsheet[spreadsheet_id][method] += 1

    def stats_snapshot(self) -> dict:
        """Counters for benchmarks and tests: calls per API method, per spreadsheet, per user; 429s."""
        with self.lock:
            return {"requests": self.counters["requests"],
                    "by_method": dict(self.by_method),
                    "by_spreadsheet": {sid: dict(methods) for sid, methods in self.by_spreadsheet.items()},
                    "by_user": dict(self.by_user),
                    "by_status": dict(self.by_status),
                    "quota_exceeded": self.counters["quota_exceeded"],
                    "injected_errors": self.counters["injected_errors"],
                    "unauthenticated": self.counters["unauthenticated"],
                    "unexpected_errors": self.counters["unexpected_errors"],
                    "oauth": self.oauth.snapshot(),
                    "service_accounts": self.service_accounts.snapshot()}

    def reset_stats(self) -> None:
        with self.lock:
            for counter in (self.counters, self.by_method, self.by_status, self.by_user):
                counter.clear()
            self.by_spreadsheet.clear()
