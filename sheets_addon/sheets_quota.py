"""The service account's Sheets quota, shared fairly between the people whose sheets it reaches.

Google allows each user of a Cloud project 60 Sheets reads and 60 writes a minute. Through the
service account every customer's sheets are read and written by that one user, so everyone
shares its minute; people who connected their own Google account have their own and are left out.

Each request the service account makes for a person's sheet is counted here, per person, for a
minute (`count_requests`): on PostgreSQL in `sheets_requests`, by every web and worker process
together, in the database's clock; on SQLite in this process's memory (there one worker runs,
and a second connection writing behind a run's open transaction could wait on SQLite's lock for
good, as `shared_rate_limit` explains). A quota refusal Google answers the account is kept too:
for `REFUSAL_HOLD_SECONDS` the minute counts as spent, since someone this count does not see
spent it (another program on the account; on SQLite, the web processes).

Before the worker claims a flow it asks `Admission` (built by `Quota.admission`): no run of a
service-account owner while the minute cannot hold one more run (`RUN_COST`); none of an owner
past their fair share (the budget divided among the owners active in the minute or with flows
due) while another owner with flows due is within theirs; and the owner holding the most of the
minute never takes its last run's room, kept for whoever else comes next. `fair_order` lets
owners take turns: the one served the fewest runs this minute goes first, with their most
pressing due flow; among equals, the one holding the least of the account's minute.
"""
from __future__ import annotations

import threading
import time
from collections import Counter, deque
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field

import gspread
from sqlalchemy import Connection, Engine, delete, func, insert, select

from sheets_addon.config import Settings
from sheets_addon.google_endpoints import READ, observe_sheets_requests
from sheets_addon.models import SheetsRequest
from sheets_addon.shared_rate_limit import DATABASE_NOW

WINDOW_SECONDS = 60.0  # Google counts its Sheets quotas per minute
REFUSAL_HOLD_SECONDS = 15.0  # after a 429 to the account, how long no run of it is claimed
REFUSED = "refused"
_SWEEP_LOCK_KEY = 0x617A756C737770  # "azulswp": whoever deletes the minute's old rows (PostgreSQL)


@dataclass(frozen=True)
class Requests:
    """A number of Sheets requests: reads and writes, counted apart as Google counts them."""

    reads: int = 0
    writes: int = 0

    def __add__(self, other: Requests) -> Requests:
        return Requests(self.reads + other.reads, self.writes + other.writes)

    def times(self, factor: int) -> Requests:
        return Requests(self.reads * factor, self.writes * factor)

    def within(self, limit: Requests) -> bool:
        return self.reads <= limit.reads and self.writes <= limit.writes

    def share_of(self, budget: Requests) -> float:
        """The larger of the two fractions of `budget` this is."""
        return max(self.reads / max(budget.reads, 1), self.writes / max(budget.writes, 1))


NOTHING = Requests()
# What one run may spend: a cycle's two reads and one write plus a first cycle's header read, or a
# sales log's read, append and in-place update. A run under way holds that much of the minute.
RUN_COST = Requests(reads=3, writes=2)


@dataclass(frozen=True)
class Admission:
    """Whether one more run of an owner fits the service account's minute, from what each owner used.

    `load` is per owner: their requests counted in the minute plus `RUN_COST` per run of theirs
    under way; every owner in it is active this minute. `refused`: Google refused the account
    lately, whatever was counted.
    """

    budget: Requests
    load: Mapping[int, Requests] = field(default_factory=dict)
    refused: bool = False

    @property
    def total(self) -> Requests:
        return sum(self.load.values(), NOTHING)

    @property
    def spent(self) -> bool:
        """No room for one more run this minute."""
        return self.refused or not (self.total + RUN_COST).within(self.budget)

    def fair_share(self, owners: int) -> Requests:
        """Each owner's part of the minute when `owners` share it."""
        owners = max(owners, 1)
        return Requests(self.budget.reads // owners, self.budget.writes // owners)

    def admits(self, owner: int, waiting: Collection[int]) -> bool:
        """Whether a run of `owner` may start now, `waiting` being the owners with flows due.

        Never while the minute is spent. The minute is shared between the owners active in it
        (`load`) and those waiting: one past their share waits while another waiting owner is
        within theirs. And the owner holding the most of it (alone, too) never takes its last
        run's room: whoever else edits a row next finds room at once, even right after one
        person had the minute to themselves, and little of it stays unused.
        """
        if self.spent:
            return False
        everyone = set(self.load) | set(waiting) | {owner}
        share = self.fair_share(len(everyone))
        if self._past(owner, share) and any(not self._past(other, share) for other in set(waiting) - {owner}):
            return False
        heaviest = all(self.owner_share(other) <= self.owner_share(owner) for other in everyone)
        if heaviest and RUN_COST.times(2).within(self.budget):  # (a budget of one run is nobody's to keep)
            return (self.total + RUN_COST.times(2)).within(self.budget)
        return True

    def owner_share(self, owner: int) -> float:
        """How much of the minute `owner` holds: what `fair_order` ranks owners by."""
        return self.load.get(owner, NOTHING).share_of(self.budget)

    def _past(self, owner: int, share: Requests) -> bool:
        """Holding more than `share`: an owner using just their part (a busy shop) is not held back."""
        load = self.load.get(owner, NOTHING)
        return load.reads > share.reads or load.writes > share.writes


@dataclass(frozen=True)
class Candidate:
    """A due flow as claiming sees it: its owner, whether it goes through the service account
    (`shared`), the owner's `rank` (1 for their most pressing due flow) and its place in the due order."""

    flow_id: int
    owner: int
    shared: bool
    rank: int
    position: int


def fair_order(candidates: Sequence[Candidate], served: Mapping[int, int],
               admission: Admission | None = None) -> list[Candidate]:
    """Owners take turns: the owner `served` the fewest runs this minute first (runs under way
    included), each owner's first due flow before their second; among equals the owner holding the
    least of the service account's minute, then the due order (nudged first, then the most overdue)."""
    def key(candidate: Candidate) -> tuple:
        held = admission.owner_share(candidate.owner) if admission is not None and candidate.shared else 0.0
        return served.get(candidate.owner, 0), candidate.rank, held, candidate.position
    return sorted(candidates, key=key)


def waiting_owners(candidates: Sequence[Candidate]) -> set[int]:
    """The service-account owners with a flow due: those the minute is shared between."""
    return {candidate.owner for candidate in candidates if candidate.shared}


class MemoryUsage:
    """The minute's service-account requests in this process's memory (SQLite: one machine)."""

    def __init__(self, clock=time.monotonic) -> None:
        self._clock, self._lock = clock, threading.Lock()
        self._requests: deque[tuple[float, int, str]] = deque()
        self._refused_at: float | None = None

    def record(self, owner: int, kind: str) -> None:
        with self._lock:
            now = self._clock()
            self._forget(now)
            self._requests.append((now, owner, kind))

    def record_refusal(self) -> None:
        with self._lock:
            self._refused_at = self._clock()

    def minute(self, _connection: Connection | None = None) -> tuple[dict[int, Requests], bool]:
        """Each owner's requests in the last minute, and whether Google refused the account lately."""
        with self._lock:
            now = self._clock()
            self._forget(now)
            counted = Counter((owner, kind) for _at, owner, kind in self._requests)
            refused = self._refused_at is not None and now - self._refused_at < REFUSAL_HOLD_SECONDS
        return _by_owner(counted), refused

    def _forget(self, now: float) -> None:
        while self._requests and self._requests[0][0] <= now - WINDOW_SECONDS:
            self._requests.popleft()


class SharedUsage:
    """The minute's service-account requests in `sheets_requests`, counted by every process together."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def record(self, owner: int, kind: str) -> None:
        self._insert(owner, kind)

    def record_refusal(self) -> None:
        self._insert(None, REFUSED)

    def minute(self, connection: Connection) -> tuple[dict[int, Requests], bool]:
        """Each owner's requests in the last minute, and whether Google refused the account lately."""
        now = connection.scalar(select(DATABASE_NOW))
        counted = connection.execute(
            select(SheetsRequest.owner_id, SheetsRequest.kind, func.count())
            .where(SheetsRequest.at > now - WINDOW_SECONDS, SheetsRequest.kind != REFUSED)
            .group_by(SheetsRequest.owner_id, SheetsRequest.kind)).all()
        refused = connection.scalar(select(func.count()).where(
            SheetsRequest.kind == REFUSED, SheetsRequest.at > now - REFUSAL_HOLD_SECONDS))
        return _by_owner(Counter({(owner, kind): count for owner, kind, count in counted})), bool(refused)

    def _insert(self, owner: int | None, kind: str) -> None:
        """One row, and the rows older than the window gone: a table of at most a minute's requests.
        One process sweeps at a time (a try-lock, never waited for), so two never lock the same old
        rows in different orders."""
        with self.engine.begin() as connection:
            if connection.scalar(select(func.pg_try_advisory_xact_lock(_SWEEP_LOCK_KEY))):
                connection.execute(delete(SheetsRequest).where(SheetsRequest.at <= DATABASE_NOW - WINDOW_SECONDS))
            connection.execute(insert(SheetsRequest).values(owner_id=owner, kind=kind, at=DATABASE_NOW))


Usage = MemoryUsage | SharedUsage
_IN_MEMORY: dict[str, MemoryUsage] = {}
_IN_MEMORY_LOCK = threading.Lock()


def usage_for(engine: Engine) -> Usage:
    """Where the minute is counted for `engine`'s database: the table on PostgreSQL, else this
    process's memory (one per database, so the requests of every client of the process meet)."""
    if engine.dialect.name == "postgresql":
        return SharedUsage(engine)
    with _IN_MEMORY_LOCK:
        return _IN_MEMORY.setdefault(engine.url.render_as_string(hide_password=True), MemoryUsage())


def count_requests(client: gspread.Client, usage: Usage, owner: int) -> gspread.Client:
    """Counts the Sheets requests `client` (the service account's) makes for `owner`'s sheets; a
    refusal for quota is kept as such (Google does not count refused requests either)."""
    def answered(kind: str, status: int) -> None:
        if status == 429:
            usage.record_refusal()
        else:
            usage.record(owner, kind)

    observe_sheets_requests(client, answered)
    return client


@dataclass(frozen=True)
class Quota:
    """The service account's budget a minute (SHEETS_READS_PER_MINUTE, SHEETS_WRITES_PER_MINUTE)
    and where its use is counted."""

    budget: Requests
    usage: Usage

    def admission(self, connection: Connection, under_way: Mapping[int, int]) -> Admission:
        """The minute as it stands, `under_way` being each owner's runs going on now."""
        counted, refused = self.usage.minute(connection)
        owners = set(counted) | set(under_way)
        load = {owner: counted.get(owner, NOTHING) + RUN_COST.times(under_way.get(owner, 0)) for owner in owners}
        return Admission(self.budget, load, refused)


def quota_for(settings: Settings, engine: Engine) -> Quota | None:
    """The worker's quota, or None when the operator counts none (a budget of 0)."""
    budget = Requests(settings.SHEETS_READS_PER_MINUTE, settings.SHEETS_WRITES_PER_MINUTE)
    if budget.reads <= 0 or budget.writes <= 0:
        return None
    return Quota(budget, usage_for(engine))


def _by_owner(counted: Counter) -> dict[int, Requests]:
    owners: dict[int, Requests] = {}
    for (owner, kind), count in counted.items():
        if owner is None:
            continue
        owners[owner] = owners.get(owner, NOTHING) + (Requests(reads=count) if kind == READ else Requests(writes=count))
    return owners
