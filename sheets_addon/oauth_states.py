"""One-time `state` values for the Conta Azul and Google sign-ins, each bound to the user who asked
for it and to its purpose (a Conta Azul state is no good at Google's callback, nor the reverse).

The callback is a bare browser redirect (no ID token), so the state is what says whose
connection it is: unguessable, stored only as a digest, short-lived, and claimed atomically so
two callbacks with one state cannot both succeed.
"""
from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from contaazul import ContaAzulOAuth
from sheets_addon.models import OAuthState, User, utcnow

FORGET_AFTER = timedelta(days=1)  # used and expired states are dropped once this old
CONTAAZUL, GOOGLE = "contaazul", "google"


def issue_state(session: Session, user: User, lifetime: timedelta, purpose: str) -> tuple[str, datetime]:
    """A new state for `user` and when it expires; the caller commits."""
    now = utcnow()
    session.execute(delete(OAuthState).where(OAuthState.expires_at < now - FORGET_AFTER))
    state = ContaAzulOAuth.new_state()
    session.add(OAuthState(state_digest=_digest(state), purpose=purpose, user_id=user.id, created_at=now,
                           expires_at=now + lifetime))
    return state, now + lifetime


def claim_state(session: Session, state: str | None, purpose: str) -> User | None:
    """The user a valid state of `purpose` belongs to, spending it; None when missing, unknown,
    used, expired or meant for the other callback."""
    if not state:
        return None
    now, digest = utcnow(), _digest(state)
    claimed = session.execute(update(OAuthState)
                              .where(OAuthState.state_digest == digest, OAuthState.purpose == purpose,
                                     OAuthState.used_at.is_(None))
                              .values(used_at=now))
    session.commit()
    if claimed.rowcount != 1:
        return None
    record = session.scalar(select(OAuthState).where(OAuthState.state_digest == digest))
    return record.user if record.expires_at > now else None


def _digest(state: str) -> str:
    return hashlib.sha256(state.encode()).hexdigest()
