"""A user's own Google consent, kept encrypted, and the google-auth credentials made from it.

The credentials are google-auth's `Credentials(refresh_token=…, token_uri=…, client_id=…,
client_secret=…)`, so google-auth refreshes them itself. The subclass only listens: a new access
token is saved (encrypted) for the next client to reuse, and a refresh Google refuses for good
(`invalid_grant`: consent revoked, or the token expired) marks the connection `needs_reconnect`
and pauses its owner's flows, as a refused Conta Azul refresh does.
"""
from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

from google.auth.exceptions import RefreshError
from google.oauth2.credentials import Credentials
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from sheets_addon import messages
from sheets_addon.config import Settings
from sheets_addon.connections import secret_box
from sheets_addon.crypto import SecretBox
from sheets_addon.flow_pausing import PAUSED_BY_GOOGLE, pause_flows_where, resume_flows_where
from sheets_addon.google_oauth import GoogleGrant
from sheets_addon.models import Flow, GoogleConnection, User

ACTIVE, NEEDS_RECONNECT = "active", "needs_reconnect"
log = logging.getLogger(__name__)


class GoogleReconnectNeeded(Exception):
    """The user's Google consent no longer works; they must consent again."""


class GoogleTokenStore:
    """One connection's tokens in `google_connections`, opened and sealed with the app's key."""

    def __init__(self, engine: Engine, box: SecretBox, connection_id: int) -> None:
        self._engine, self._box, self.connection_id = engine, box, connection_id

    def save_access(self, refresh_token: str, access_token: str, expiry: datetime | None) -> None:
        """Keeps a fresh access token for the next client, while the refresh token is still the stored one."""
        with Session(self._engine) as session, session.begin():
            connection = session.get(GoogleConnection, self.connection_id)
            if connection is None or connection.encrypted_tokens is None:
                return
            tokens = self._box.open(connection.encrypted_tokens)
            if tokens.get("refresh_token") != refresh_token:
                return
            connection.encrypted_tokens = self._box.seal(_tokens(refresh_token, access_token, expiry))

    def mark_refresh_refused(self, spent_refresh_token: str) -> None:
        """Google refused this refresh token for good: forget it, pause the owner's flows, say why.

        Only while the stored token is still the refused one: if the person consented again
        meanwhile, the new consent stands.
        """
        with Session(self._engine) as session, session.begin():
            connection = session.get(GoogleConnection, self.connection_id)
            if connection is None or connection.encrypted_tokens is None:
                return
            if self._box.open(connection.encrypted_tokens).get("refresh_token") != spent_refresh_token:
                return
            connection.encrypted_tokens = None
            connection.status, connection.status_reason = NEEDS_RECONNECT, messages.GOOGLE_REFRESH_REFUSED
            paused = pause_flows_where(session, Flow.user_id == connection.user_id, PAUSED_BY_GOOGLE)
            user_id = connection.user_id
        log.warning("google refresh refused: user's flows paused",
                    extra={"user_id": user_id, "google_connection_id": self.connection_id, "flows_paused": paused})

    def __repr__(self) -> str:
        return f"GoogleTokenStore(connection_id={self.connection_id})"


class StoredUserCredentials(Credentials):
    """google-auth user credentials that tell their store how each refresh went."""

    def __init__(self, *args: Any, store: GoogleTokenStore | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._store = store

    def refresh(self, request: Any) -> None:
        spent = self.refresh_token
        try:
            super().refresh(request)
        except RefreshError as error:
            if self._store is not None and refused_for_good(error):
                self._store.mark_refresh_refused(spent)
            raise
        if self._store is not None:
            self._store.save_access(self.refresh_token, self.token, self.expiry)

    def _make_copy(self) -> StoredUserCredentials:
        copy = super()._make_copy()
        copy._store = self._store
        return copy


def refused_for_good(error: RefreshError) -> bool:
    """Google's `invalid_grant`: the consent was revoked or the token expired; only consenting again helps."""
    details = error.args[1] if len(error.args) > 1 else None
    return isinstance(details, dict) and details.get("error") == "invalid_grant"


def find_google_connection(session: Session, user_id: int) -> GoogleConnection | None:
    return session.scalar(select(GoogleConnection).where(GoogleConnection.user_id == user_id))


def save_google_connection(session: Session, settings: Settings, user: User, grant: GoogleGrant,
                           google_email: str) -> GoogleConnection:
    """Stores the user's new consent (replacing any earlier one) and resumes the flows Google's refusal paused."""
    if grant.refresh_token is None:
        raise ValueError("an offline grant has a refresh token")
    connection = find_google_connection(session, user.id)
    if connection is None:
        connection = GoogleConnection(user_id=user.id)
        session.add(connection)
    connection.google_email = google_email
    connection.scopes = " ".join(grant.scopes)
    connection.encrypted_tokens = secret_box(settings).seal(
        _tokens(grant.refresh_token, grant.access_token, grant.expires_at))
    connection.status, connection.status_reason = ACTIVE, None
    session.flush()
    resume_flows_where(session, Flow.user_id == user.id, PAUSED_BY_GOOGLE)
    return connection


def stored_refresh_token(settings: Settings, connection: GoogleConnection) -> str | None:
    if connection.encrypted_tokens is None:
        return None
    return secret_box(settings).open(connection.encrypted_tokens).get("refresh_token")


def user_credentials(settings: Settings, engine: Engine, connection: GoogleConnection) -> StoredUserCredentials:
    """The connection's credentials, starting from the last access token saved; google-auth refreshes them."""
    if connection.status != ACTIVE or connection.encrypted_tokens is None:
        raise GoogleReconnectNeeded(f"google connection {connection.id} is {connection.status}")
    box = secret_box(settings)
    tokens = box.open(connection.encrypted_tokens)
    expiry = datetime.fromisoformat(tokens["expiry"]) if tokens.get("expiry") else None
    return StoredUserCredentials(
        tokens.get("access_token"), refresh_token=tokens["refresh_token"],
        token_uri=settings.GOOGLE_OAUTH_TOKEN_URI, client_id=settings.GOOGLE_OAUTH_CLIENT_ID,
        client_secret=settings.GOOGLE_OAUTH_CLIENT_SECRET,
        expiry=expiry.astimezone(UTC).replace(tzinfo=None) if expiry else None,  # google-auth: naive UTC
        store=GoogleTokenStore(engine, box, connection.id))


def _tokens(refresh_token: str, access_token: str | None, expiry: datetime | None) -> dict[str, str | None]:
    if expiry is not None and expiry.tzinfo is None:
        expiry = expiry.replace(tzinfo=UTC)  # google-auth keeps naive UTC
    return {"refresh_token": refresh_token, "access_token": access_token,
            "expiry": expiry.isoformat() if expiry else None}
