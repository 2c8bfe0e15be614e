"""Where gspread's requests go: Google, or (for the demo and tests) a stand-in at another base URL.

This is the one place that knows Google's hosts. gspread builds its URLs from constants
(https://sheets.googleapis.com/v4/..., https://www.googleapis.com/drive/v3/...); rather than
patch gspread, a transport adapter mounted on its session rewrites those origins to the
override, keeping path and query, so gspread itself runs unchanged.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

import gspread
from google.auth.credentials import Credentials
from requests import PreparedRequest, Response
from requests.adapters import HTTPAdapter
from requests.utils import get_environ_proxies

SHEETS_ORIGIN = "https://sheets.googleapis.com"
DRIVE_ORIGIN = "https://www.googleapis.com"
SHEETS_PATH = "/v4/spreadsheets"  # the Sheets API's, at Google or at a stand-in's base URL
READ, WRITE = "read", "write"  # Google's two Sheets quotas: GET requests are reads, the others writes


class RedirectingAdapter(HTTPAdapter):
    """Sends requests for one origin to another base URL instead, path and query kept."""

    def __init__(self, origin: str, base_url: str, **kwargs: Any):
        super().__init__(**kwargs)
        self.origin = origin.rstrip("/")
        self.base_url = base_url.rstrip("/")

    def send(self, request: PreparedRequest, **kwargs: Any) -> Response:  # type: ignore[override]
        url = request.url or ""
        if url.startswith(self.origin):
            request.url = self.base_url + url[len(self.origin):]
            # the proxies requests chose were for Google's host; choose again for the new one
            kwargs["proxies"] = get_environ_proxies(request.url)
        return super().send(request, **kwargs)


def gspread_client(credentials: Credentials, sheets_base_url: str | None = None) -> gspread.Client:
    """A gspread client authorised by google-auth `credentials`, talking to `sheets_base_url` when set.

    Empty or None means the real Google APIs. Sheets and Drive calls both go to the override.
    """
    client = gspread.Client(auth=credentials)
    if sheets_base_url:
        session = client.http_client.session
        for origin in (SHEETS_ORIGIN, DRIVE_ORIGIN):
            session.mount(origin + "/", RedirectingAdapter(origin, sheets_base_url))
    return client


def observe_sheets_requests(client: gspread.Client, on_answer: Callable[[str, int], None]) -> None:
    """Calls `on_answer(kind, status)` after each Sheets API request of `client` is answered, `kind`
    the quota it draws on (READ or WRITE); Drive's calls are not Sheets' and are left out."""
    def answered(response: Response, *_args: Any, **_kwargs: Any) -> None:
        request = response.request
        if SHEETS_PATH in urlsplit(request.url or "").path:
            on_answer(READ if request.method == "GET" else WRITE, response.status_code)

    client.http_client.session.hooks["response"].append(answered)
