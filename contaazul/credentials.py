"""A company's live access token: loaded from the caller's store, refreshed when due.

Refreshes are serialised through the store's `refresh_lock()`. Under the lock the store is read
again: if another thread or process already refreshed, its pair is used and our refresh token
is not spent a second time (Conta Azul rotates refresh tokens, so a second refresh with the
old one would fail with `invalid_grant` and disconnect the company). A new pair is saved before
it is used.
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from .errors import InvalidGrantError, NotConnectedError
from .logs import log_event
from .oauth import ContaAzulOAuth
from .tokens import TokenPair, TokenStore, utc_now


class Credentials:
    """Hands out a valid access token for one company and renews it when needed."""

    def __init__(
        self,
        oauth: ContaAzulOAuth,
        store: TokenStore,
        *,
        refresh_margin: timedelta = timedelta(minutes=5),
        clock: Callable[[], datetime] = utc_now,
    ) -> None:
        self._oauth = oauth
        self._store = store
        self._margin = refresh_margin
        self._clock = clock

    def access_token(self) -> str:
        """A token good for the next request, refreshed first if it is about to expire."""
        pair = self._load()
        if pair.expires_within(self._margin, self._clock()):
            pair = self._refresh(stale_access_token=pair.access_token, reason="expiring")
        return pair.access_token

    def renew_after_rejection(self, rejected_access_token: str) -> str:
        """Conta Azul answered 401 to this token: get a new one (or the one already renewed)."""
        return self._refresh(stale_access_token=rejected_access_token, reason="rejected").access_token

    def secrets(self) -> tuple[str, ...]:
        """The strings to scrub from anything shown (current tokens and the client secret)."""
        pair = self._store.load()
        tokens = (pair.access_token, pair.refresh_token) if pair else ()
        return (*tokens, *self._oauth.secrets)

    def _load(self) -> TokenPair:
        pair = self._store.load()
        if pair is None:
            raise NotConnectedError("no Conta Azul tokens stored: connect the company first")
        return pair

    def _refresh(self, stale_access_token: str, reason: str) -> TokenPair:
        with self._store.refresh_lock():
            current = self._load()
            if current.access_token != stale_access_token and not self._expiring(current):
                log_event("auth.refresh_skipped", reason="already refreshed elsewhere")
                return current
            return self._spend(current, reason)

    def _spend(self, current: TokenPair, reason: str) -> TokenPair:
        try:
            pair = self._oauth.refresh(current.refresh_token)
        except InvalidGrantError:
            # Someone may have refreshed without honouring our lock: use their pair if so.
            latest = self._load()
            if latest.refresh_token != current.refresh_token and not self._expiring(latest):
                return latest
            raise
        self._store.save(pair)
        log_event("auth.refreshed", reason=reason, expires_at=pair.expires_at.isoformat())
        return pair

    def _expiring(self, pair: TokenPair) -> bool:
        return pair.expires_within(self._margin, self._clock())
