"""Conta Azul connections: tokens kept encrypted in the database, and a client for each.

The client library asks a `TokenStore` for tokens and hands it every new pair before using
it; this store is that, backed by the connection's row. Conta Azul rotates the refresh token,
so refreshes of one connection are serialised: among the threads of a process by a lock, and
among processes and machines by the database (a lock on the connection's row, PostgreSQL).
"""
from __future__ import annotations

import logging
import threading
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
from sqlalchemy import Connection, Engine, select
from sqlalchemy.orm import Session

from contaazul import ContaAzul, ContaAzulOAuth, InvalidClientError, InvalidGrantError, RateLimit, TokenPair
from sheets_addon import messages
from sheets_addon.config import Settings
from sheets_addon.crypto import SecretBox
from sheets_addon.flow_pausing import PAUSED_BY_CONNECTION, pause_flows_where, resume_flows_where
from sheets_addon.models import ContaAzulConnection, Flow, User
from sheets_addon.shared_rate_limit import SharedRateLimiters

log = logging.getLogger(__name__)

_refresh_locks: defaultdict[int, threading.Lock] = defaultdict(threading.Lock)


class ConnectionTokenStore:
    """One connection's token pair, encrypted at rest in `contaazul_connections`.

    While a thread holds `refresh_lock()`, the store reads and writes through the lock's own
    transaction: the row lock would make any other connection's write wait for ever.
    """

    def __init__(self, engine: Engine, box: SecretBox, connection_id: int, company_key: str) -> None:
        self._engine, self._box, self.connection_id = engine, box, connection_id
        self.company_key = company_key
        self._held = threading.local()  # .connection: the refresh lock's, while this thread holds it

    def load(self) -> TokenPair | None:
        with self._session() as session:
            connection = session.get(ContaAzulConnection, self.connection_id)
            if connection is None or connection.encrypted_tokens is None:
                return None
            return TokenPair.from_dict(self._box.open(connection.encrypted_tokens))

    def save(self, pair: TokenPair) -> None:
        with self._session() as session:
            connection = session.get(ContaAzulConnection, self.connection_id)
            connection.encrypted_tokens = self._box.seal(pair.to_dict())
            connection.access_expires_at = pair.expires_at

    def mark_refresh_refused(self, spent_refresh_token: str, error_subtype: str | None = None) -> None:
        """Conta Azul refused this refresh token for good (`invalid_refresh_token`, or the company
        took the access back: `access_revoked`): pause the connection and its flows, saying which.

        Only while the stored token is still the refused one: if another process refreshed
        meanwhile, the client uses that pair and nothing is wrong.
        """
        reason = (messages.CONNECTION_ACCESS_REVOKED if error_subtype == "access_revoked"
                  else messages.CONNECTION_REFRESH_REFUSED)
        with self._session() as session:
            connection = session.get(ContaAzulConnection, self.connection_id)
            if connection is None or connection.encrypted_tokens is None:
                return
            if TokenPair.from_dict(self._box.open(connection.encrypted_tokens)).refresh_token != spent_refresh_token:
                return
            connection.status, connection.status_reason = "needs_reconnect", reason
            paused = pause_flows(session, connection.id)
        log.warning("contaazul refresh refused: connection paused",
                    extra={"connection_id": self.connection_id, "flows_paused": paused, "error_subtype": error_subtype})

    @contextmanager
    def refresh_lock(self) -> Iterator[None]:
        """Held across the refresh call: the thread lock, then the connection's row locked until
        the new pair is committed (PostgreSQL; SQLite, one machine, has no row locks and ignores it).

        Whoever waited here re-reads the tokens under the lock (the client does), so a refresh
        another process just made is used, not repeated with a refresh token already spent.
        What was written under the lock is committed however the block ends: a refusal paused
        the connection, and that must stand.
        """
        with _refresh_locks[self.connection_id], self._engine.connect() as connection:
            transaction = connection.begin()
            try:
                connection.execute(select(ContaAzulConnection.id).where(ContaAzulConnection.id == self.connection_id)
                                   .with_for_update(key_share=True))
                self._held.connection = connection
                yield
            finally:
                self._held.connection = None
                if transaction.is_active:
                    transaction.commit()

    @contextmanager
    def _session(self) -> Iterator[Session]:
        """A session in the refresh lock's transaction while this thread holds it, else one of its own."""
        held: Connection | None = getattr(self._held, "connection", None)
        if held is None:
            with Session(self._engine) as session, session.begin():
                yield session
            return
        with Session(bind=held) as session:
            yield session
            session.flush()

    def __repr__(self) -> str:
        return f"ConnectionTokenStore(connection_id={self.connection_id})"


class _ConnectionOAuth(ContaAzulOAuth):
    """The app's OAuth client for one connection: a refresh refused for good pauses the connection;
    our client secret refused is the operator's to fix, and pauses nothing."""

    def __init__(self, settings: Settings, store: ConnectionTokenStore) -> None:
        super().__init__(**_oauth_arguments(settings))
        self._store = store

    def refresh(self, refresh_token: str) -> TokenPair:
        try:
            return super().refresh(refresh_token)
        except InvalidClientError as refusal:
            log_client_refused(refusal, connection_id=self._store.connection_id)
            raise
        except InvalidGrantError as refusal:
            self._store.mark_refresh_refused(refresh_token, refusal.error_subtype)
            raise


def log_client_refused(refusal: InvalidClientError, **context: Any) -> None:
    """The operator's line when Conta Azul refuses the backend's own client id or secret."""
    log.error("contaazul refused the backend's client credentials: check CONTAAZUL_CLIENT_ID and "
              "CONTAAZUL_CLIENT_SECRET", extra={"status": refusal.status, "oauth_error": refusal.oauth_error,
                                                "error_subtype": refusal.error_subtype, **context})


def pause_flows(session: Session, connection_id: int) -> int:
    """Pauses the connection's running flows, marked so that reconnecting resumes just those."""
    return pause_flows_where(session, Flow.connection_id == connection_id, PAUSED_BY_CONNECTION)


def resume_flows(session: Session, connection_id: int) -> int:
    """Resumes the flows the connection paused; flows their owner paused stay paused."""
    return resume_flows_where(session, Flow.connection_id == connection_id, PAUSED_BY_CONNECTION)


def oauth_for(settings: Settings, http_client: httpx.Client | None = None) -> ContaAzulOAuth:
    """The app's OAuth client; `http_client` lends one whose answers the caller wants to see
    (`contaazul check`)."""
    return ContaAzulOAuth(**_oauth_arguments(settings), http_client=http_client)


def _oauth_arguments(settings: Settings) -> dict[str, Any]:
    return {"client_id": settings.CONTAAZUL_CLIENT_ID, "client_secret": settings.CONTAAZUL_CLIENT_SECRET,
            "redirect_uri": settings.CONTAAZUL_REDIRECT_URI,
            "authorization_endpoint": settings.CONTAAZUL_AUTHORIZE_URL, "token_endpoint": settings.CONTAAZUL_TOKEN_URL}


def secret_box(settings: Settings) -> SecretBox:
    return SecretBox(settings.token_encryption_key())


def save_connection(session: Session, settings: Settings, user: User, tokens: TokenPair,
                    company: dict) -> ContaAzulConnection:
    """Stores a newly authorised company for `user` (or refreshes the one they already had)."""
    company_id = str(company.get("id_empresa") or "")
    connection = next((c for c in user.connections if company_id and c.company_id == company_id), None)
    if connection is None:
        connection = ContaAzulConnection(user=user, company_id=company_id or None)
        session.add(connection)
    connection.company_name = company.get("nome_fantasia") or company.get("razao_social")
    connection.company_document = company.get("documento")
    connection.encrypted_tokens = secret_box(settings).seal(tokens.to_dict())
    connection.access_expires_at = tokens.expires_at
    connection.status, connection.status_reason = "active", None
    session.flush()
    resume_flows(session, connection.id)
    return connection


def contaazul_client(settings: Settings, engine: Engine, connection: ContaAzulConnection, *,
                     http_client: httpx.Client | None = None, page_size: int | None = None) -> ContaAzul:
    """A client for the connection's company, sharing that company's rate limit with every process
    on the same PostgreSQL database (`shared_rate_limit`), or in this process on SQLite.

    Every user of a connection (runner, worker, API, `contaazul check`) gets its client here, so a
    refresh Conta Azul refuses for good always pauses the connection and its flows, with the reason
    recorded. `http_client` and `page_size` go to the client as they are.
    """
    company_key = f"company-{connection.company_id or connection.id}"
    store = ConnectionTokenStore(engine, secret_box(settings), connection.id, company_key)
    return ContaAzul(
        oauth=_ConnectionOAuth(settings, store),
        token_store=store,
        api_base_url=settings.CONTAAZUL_API_BASE_URL,
        rate_limit=RateLimit(settings.CONTAAZUL_RATE_PER_SECOND, settings.CONTAAZUL_RATE_PER_MINUTE),
        **({"limiter_registry": SharedRateLimiters(engine)} if engine.dialect.name == "postgresql" else {}),
        timeout=settings.CONTAAZUL_TIMEOUT_SECONDS,
        protocol_poll_interval=settings.CONTAAZUL_PROTOCOL_POLL_SECONDS,
        http_client=http_client,
        page_size=page_size,
    )
