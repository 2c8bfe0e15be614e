"""A connect link finishes only in the browser that opened it first, and only for the person who asked.

A start hands out our begin page, not the provider's: a provider's link finished in someone else's
browser would store that person's company (or Google account) under the account that made it. The
begin page binds the state to the first browser that opens it (a random cookie; only its digest is
stored), and the callbacks refuse the state anywhere else. That alone is not enough: whoever made
the link could forward the begin link itself. So a Conta Azul connect's browser must also show whose
it is before it goes on to Conta Azul: Google sign-in as the Azulejo account's person when this
backend has a Google web client (the Google callback checks it), else that person's confirmation on
a page naming the account. A Google connect needs nothing more: the consent says which account it is.
"""
from __future__ import annotations

import logging
import math
import re
import secrets
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlparse

from sqlalchemy.orm import Session

from sheets_addon import messages
from sheets_addon.config import CONNECT_BEGIN_PATH, Settings
from sheets_addon.connecting import ConnectRefused
from sheets_addon.connections import oauth_for
from sheets_addon.google_connecting import finish_google_connection, same_person
from sheets_addon.google_oauth import GoogleOAuthClient, GoogleRefused, GoogleUnavailable
from sheets_addon.google_signin import (
    CertificateCache,
    CertificatesUnavailable,
    GoogleIdentity,
    SignInError,
    verify_id_token,
)
from sheets_addon.models import GoogleConnection, OAuthState, utcnow
from sheets_addon.oauth_states import (
    CONTAAZUL,
    GOOGLE,
    bind_browser,
    browser_expiry,
    digest,
    mark_person_checked,
    open_state,
    spend_state,
)

log = logging.getLogger(__name__)

BROWSER_COOKIE = "azulejo_connect"
_BROWSER_VALUE = re.compile(r"[A-Za-z0-9_-]{32,128}")  # what we hand out; anything else gets a new one


@dataclass(frozen=True)
class Begun:
    """The begin page's answer: the cookie to set, then where the browser goes next, or (`next_url`
    None) the confirmation naming the Azulejo account `email`."""

    browser: str
    cookie_seconds: int
    next_url: str | None
    email: str


def begin_connection(session: Session, settings: Settings, state: str | None, browser: str | None) -> Begun:
    """Binds the state to this browser (the first to open the link; the same one may come back) and
    says what comes next; `ConnectRefused` when the link is no good or another browser has it."""
    record = open_state(session, state)
    if record is None:
        log.info("connect begin refused", extra={"reason": "state missing, unknown, used or expired"})
        raise ConnectRefused("invalid_state", messages.CONNECT_LINK_INVALID)
    if not browser or not _BROWSER_VALUE.fullmatch(browser):
        browser = secrets.token_urlsafe(32)
    if not bind_browser(session, record, digest(browser)):
        log.warning("connect begin refused: the link was opened in another browser first",
                    extra={"user_id": record.user_id, "purpose": record.purpose})
        raise ConnectRefused("other_browser", messages.CONNECT_OPENED_ELSEWHERE, status=403)
    needed_until = browser_expiry(session, digest(browser)) or record.expires_at
    log.info("connect begun", extra={"user_id": record.user_id, "purpose": record.purpose})
    return Begun(browser, max(1, math.ceil((needed_until - utcnow()).total_seconds())),
                 _next_step(settings, record, state or ""), record.user.email)


def _next_step(settings: Settings, record: OAuthState, state: str) -> str | None:
    """Google's consent for a Google connect; for a Conta Azul one, Conta Azul once this browser's
    person is checked, else the check: Google sign-in, or (None) the confirmation page."""
    email = record.user.email
    if record.purpose == GOOGLE:
        return GoogleOAuthClient(settings).authorize_url(state, login_hint=email)
    if record.person_checked_at is not None:
        return oauth_for(settings).authorize_url(state)
    if settings.google_consent_offered():
        return GoogleOAuthClient(settings).sign_in_url(state, login_hint=email)
    return None


def confirm_connection(session: Session, settings: Settings, state: str | None, browser: str | None,
                       proceed: bool) -> str | None:
    """The confirmation's answer: Conta Azul's sign-in page (Continuar), or None once cancelled
    (Cancelar spends the state). Only the browser holding the state may answer, and only on a backend
    without a Google web client (with one, Google sign-in is the check)."""
    record = open_state(session, state)
    if record is None or record.purpose != CONTAAZUL or settings.google_consent_offered():
        log.info("contaazul connect confirmation refused", extra={"reason": "no state awaiting a confirmation"})
        raise ConnectRefused("invalid_state", messages.CONNECT_LINK_INVALID)
    if not browser or record.browser_digest != digest(browser):
        log.warning("contaazul connect confirmation refused: not the browser that opened the link",
                    extra={"user_id": record.user_id})
        raise ConnectRefused("other_browser", messages.CONNECT_OTHER_BROWSER, status=403)
    if not proceed:
        spend_state(session, record)
        log.info("contaazul connect cancelled", extra={"user_id": record.user_id, "oauth_error": "not confirmed"})
        return None
    if not mark_person_checked(session, record, digest(browser)):
        raise ConnectRefused("invalid_state", messages.CONNECT_LINK_INVALID)
    log.info("contaazul connect checked", extra={"user_id": record.user_id, "checked_by": "confirmation"})
    return oauth_for(settings).authorize_url(state or "")


def finish_google_callback(session: Session, settings: Settings, certificates: CertificateCache,
                           state: str | None, code: str | None, error: str | None,
                           browser: str | None) -> GoogleConnection | str:
    """Google's callback serves two flows: a Google connect's consent ends in the stored connection;
    a Conta Azul connect's sign-in check ends in the URL of Conta Azul's sign-in page."""
    record = open_state(session, state)
    if record is None or record.purpose != CONTAAZUL:
        return finish_google_connection(session, settings, certificates, state, code, error, browser)
    if record.person_checked_at is not None:  # a sign-in callback again (Back, a replay): nothing to check
        log.info("contaazul connect refused", extra={"user_id": record.user_id, "reason": "sign-in already checked"})
        raise ConnectRefused("invalid_state", messages.CONNECT_LINK_INVALID)
    try:
        _check_sign_in(session, settings, certificates, record, code, error, browser)
    except ConnectRefused:
        spend_state(session, record)  # the link is done with: its person clicks Conectar again
        raise
    log.info("contaazul connect checked", extra={"user_id": record.user_id, "checked_by": "google sign-in"})
    return oauth_for(settings).authorize_url(state or "")


def _check_sign_in(session: Session, settings: Settings, certificates: CertificateCache, record: OAuthState,
                   code: str | None, error: str | None, browser: str | None) -> None:
    """Records that the person signed in to Google in this browser is the state's, or `ConnectRefused`.
    The cookie is checked before the code is traded."""
    user = record.user
    if not browser or record.browser_digest != digest(browser):
        log.warning("contaazul connect refused: not the browser that opened the link",
                    extra={"user_id": user.id, "reason": "google sign-in", "browser_cookie": browser is not None})
        raise ConnectRefused("other_browser", messages.CONNECT_OTHER_BROWSER, status=403)
    if error or not code:
        log.info("contaazul connect cancelled", extra={"user_id": user.id, "oauth_error": error or "no code"})
        raise ConnectRefused("cancelled", messages.CONNECT_SIGN_IN_CANCELLED)
    identity = _signed_in(settings, certificates, code, user.id)
    if not same_person(identity, user):
        log.warning("contaazul connect refused: another Google account signed in", extra={"user_id": user.id})
        raise ConnectRefused("wrong_account", messages.CONNECT_SIGN_IN_WRONG_ACCOUNT.format(
            owner=user.email, signed_in=identity.email), status=403)
    if not mark_person_checked(session, record, digest(browser)):
        raise ConnectRefused("invalid_state", messages.CONNECT_LINK_INVALID)


def _signed_in(settings: Settings, certificates: CertificateCache, code: str, user_id: int) -> GoogleIdentity:
    """Who signed in: the code traded and its ID token verified. The grant is neither kept nor revoked:
    revoking at Google would also end the person's sheets consent to the same client."""
    try:
        grant = GoogleOAuthClient(settings).exchange_code(code)
        return verify_id_token(grant.id_token or "", certificates, [settings.GOOGLE_OAUTH_CLIENT_ID])
    except (GoogleRefused, SignInError) as refusal:
        reason = refusal.error if isinstance(refusal, GoogleRefused) else refusal.reason
        log.info("contaazul connect refused", extra={"user_id": user_id, "reason": f"google sign-in: {reason}"})
        raise ConnectRefused("code_refused", messages.GOOGLE_CONNECT_CODE_REFUSED) from None
    except (GoogleUnavailable, CertificatesUnavailable) as failure:
        log.warning("contaazul connect failed", extra={"user_id": user_id, "error_type": type(failure).__name__})
        raise ConnectRefused("google_unavailable", messages.GOOGLE_CONNECT_DOWN, status=502) from None


def browser_cookie(settings: Settings, begun: Begun) -> dict[str, Any]:
    """`set_cookie`'s arguments: HttpOnly; SameSite=Lax, so it comes back on the providers' top-level
    redirects; Secure behind https; only under the connections' paths; as long as a state needs it."""
    base = urlparse(settings.PUBLIC_BASE_URL)
    return {"key": BROWSER_COOKIE, "value": begun.browser, "max_age": begun.cookie_seconds,
            "path": base.path.rstrip("/") + CONNECT_BEGIN_PATH.rsplit("/", 1)[0] + "/",
            "secure": base.scheme == "https", "httponly": True, "samesite": "Lax"}
