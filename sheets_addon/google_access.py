"""How the backend reaches a user's spreadsheets: real google-auth credentials, through gspread.

Two modes, per user:
- **their own consent** (`google_connections`): when the flow's owner connected their Google
  account, gspread acts as them, with offline user credentials google-auth refreshes itself;
- **the backend's own account** otherwise: a service account the user shares the sheet with
  (`GOOGLE_SERVICE_ACCOUNT_FILE`) or, against the Sheets stand-in (`SHEETS_API_BASE_URL`), a
  plain bearer token it accepts.

Every place that opens a user's sheet asks `SheetsClients.for_user` (or `sheets_client_for`),
so the choice is made once; a `SheetsClients` lives as long as one worker loop or one request,
keeping one gspread client per user.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import gspread
from google.oauth2 import credentials as user_credentials_module
from google.oauth2 import service_account
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from sheets_addon.config import Settings
from sheets_addon.google_connections import find_google_connection, user_credentials
from sheets_addon.google_endpoints import gspread_client
from sheets_addon.models import GoogleConnection

SCOPES = ("https://www.googleapis.com/auth/spreadsheets",)
STAND_IN_TOKEN = "azulejo-backend"
USER, SERVICE_ACCOUNT, STAND_IN, NONE = "user", "service_account", "stand_in", "none"


class GoogleAccessNotConfigured(RuntimeError):
    """Neither the user's consent, nor a service account, nor a stand-in: no way to the sheet."""


def sheets_client(settings: Settings) -> gspread.Client:
    """The backend's own account: the service account, or the stand-in's bearer token."""
    if settings.GOOGLE_SERVICE_ACCOUNT_FILE:
        credentials = service_account.Credentials.from_service_account_file(
            settings.GOOGLE_SERVICE_ACCOUNT_FILE, scopes=SCOPES)
    elif settings.SHEETS_API_BASE_URL:
        credentials = user_credentials_module.Credentials(token=STAND_IN_TOKEN)
    else:
        raise GoogleAccessNotConfigured(
            "set GOOGLE_SERVICE_ACCOUNT_FILE (or SHEETS_API_BASE_URL for a stand-in), or have the user "
            "connect their Google account")
    return gspread_client(credentials, settings.SHEETS_API_BASE_URL or None)


def sheets_client_for(settings: Settings, engine: Engine, user_id: int) -> gspread.Client:
    """The client that opens `user_id`'s sheets: as them when they consented, else as the backend.

    Raises `GoogleReconnectNeeded` when their consent was refused (their flows are paused).
    """
    with Session(engine) as session:
        connection = find_google_connection(session, user_id)
        if connection is None:
            return sheets_client(settings)
        credentials = user_credentials(settings, engine, connection)
    return gspread_client(credentials, settings.SHEETS_API_BASE_URL or None)


class SheetsClients:
    """One gspread client per user, made when first asked for: a worker loop's, a request's."""

    def __init__(self, settings: Settings, engine: Engine) -> None:
        self._settings, self._engine = settings, engine
        self._clients: dict[int, gspread.Client] = {}

    def for_user(self, user_id: int) -> gspread.Client:
        if user_id not in self._clients:
            self._clients[user_id] = sheets_client_for(self._settings, self._engine, user_id)
        return self._clients[user_id]


@dataclass(frozen=True)
class GoogleAccess:
    """How one user's sheets are reached, for the API and the messages people read."""

    mode: str
    account: str | None  # the e-mail the sheet must be shared with (theirs, or the service account's)
    connection: GoogleConnection | None


def google_access(session: Session, settings: Settings, user_id: int) -> GoogleAccess:
    connection = find_google_connection(session, user_id)
    if connection is not None:
        return GoogleAccess(USER, connection.google_email, connection)
    if settings.GOOGLE_SERVICE_ACCOUNT_FILE:
        return GoogleAccess(SERVICE_ACCOUNT, backend_account_email(settings), None)
    return GoogleAccess(STAND_IN if settings.SHEETS_API_BASE_URL else NONE, None, None)


def backend_account_email(settings: Settings) -> str | None:
    """The e-mail people share their sheets with: the service account's, when there is one."""
    if not settings.GOOGLE_SERVICE_ACCOUNT_FILE:
        return None
    return _service_account_email(settings.GOOGLE_SERVICE_ACCOUNT_FILE)


@lru_cache(maxsize=4)
def _service_account_email(path: str) -> str | None:
    with open(path, encoding="utf-8") as file:
        data: dict[str, Any] = json.load(file)
    email = data.get("client_email")
    return email if isinstance(email, str) else None
