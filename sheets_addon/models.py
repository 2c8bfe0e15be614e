"""The backend's records. Every record that holds someone's data hangs off one `User`."""
from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    Double,
    ForeignKey,
    Index,
    LargeBinary,
    String,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class UTCDateTime(TypeDecorator):
    """Aware UTC datetimes in and out, on engines that keep a zone and on SQLite, which does not."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        if value is None or value.tzinfo is not None:
            return value
        return value.replace(tzinfo=UTC)


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    pass


class User(Base):
    """A person, known by the e-mail Google verified; created on first sign-in or by an operator.

    `google_subject` is bound at the first sign-in, so flows imported for an e-mail by an
    operator belong to that person once they sign in.
    """

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    google_subject: Mapped[str | None] = mapped_column(String(255), unique=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    display_name: Mapped[str | None] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    connections: Mapped[list[ContaAzulConnection]] = relationship(back_populates="user")


class ContaAzulConnection(Base):
    """One Conta Azul company a user authorised; its tokens are stored encrypted."""

    __tablename__ = "contaazul_connections"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    company_id: Mapped[str | None] = mapped_column(String(64))
    company_name: Mapped[str | None] = mapped_column(String(255))
    company_document: Mapped[str | None] = mapped_column(String(32))
    encrypted_tokens: Mapped[bytes | None] = mapped_column(LargeBinary)
    access_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    status: Mapped[str] = mapped_column(String(32), default="active")
    status_reason: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    user: Mapped[User] = relationship(back_populates="connections")


class Flow(Base):
    """One sync the user set up: which tab, which trigger column, what it becomes in Conta Azul."""

    __tablename__ = "flows"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    connection_id: Mapped[int | None] = mapped_column(
        ForeignKey("contaazul_connections.id", ondelete="SET NULL")
    )
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(32))
    spreadsheet_id: Mapped[str] = mapped_column(String(200), index=True)
    worksheet: Mapped[str] = mapped_column(String(200))
    trigger_column: Mapped[str] = mapped_column(String(200))
    status_column: Mapped[str] = mapped_column(String(200))
    mapping: Mapped[dict] = mapped_column(JSON, default=dict)
    filters: Mapped[list] = mapped_column(JSON, default=list)
    options: Mapped[dict] = mapped_column(JSON, default=dict)
    enabled: Mapped[bool] = mapped_column(Boolean, default=False)
    sheet_layout: Mapped[dict | None] = mapped_column(JSON)  # where the columns were last cycle
    columns: Mapped[list | None] = mapped_column(JSON)  # sales log: the columns it writes
    bookmark: Mapped[dict | None] = mapped_column(JSON)  # sales log: how far Conta Azul was read
    # Who paused it when not its owner: "connection" (revoked or refused refresh) resumes on reconnect.
    paused_by: Mapped[str | None] = mapped_column(String(32))
    # The worker's bookkeeping: who runs it now and until when, when next, failures in a row,
    # and the add-on's last nudge (an edit the next run should not wait a poll interval for).
    lease_owner: Mapped[str | None] = mapped_column(String(100))
    lease_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    next_run_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    failures: Mapped[int] = mapped_column(default=0, server_default="0")
    nudged_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    user: Mapped[User] = relationship()
    connection: Mapped[ContaAzulConnection | None] = relationship()


class RowRecord(Base):
    """The ledger: what a flow did with one row, written before and after each Conta Azul create.

    `row_key` is the row's identity (order key, or fingerprint of its mapped values), so it
    survives sorting and inserted rows. `state` is `pending` from the intent until Conta Azul
    confirms the record, then `done`; `failed` keeps the fingerprint of the values that failed,
    so an unchanged bad row is not sent again while an edited one is.
    """

    __tablename__ = "row_records"
    __table_args__ = (UniqueConstraint("flow_id", "row_key", name="uq_row_records_flow_row_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    flow_id: Mapped[int] = mapped_column(ForeignKey("flows.id", ondelete="CASCADE"))
    row_key: Mapped[str] = mapped_column(String(200))
    fingerprint: Mapped[str] = mapped_column(String(64))
    state: Mapped[str] = mapped_column(String(16))
    intent: Mapped[dict] = mapped_column(JSON, default=dict)
    contaazul_id: Mapped[str | None] = mapped_column(String(64))
    contaazul_number: Mapped[int | None]
    status_text: Mapped[str | None] = mapped_column(String(1000))
    retryable: Mapped[bool] = mapped_column(Boolean, default=False)
    reported: Mapped[bool] = mapped_column(Boolean, default=False)  # status_text is in the sheet
    # Where the row was when a cycle last handled it (an order's: its first row with an error, else its
    # first row); only for showing it: the sheet moves rows, the row key is what the ledger goes by.
    row_number: Mapped[int | None]
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class GoogleConnection(Base):
    """A user's own Google consent (offline access): the backend reaches their sheets as them.

    At most one per user. `encrypted_tokens` holds the refresh token (and the last access token
    with its expiry, so each new client need not refresh); `google_email` is the account that
    consented, which must be the signed-in one. `needs_reconnect` (with `status_reason`) means
    Google refused a refresh: the tokens are gone and the user's flows are paused until they
    consent again.
    """

    __tablename__ = "google_connections"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), unique=True)
    google_email: Mapped[str] = mapped_column(String(320))
    scopes: Mapped[str] = mapped_column(String(1000))
    encrypted_tokens: Mapped[bytes | None] = mapped_column(LargeBinary)
    status: Mapped[str] = mapped_column(String(32), default="active")
    status_reason: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    user: Mapped[User] = relationship()


class SpreadsheetAccess(Base):
    """What Google showed about one person and one spreadsheet: that they could edit it, and when.

    The backend opens a spreadsheet for a person only while `proved_at` is recent enough
    (`SPREADSHEET_ACCESS_MAX_AGE_SECONDS`): with the service account, the person's add-on wrote a
    value only an editor can write (`editor_proof`); with their own Google consent, the backend
    wrote it as them. `refused_reason` says why the last attempt failed (the flows' pause reason).
    """

    __tablename__ = "spreadsheet_access"
    __table_args__ = (UniqueConstraint("user_id", "spreadsheet_id", name="uq_spreadsheet_access_user_sheet"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    spreadsheet_id: Mapped[str] = mapped_column(String(200))
    proved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    method: Mapped[str | None] = mapped_column(String(32))  # "add_on" (service account) or "own_google"
    refused_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    refused_reason: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class OAuthState(Base):
    """A "connect Conta Azul" or "connect Google" link in flight: one-time, short-lived, bound to who
    asked for it, and good only at the callback of its `purpose`.

    Only a digest of the state is kept: the callback carries no ID token, so the state alone
    says whose connection it is, and a copy of the database must not let anyone finish one.
    `browser_digest` is the digest of the cookie the first browser to open the link got: the
    callback must come from that browser. `person_checked_at` says when that browser was shown
    to be the person's (a Conta Azul connect: Google sign-in, or their confirmation).
    """

    __tablename__ = "oauth_states"

    id: Mapped[int] = mapped_column(primary_key=True)
    state_digest: Mapped[str] = mapped_column(String(64), unique=True)
    purpose: Mapped[str] = mapped_column(String(16), default="contaazul", server_default="contaazul")
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    browser_digest: Mapped[str | None] = mapped_column(String(64))
    person_checked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    user: Mapped[User] = relationship()


class SaleRow(Base):
    """The sales log's ledger: which Conta Azul sale a flow logged, so it is logged once.

    `state` is `appending` from just before the rows go to the sheet until the append is
    confirmed, then `logged`. An `appending` entry left by a crash is settled on the next poll
    by looking for the sale's id in the tab's id column: found, it is `logged`; not found, it
    is appended again. `changed_at` and `fingerprint` say which version of the sale the row
    shows, so keep-current rewrites a row only when what it shows changed.
    """

    __tablename__ = "sale_rows"
    __table_args__ = (UniqueConstraint("flow_id", "sale_id", name="uq_sale_rows_flow_sale"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    flow_id: Mapped[int] = mapped_column(ForeignKey("flows.id", ondelete="CASCADE"))
    sale_id: Mapped[str] = mapped_column(String(64))
    sale_number: Mapped[int | None]
    state: Mapped[str] = mapped_column(String(16))
    changed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    fingerprint: Mapped[str] = mapped_column(String(64))
    row_hint: Mapped[int | None]  # where the row was when last written; the id column has the last word
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class FlowRun(Base):
    """One run of a flow, whoever started it: what it did, how long it took, what stopped it.

    `trigger` says who asked: `schedule` (the poll interval), `nudge` (the add-on saw an edit)
    or `manual` (run now, the CLI). `counts` are the report's numbers, whatever the flow kind.
    """

    __tablename__ = "flow_runs"
    __table_args__ = (Index("ix_flow_runs_flow_started", "flow_id", "started_at"),
                      Index("ix_flow_runs_started", "started_at"))  # each owner's runs of the last minute

    id: Mapped[int] = mapped_column(primary_key=True)
    flow_id: Mapped[int] = mapped_column(ForeignKey("flows.id", ondelete="CASCADE"))
    trigger: Mapped[str] = mapped_column(String(16))
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime] = mapped_column(UTCDateTime)
    duration_ms: Mapped[int]
    counts: Mapped[dict] = mapped_column(JSON, default=dict)
    problem: Mapped[str | None] = mapped_column(String(1000))


class RateLimitKey(Base):
    """One rate-limited thing shared by every process (a Conta Azul company), and until when a 429
    paused it; its row is what `sheets_addon.shared_rate_limit` locks to take a slot."""

    __tablename__ = "rate_limit_keys"

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    paused_until: Mapped[float | None] = mapped_column(Double)


class RateLimitCall(Base):
    """One call under a shared rate limit: started (under way) or ended, in the database's clock
    (seconds since the epoch); calls older than the longest window are deleted as new ones come."""

    __tablename__ = "rate_limit_calls"
    __table_args__ = (Index("ix_rate_limit_calls_key_ended", "key", "ended_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(200))
    started_at: Mapped[float] = mapped_column(Double)
    ended_at: Mapped[float | None] = mapped_column(Double)


class NumberSeries(Base):
    """The next number `sheets_addon.shared_numbers` hands out for a company's new sales (or
    contracts), so workers creating them at once never pick the same one."""

    __tablename__ = "number_series"

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    series: Mapped[str] = mapped_column(String(20), primary_key=True)
    next_number: Mapped[int] = mapped_column(BigInteger)


class RequestLimitHit(Base):
    """One request an API limit let through, kept a window long (`api.shared_window`), in the
    database's clock (seconds since the epoch)."""

    __tablename__ = "request_limit_hits"
    __table_args__ = (Index("ix_request_limit_hits_key_at", "key", "at"), Index("ix_request_limit_hits_at", "at"))

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(300))
    at: Mapped[float] = mapped_column(Double)


class SheetsRequest(Base):
    """One Sheets request the service account made for a person's sheet (`kind` read or write), or a
    quota refusal Google answered it (`refused`, no owner), kept a minute (`sheets_quota`), in the
    database's clock (seconds since the epoch)."""

    __tablename__ = "sheets_requests"
    __table_args__ = (Index("ix_sheets_requests_at", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int | None]
    kind: Mapped[str] = mapped_column(String(8))
    at: Mapped[float] = mapped_column(Double)
