"""Connecting a Conta Azul company to a user, and taking it away: the domain behind the API.

Start hands out a link to our begin page with a one-time state (`connect_browsers`: the browser
that opens it first gets it, and shows whose it is before going on to Conta Azul); finish checks
that state came back in that browser, once checked, trades the code for tokens (stored encrypted)
and reads which company it is. Disconnecting, or Conta Azul refusing a refresh, pauses the
connection's flows; connecting the company again resumes the flows it paused (never ones their
owner paused).
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from contaazul import ContaAzul, ContaAzulError, InvalidClientError, InvalidGrantError, MemoryTokenStore
from sheets_addon import messages
from sheets_addon.config import Settings
from sheets_addon.connections import log_client_refused, oauth_for, pause_flows, save_connection
from sheets_addon.mapping.parsers.documents import bare_document
from sheets_addon.models import ContaAzulConnection, Flow, User
from sheets_addon.oauth_states import CONTAAZUL, INVALID, StateRefused, begin_url, claim_state, digest, issue_state

log = logging.getLogger(__name__)


class ConnectRefused(Exception):
    """The callback cannot make a connection; `message` is for the person, `status` for HTTP."""

    def __init__(self, code: str, message: str, status: int = 400) -> None:
        super().__init__(code)
        self.code, self.message, self.status = code, message, status


@dataclass(frozen=True)
class ConnectLink:
    authorize_url: str
    expires_at: datetime


def start_connection(session: Session, settings: Settings, user: User) -> ConnectLink:
    """The link to connect a Conta Azul company for `user` (our begin page), usable once within the
    state's lifetime."""
    state, expires_at = issue_state(session, user, timedelta(seconds=settings.CONTAAZUL_STATE_TTL_SECONDS), CONTAAZUL,
                                    settings.OAUTH_STATES_PER_USER)
    session.commit()
    log.info("contaazul connect started", extra={"user_id": user.id})
    return ConnectLink(begin_url(settings, state), expires_at)


def finish_connection(session: Session, settings: Settings, state: str | None, code: str | None,
                      error: str | None = None, browser: str | None = None) -> ContaAzulConnection:
    """Turns the callback into a stored connection, or raises `ConnectRefused`; `browser` is the
    begin page's cookie, as this browser sent it back."""
    user = callback_user(session, CONTAAZUL, state, code, error, browser, person_checked=True,
                         invalid=messages.CONNECT_STATE_INVALID, cancelled=messages.CONNECT_CANCELLED)
    oauth = oauth_for(settings)
    try:
        tokens = oauth.exchange_code(code)
        with ContaAzul(oauth=oauth, token_store=MemoryTokenStore(tokens),
                       api_base_url=settings.CONTAAZUL_API_BASE_URL, timeout=settings.CONTAAZUL_TIMEOUT_SECONDS,
                       company_key=f"connecting-user-{user.id}") as client:
            company = client.company.get()
    except InvalidGrantError:  # expired or used: Conta Azul answers invalid_request, which the client maps here
        log.info("contaazul connect refused", extra={"user_id": user.id, "reason": "code refused"})
        raise ConnectRefused("code_refused", messages.CONNECT_CODE_REFUSED) from None
    except InvalidClientError as refusal:
        log_client_refused(refusal, user_id=user.id)
        raise ConnectRefused("contaazul_client_refused", messages.CONNECT_CLIENT_REFUSED, status=503) from None
    except ContaAzulError as failure:
        log.warning("contaazul connect failed", extra={"user_id": user.id, "error_type": type(failure).__name__})
        raise ConnectRefused("contaazul_unavailable", messages.CONNECT_CONTAAZUL_DOWN, status=502) from None
    finally:
        oauth.close()
    connection = save_connection(session, settings, user, tokens, company)
    session.commit()
    log.info("contaazul connected", extra={"user_id": user.id, "connection_id": connection.id})
    return connection


def callback_user(session: Session, purpose: str, state: str | None, code: str | None, error: str | None,
                  browser: str | None, *, person_checked: bool = False, invalid: str, cancelled: str) -> User:
    """Whose a sign-in callback is (its state, spent now), once it came back in the browser that opened
    its link (with `person_checked`, once that browser's person was checked) and carries a code; else
    `ConnectRefused` with the `invalid` or `cancelled` text, or saying it was started elsewhere.
    Shared by the Conta Azul and Google callbacks; nothing is traded before this passes."""
    try:
        user = claim_state(session, state, purpose, digest(browser) if browser else None, person_checked)
    except StateRefused as refusal:
        if refusal.reason == INVALID:
            log.info(f"{purpose} connect refused", extra={"reason": "state missing, unknown, used or expired"})
            raise ConnectRefused("invalid_state", invalid) from None
        log.warning(f"{purpose} connect refused: not the browser that opened the link, or not checked",
                    extra={"reason": refusal.reason, "browser_cookie": browser is not None})
        raise ConnectRefused("other_browser", messages.CONNECT_OTHER_BROWSER, status=403) from None
    if error or not code:
        log.info(f"{purpose} connect cancelled", extra={"user_id": user.id, "oauth_error": error or "no code"})
        raise ConnectRefused("cancelled", cancelled)
    return user


def company_label(connection: ContaAzulConnection) -> str:
    """The company as the result page names it: "Padaria Aurora (CNPJ 12.345.678/0001-90)"."""
    number = connection.company_document or ""
    document = bare_document(number)
    if document is None:
        return " ".join(part for part in (connection.company_name, number) if part)
    if not connection.company_name:
        return f"{document.kind} {document.formatted}"
    return messages.CONNECT_COMPANY.format(name=connection.company_name, kind=document.kind,
                                           document=document.formatted)


def list_connections(session: Session, user: User) -> list[ContaAzulConnection]:
    return list(session.scalars(select(ContaAzulConnection).where(ContaAzulConnection.user_id == user.id)
                                .order_by(ContaAzulConnection.id)))


def disconnect(session: Session, connection: ContaAzulConnection) -> None:
    """Forgets the tokens (Azulejo can no longer act for the company) and pauses its flows."""
    connection.encrypted_tokens = None
    connection.access_expires_at = None
    connection.status, connection.status_reason = "disconnected", messages.CONNECTION_DISCONNECTED
    pause_flows(session, connection.id)
    session.commit()
    log.info("contaazul disconnected", extra={"user_id": connection.user_id, "connection_id": connection.id})


def connection_json(connection: ContaAzulConnection, session: Session) -> dict:
    """What the sidebar shows about a connection: never a token."""
    flow_count = session.scalar(select(func.count()).select_from(Flow).where(Flow.connection_id == connection.id))
    return {
        "id": connection.id,
        "company_name": connection.company_name,
        "company_document": connection.company_document,
        "status": connection.status,
        "status_reason": connection.status_reason,
        "flow_count": flow_count,
        "connected_at": connection.created_at.isoformat(),
        "updated_at": connection.updated_at.isoformat(),
    }
