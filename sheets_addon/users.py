"""The signed-in person as a `User`: created at first sign-in, or bound to the one an operator made.

Google's subject is the stable identity (an e-mail can change hands); the e-mail only binds a
user an operator created before the person ever signed in (`google_subject` still empty).
"""
from __future__ import annotations

import logging
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from sheets_addon.google_signin import GoogleIdentity, SignInError
from sheets_addon.models import User, utcnow

log = logging.getLogger(__name__)
LAST_SEEN_PRECISION = timedelta(minutes=5)  # so a busy sidebar does not write the user on every call


def user_for_identity(session: Session, identity: GoogleIdentity) -> User:
    """The user this Google identity is; two first requests at once still make one user."""
    try:
        user = _find_or_create(session, identity)
        session.commit()
    except IntegrityError:
        session.rollback()
        user = _find_or_create(session, identity)
        session.commit()
    return user


def _find_or_create(session: Session, identity: GoogleIdentity) -> User:
    user = session.scalar(select(User).where(User.google_subject == identity.subject))
    if user is None:
        user = session.scalar(select(User).where(User.email == identity.email))
        if user is not None and user.google_subject is not None:
            # Another Google account held this e-mail before; never hand its data over.
            log.warning("sign-in refused: e-mail bound to another Google account", extra={"user_id": user.id})
            raise SignInError("account_conflict", "e-mail bound to another Google account")
        if user is None:
            user = User(email=identity.email)
            session.add(user)
        user.google_subject = identity.subject
        session.flush()
        log.info("user bound to Google account", extra={"user_id": user.id})
    elif user.email != identity.email and not session.scalar(select(User.id).where(User.email == identity.email)):
        user.email = identity.email  # the person changed their Google e-mail
    if identity.name and user.display_name != identity.name:
        user.display_name = identity.name
    if user.last_seen_at < utcnow() - LAST_SEEN_PRECISION:
        user.last_seen_at = utcnow()
    return user
