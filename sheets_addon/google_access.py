"""How the backend reaches the users' spreadsheets: real google-auth credentials, one gspread client.

A service account the user shares the sheet with (`GOOGLE_SERVICE_ACCOUNT_FILE`); or, against
the Sheets stand-in (`SHEETS_API_BASE_URL`), a plain bearer token, which it accepts.
"""
from __future__ import annotations

import json

import gspread
from google.oauth2 import credentials as user_credentials
from google.oauth2 import service_account

from sheets_addon.config import Settings
from sheets_addon.google_endpoints import gspread_client

SCOPES = ("https://www.googleapis.com/auth/spreadsheets",)
STAND_IN_TOKEN = "azulejo-backend"


class GoogleAccessNotConfigured(RuntimeError):
    """Neither a service account nor a stand-in is configured."""


def sheets_client(settings: Settings) -> gspread.Client:
    if settings.GOOGLE_SERVICE_ACCOUNT_FILE:
        credentials = service_account.Credentials.from_service_account_file(
            settings.GOOGLE_SERVICE_ACCOUNT_FILE, scopes=SCOPES)
    elif settings.SHEETS_API_BASE_URL:
        credentials = user_credentials.Credentials(token=STAND_IN_TOKEN)
    else:
        raise GoogleAccessNotConfigured(
            "set GOOGLE_SERVICE_ACCOUNT_FILE (or SHEETS_API_BASE_URL for a stand-in)")
    return gspread_client(credentials, settings.SHEETS_API_BASE_URL or None)


def backend_account_email(settings: Settings) -> str | None:
    """The e-mail people share their sheets with: the service account's, when there is one."""
    if not settings.GOOGLE_SERVICE_ACCOUNT_FILE:
        return None
    with open(settings.GOOGLE_SERVICE_ACCOUNT_FILE, encoding="utf-8") as file:
        return json.load(file).get("client_email")
