"""One-time `state` values for the Conta Azul and Google sign-ins, each bound to the user who asked
for it and to its purpose (a Conta Azul state is no good at Google's consent callback, nor the reverse).

The callback is a bare browser redirect (no ID token), so the state is what says whose
connection it is: unguessable, stored only as a digest, short-lived, and claimed atomically so
two callbacks with one state cannot both succeed. It is also bound to the first browser that
opens its link (`bind_browser`), and a Conta Azul state to that browser's person being checked
(`mark_person_checked`): the callback claims it only for that browser, once checked. A person
has at most `OAUTH_STATES_PER_USER` states open; a new one drops their oldest unused one.
"""
from __future__ import annotations

import hashlib
from datetime import datetime, timedelta
from urllib.parse import urlencode

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from contaazul import ContaAzulOAuth
from sheets_addon.config import CONNECT_BEGIN_PATH, Settings
from sheets_addon.models import OAuthState, User, utcnow

FORGET_AFTER = timedelta(days=1)  # used and expired states are dropped once this old
CONTAAZUL, GOOGLE = "contaazul", "google"
# Why a callback claims no state: none to claim, or a live one that came back where it must not.
INVALID, OTHER_BROWSER, NOT_CHECKED = "invalid", "other browser", "person not checked"


class StateRefused(Exception):
    """A callback's state cannot be claimed; `reason` is one of INVALID, OTHER_BROWSER, NOT_CHECKED."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def issue_state(session: Session, user: User, lifetime: timedelta, purpose: str,
                outstanding: int) -> tuple[str, datetime]:
    """A new state for `user` and when it expires, leaving them at most `outstanding` unused ones
    (the oldest go); the caller commits."""
    now = utcnow()
    session.execute(delete(OAuthState).where(OAuthState.expires_at < now - FORGET_AFTER))
    # The person's row, locked (PostgreSQL) while their states are counted: two starts at once keep the cap.
    session.execute(select(User.id).where(User.id == user.id).with_for_update())
    older = (select(OAuthState.id).where(OAuthState.user_id == user.id, OAuthState.used_at.is_(None))
             .order_by(OAuthState.id.desc()).offset(max(1, outstanding) - 1))
    session.execute(delete(OAuthState).where(OAuthState.id.in_(older)))
    state = ContaAzulOAuth.new_state()
    session.add(OAuthState(state_digest=digest(state), purpose=purpose, user_id=user.id, created_at=now,
                           expires_at=now + lifetime))
    return state, now + lifetime


def begin_url(settings: Settings, state: str) -> str:
    """What a start hands out: our begin page, which binds the state to the browser opening it."""
    return f"{settings.PUBLIC_BASE_URL.rstrip('/')}{CONNECT_BEGIN_PATH}?{urlencode({'state': state})}"


def open_state(session: Session, state: str | None) -> OAuthState | None:
    """The record of a state still usable (not used, not expired), else None."""
    if not state:
        return None
    record = _record(session, digest(state))
    if record is None or record.used_at is not None or record.expires_at <= utcnow():
        return None
    return record


def bind_browser(session: Session, record: OAuthState, browser_digest: str) -> bool:
    """Binds the state to the browser unless one already has it (the first to open the link wins);
    whether it is this browser's now."""
    session.execute(update(OAuthState).where(OAuthState.id == record.id, OAuthState.browser_digest.is_(None))
                    .values(browser_digest=browser_digest))
    session.commit()
    session.refresh(record)
    return record.browser_digest == browser_digest


def browser_expiry(session: Session, browser_digest: str) -> datetime | None:
    """When the last open state bound to this browser expires: how long its cookie is needed."""
    return session.scalar(select(func.max(OAuthState.expires_at))
                          .where(OAuthState.browser_digest == browser_digest, OAuthState.used_at.is_(None)))


def mark_person_checked(session: Session, record: OAuthState, browser_digest: str) -> bool:
    """Records that the browser holding the state was shown to be its person's; False when the state
    was spent, expired or is another browser's meanwhile."""
    marked = session.execute(update(OAuthState).where(
        OAuthState.id == record.id, OAuthState.used_at.is_(None), OAuthState.expires_at > utcnow(),
        OAuthState.browser_digest == browser_digest).values(person_checked_at=utcnow()))
    session.commit()
    return marked.rowcount == 1


def spend_state(session: Session, record: OAuthState) -> None:
    """The state can no longer be used (cancelled, or refused at a callback)."""
    session.execute(update(OAuthState).where(OAuthState.id == record.id, OAuthState.used_at.is_(None))
                    .values(used_at=utcnow()))
    session.commit()


def claim_state(session: Session, state: str | None, purpose: str, browser_digest: str | None,
                person_checked: bool = False) -> User:
    """The user a valid state of `purpose` belongs to, spending it, when it comes back in the browser
    bound to it (and, with `person_checked`, once that browser's person was checked); else
    `StateRefused`. A live state that comes back elsewhere is spent too: it went where it should not,
    and a code someone got hold of cannot be finished with it later."""
    if not state:
        raise StateRefused(INVALID)
    now, state_digest = utcnow(), digest(state)
    live = (OAuthState.state_digest == state_digest, OAuthState.purpose == purpose,
            OAuthState.used_at.is_(None), OAuthState.expires_at > now)
    if browser_digest is not None:
        checked = (OAuthState.person_checked_at.is_not(None),) if person_checked else ()
        claimed = session.execute(update(OAuthState).where(*live, OAuthState.browser_digest == browser_digest,
                                                           *checked).values(used_at=now))
        session.commit()
        if claimed.rowcount == 1:
            return _record(session, state_digest).user
    spent = session.execute(update(OAuthState).where(*live).values(used_at=now))
    session.commit()
    if spent.rowcount != 1:
        raise StateRefused(INVALID)
    record = _record(session, state_digest)
    same_browser = browser_digest is not None and record.browser_digest == browser_digest
    raise StateRefused(NOT_CHECKED if same_browser else OTHER_BROWSER)


def _record(session: Session, state_digest: str) -> OAuthState | None:
    """The state's row as stored now (another process may have bound or spent it since it was read)."""
    return session.scalar(select(OAuthState).where(OAuthState.state_digest == state_digest)
                          .execution_options(populate_existing=True))


def digest(secret: str) -> str:
    """What is stored in place of a state or a browser's cookie value."""
    return hashlib.sha256(secret.encode()).hexdigest()
