"""Letting the backend reach a user's sheets with their own Google account, and taking that back.

Start hands out a link to our begin page with a one-time state bound to the user (the browser that
opens it first gets it, and goes on to Google's consent, offline access); finish checks the state
came back in that browser, trades the code, makes sure the account that consented is the one
signed in to the add-on and that the sheets scope was granted, then stores the refresh token
encrypted. Disconnecting revokes the consent at Google and forgets it here; the user's sheets
are then reached through the backend's own account again.
"""
from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sheets_addon import messages
from sheets_addon.config import Settings
from sheets_addon.connecting import ConnectLink, ConnectRefused, callback_user
from sheets_addon.google_access import backend_account_email, google_access
from sheets_addon.google_connections import save_google_connection, stored_refresh_token
from sheets_addon.google_oauth import SHEETS_SCOPE, GoogleGrant, GoogleOAuthClient, GoogleRefused, GoogleUnavailable
from sheets_addon.google_signin import (
    CertificateCache,
    CertificatesUnavailable,
    GoogleIdentity,
    SignInError,
    verify_id_token,
)
from sheets_addon.models import GoogleConnection, User
from sheets_addon.oauth_states import GOOGLE, begin_url, issue_state

log = logging.getLogger(__name__)


class GoogleConsentUnavailable(Exception):
    """No OAuth client is configured (`GOOGLE_OAUTH_CLIENT_ID`/`_SECRET`): only the service account."""


def start_google_connection(session: Session, settings: Settings, user: User) -> ConnectLink:
    """The link to Google's consent for `user` (through our begin page), usable once within the
    state's lifetime."""
    if not settings.google_consent_offered():
        raise GoogleConsentUnavailable()
    state, expires_at = issue_state(session, user, timedelta(seconds=settings.GOOGLE_OAUTH_STATE_TTL_SECONDS), GOOGLE,
                                    settings.OAUTH_STATES_PER_USER)
    session.commit()
    log.info("google connect started", extra={"user_id": user.id})
    return ConnectLink(begin_url(settings, state), expires_at)


def finish_google_connection(session: Session, settings: Settings, certificates: CertificateCache,
                             state: str | None, code: str | None, error: str | None = None,
                             browser: str | None = None) -> GoogleConnection:
    """Turns Google's callback into the user's stored consent, or raises `ConnectRefused`; `browser` is
    the begin page's cookie, as this browser sent it back."""
    user = callback_user(session, GOOGLE, state, code, error, browser, invalid=messages.GOOGLE_CONNECT_STATE_INVALID,
                         cancelled=messages.GOOGLE_CONNECT_CANCELLED)
    oauth = GoogleOAuthClient(settings)
    try:
        grant = oauth.exchange_code(code)
    except GoogleRefused as refusal:
        log.info("google connect refused", extra={"user_id": user.id, "reason": refusal.error})
        raise ConnectRefused("code_refused", messages.GOOGLE_CONNECT_CODE_REFUSED) from None
    except GoogleUnavailable as failure:
        log.warning("google connect failed", extra={"user_id": user.id, "reason": failure.error})
        raise ConnectRefused("google_unavailable", messages.GOOGLE_CONNECT_DOWN, status=502) from None
    email = _check_grant(session, oauth, settings, certificates, user, grant)
    connection = save_google_connection(session, settings, user, grant, email)
    session.commit()
    log.info("google connected", extra={"user_id": user.id, "google_connection_id": connection.id})
    return connection


def _check_grant(session: Session, oauth: GoogleOAuthClient, settings: Settings, certificates: CertificateCache,
                 user: User, grant: GoogleGrant) -> str:
    """The consenting account's e-mail, once it is the signed-in person's with offline sheets access.

    A grant refused here is revoked at Google at once: nobody keeps it. Except another account's that
    has its own consent stored here: revoking at Google ends every grant of that account to our client,
    so a link forwarded to someone would take their own access away.
    """
    try:
        identity = verify_id_token(grant.id_token or "", certificates, [settings.GOOGLE_OAUTH_CLIENT_ID])
    except CertificatesUnavailable:
        _discard(oauth, grant, user, "certificates unavailable")
        raise ConnectRefused("google_unavailable", messages.GOOGLE_CONNECT_DOWN, status=502) from None
    except SignInError as refusal:
        _discard(oauth, grant, user, f"id token refused: {refusal.reason}")
        raise ConnectRefused("code_refused", messages.GOOGLE_CONNECT_CODE_REFUSED) from None
    if not same_person(identity, user):
        _discard(oauth, grant, user, "another Google account consented",
                 revoke=not _holds_consent(session, identity))
        raise ConnectRefused("wrong_account", messages.GOOGLE_CONNECT_WRONG_ACCOUNT.format(
            consented=identity.email, signed_in=user.email))
    if SHEETS_SCOPE not in grant.scopes:
        _discard(oauth, grant, user, "sheets scope not granted")
        raise ConnectRefused("scope_missing", messages.GOOGLE_CONNECT_SCOPE_MISSING)
    if grant.refresh_token is None:
        _discard(oauth, grant, user, "no refresh token")
        raise ConnectRefused("not_offline", messages.GOOGLE_CONNECT_NOT_OFFLINE)
    return identity.email


def same_person(identity: GoogleIdentity, user: User) -> bool:
    """Whether a Google sign-in is the Azulejo user's: their Google subject once bound, else their e-mail."""
    return identity.subject == user.google_subject if user.google_subject else identity.email == user.email


def _holds_consent(session: Session, identity: GoogleIdentity) -> bool:
    """Whether the account has a consent of its own stored here, which a revocation would end too."""
    return session.scalar(select(GoogleConnection.id).where(
        GoogleConnection.google_email == identity.email, GoogleConnection.encrypted_tokens.is_not(None))) is not None


def _discard(oauth: GoogleOAuthClient, grant: GoogleGrant, user: User, reason: str, revoke: bool = True) -> None:
    log.info("google connect refused", extra={"user_id": user.id, "reason": reason, "revoking": revoke})
    if not revoke:
        return
    try:
        oauth.revoke(grant.refresh_token or grant.access_token)
    except (GoogleRefused, GoogleUnavailable) as failure:
        log.warning("google grant not revoked", extra={"user_id": user.id, "reason": failure.error})


def disconnect_google(session: Session, settings: Settings, connection: GoogleConnection) -> bool:
    """Revokes the consent at Google and forgets it here (even when Google cannot be reached:
    the person asked, and nobody holds the token any more); whether Google confirmed."""
    refresh_token, revoked = stored_refresh_token(settings, connection), True
    if refresh_token is not None:
        try:
            GoogleOAuthClient(settings).revoke(refresh_token)
        except (GoogleRefused, GoogleUnavailable) as failure:
            revoked = False
            log.warning("google consent not revoked at Google",
                        extra={"user_id": connection.user_id, "reason": failure.error})
    user_id = connection.user_id
    session.delete(connection)
    session.commit()
    log.info("google disconnected", extra={"user_id": user_id, "revoked": revoked})
    return revoked


def google_access_json(session: Session, settings: Settings, user: User) -> dict[str, Any]:
    """How the backend reaches the user's sheets, for the sidebar: the mode, the e-mail to share
    sheets with, whether consent is offered here, and the consent itself (never a token)."""
    access = google_access(session, settings, user.id)
    connection = access.connection
    return {
        "mode": access.mode,
        "share_with": access.account,
        "service_account_email": backend_account_email(settings),
        "consent_available": settings.google_consent_offered(),
        "connection": None if connection is None else {
            "google_email": connection.google_email, "scopes": connection.scopes.split(),
            "status": connection.status, "status_reason": connection.status_reason,
            "connected_at": connection.created_at.isoformat(), "updated_at": connection.updated_at.isoformat()},
    }
