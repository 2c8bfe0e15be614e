"""The client the check runs on: signed in afresh with a code, or a stored connection's.

Either way its HTTP client is the check's own, so every answer is kept (`answers.AnswerLog`), and
its pages are small. A fresh sign-in's tokens stay in memory and are forgotten after the check.
"""
from __future__ import annotations

import httpx
from sqlalchemy.orm import Session

from contaazul import ContaAzul, MemoryTokenStore, RateLimit
from sheets_addon.config import Settings
from sheets_addon.connections import contaazul_client, oauth_for
from sheets_addon.db import get_engine
from sheets_addon.models import ContaAzulConnection

from .answers import Answer, AnswerLog
from .probes import PAGE_SIZE

COMPANY_KEY = "contaazul-check"


class NoClient(Exception):
    """The check cannot start: the message says what to do."""


def signed_in(settings: Settings, http: httpx.Client, log: AnswerLog, code: str) -> tuple[ContaAzul, list[Answer]]:
    """A client on the tokens `code` is traded for, and the token endpoint's answers (for their shape).

    Raises the client's `InvalidGrantError` (the code expired or was used) or `InvalidClientError`.
    """
    oauth = oauth_for(settings, http_client=http)
    tokens = oauth.exchange_code(code)
    client = ContaAzul(oauth=oauth, token_store=MemoryTokenStore(tokens), api_base_url=settings.CONTAAZUL_API_BASE_URL,
                       company_key=COMPANY_KEY, page_size=PAGE_SIZE, http_client=http,
                       rate_limit=RateLimit(settings.CONTAAZUL_RATE_PER_SECOND, settings.CONTAAZUL_RATE_PER_MINUTE))
    return client, log.take()


def stored(session: Session, settings: Settings, http: httpx.Client, connection_id: int) -> ContaAzul:
    """A client on a stored connection's tokens, refreshed and rate-limited like the worker's."""
    connection = session.get(ContaAzulConnection, connection_id)
    if connection is None:
        raise NoClient(f"no such connection: {connection_id}")
    if connection.status != "active" or connection.encrypted_tokens is None:
        raise NoClient(f"connection {connection_id} is not active ({connection.status}): its company must connect "
                       "again first")
    return contaazul_client(settings, get_engine(), connection, http_client=http, page_size=PAGE_SIZE)
