"""How the backend reaches a user's spreadsheets: real google-auth credentials, through gspread.

Two modes, per user:
- **their own consent** (`google_connections`): when the flow's owner connected their Google
  account, gspread acts as them, with offline user credentials google-auth refreshes itself;
- **the backend's service account** otherwise (`GOOGLE_SERVICE_ACCOUNT_FILE`), which the user
  shares the sheet with. Its credentials are made once per process (`backend_credentials`) and
  shared by every client: an access token lasts an hour and google-auth fetches the next one
  itself, so the token endpoint is asked about once an hour per process, not once per worker pass.

Every place that opens a user's sheet asks `SheetsClients.for_user` (or `sheets_client_for`),
so the choice is made once; a `SheetsClients` lives as long as one worker loop or one request,
keeping one gspread client per user.
"""
from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import gspread
from google.auth.exceptions import RefreshError
from google.oauth2 import service_account
from gspread.exceptions import APIError
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from sheets_addon.config import Settings
from sheets_addon.google_connections import find_google_connection, refused_for_good, user_credentials
from sheets_addon.google_endpoints import gspread_client
from sheets_addon.models import GoogleConnection
from sheets_addon.sheets import SheetsRetry
from sheets_addon.sheets_quota import count_requests, usage_for
from sheets_addon.spreadsheet_info import SpreadsheetUnreachable, unreachable

SCOPES = ("https://www.googleapis.com/auth/spreadsheets",)
USER, SERVICE_ACCOUNT, NONE = "user", "service_account", "none"
log = logging.getLogger(__name__)


class GoogleAccessNotConfigured(RuntimeError):
    """Neither the user's consent nor a (readable) service account key: no way to the sheet."""


class ServiceAccountRefused(RefreshError):
    """Google refused the backend's own service account (its key deleted, the account disabled):
    only the operator can mend it, so the person is told to tell them, not to reconnect."""


class SharedServiceAccountCredentials(service_account.Credentials):
    """Service-account credentials that many gspread clients, in several threads, use at once.

    One refresh at a time; a thread that waited while another refreshed takes the token just
    fetched instead of fetching its own. A refresh Google refuses is logged for the operator
    (the key was deleted or the account disabled), without the key or the assertion; one refused
    for good (`invalid_grant`) is raised as `ServiceAccountRefused`.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._one_refresh_at_a_time = threading.Lock()

    def refresh(self, request: Any) -> None:
        stale = self.token
        with self._one_refresh_at_a_time:
            if self.token != stale and self.valid:
                return
            try:
                super().refresh(request)
            except RefreshError as error:
                log.error("google refused the service account's token request",
                          extra={"service_account": self.service_account_email})
                if refused_for_good(error):
                    raise ServiceAccountRefused(*error.args) from error
                raise  # Google failing for now: the run says Sheets is unavailable and tries again


def backend_credentials(settings: Settings) -> SharedServiceAccountCredentials:
    """The backend's service account, from its JSON key file: one per process (and key file)."""
    if not settings.GOOGLE_SERVICE_ACCOUNT_FILE:
        raise GoogleAccessNotConfigured(
            "set GOOGLE_SERVICE_ACCOUNT_FILE to a service account's JSON key, or have the user connect their "
            "Google account")
    return _service_account(settings.GOOGLE_SERVICE_ACCOUNT_FILE)


@lru_cache(maxsize=8)
def _service_account(path: str) -> SharedServiceAccountCredentials:
    try:
        return SharedServiceAccountCredentials.from_service_account_file(path, scopes=SCOPES)
    except (OSError, ValueError) as error:  # the messages name the file or the missing fields, never the key
        raise GoogleAccessNotConfigured(
            f"GOOGLE_SERVICE_ACCOUNT_FILE={path} is not a readable service account JSON key: "
            f"{type(error).__name__}: {error}") from None


def sheets_client(settings: Settings) -> gspread.Client:
    """A gspread client acting as the backend's service account."""
    return gspread_client(backend_credentials(settings), settings.SHEETS_API_BASE_URL or None)


def sheets_client_for(settings: Settings, engine: Engine, user_id: int) -> gspread.Client:
    """The client that opens `user_id`'s sheets: as them when they consented, else as the backend.

    Raises `GoogleReconnectNeeded` when their consent was refused (their flows are paused).
    """
    with Session(engine) as session:
        connection = find_google_connection(session, user_id)
        if connection is None:  # the service account, whose minute everyone shares: counted per person
            return count_requests(sheets_client(settings), usage_for(engine), user_id)
        credentials = user_credentials(settings, engine, connection)
    return gspread_client(credentials, settings.SHEETS_API_BASE_URL or None)


class SheetsClients:
    """One gspread client per user, made when first asked for: a worker loop's, a request's.

    `retry` is how the flows' sheets meet Sheets' refusals (None: `SheetsRetry()`, the worker's
    patience; a request a person waits on passes `sheets.NO_QUOTA_WAIT`).
    """

    def __init__(self, settings: Settings, engine: Engine, retry: SheetsRetry | None = None) -> None:
        self._settings, self._engine, self.retry = settings, engine, retry
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
    email = backend_account_email(settings)
    return GoogleAccess(SERVICE_ACCOUNT, email, None) if email else GoogleAccess(NONE, None, None)


def backend_account_email(settings: Settings) -> str | None:
    """The e-mail people share their sheets with: the service account's, when there is one."""
    try:
        return backend_credentials(settings).service_account_email
    except GoogleAccessNotConfigured:
        return None


def sheet_refusal(session: Session, settings: Settings, user_id: int, error: APIError) -> SpreadsheetUnreachable:
    """Google refusing the user's sheet, as they should read it: share it with the account named."""
    access = google_access(session, settings, user_id)
    return unreachable(error, access.account, own_account=access.connection is not None)
