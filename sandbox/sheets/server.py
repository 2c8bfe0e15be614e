"""SheetsSandboxServer: the stand-in on a real local port, in a thread, with the test controls at hand."""
from __future__ import annotations

import json
import os
import secrets
import tempfile
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import httpx

from ..serving import LocalServer
from . import control
from .app import create_app
from .model import Spreadsheet
from .render import FORMATTED
from .settings import SheetsSandboxSettings
from .world import EXTENSION, World


BACKEND_SERVICE_ACCOUNT = "azulejo-backend"
KEY_FILE_NAME = f"{BACKEND_SERVICE_ACCOUNT}.json"


def write_key_file(path: Path, key: dict[str, str]) -> Path:
    """Saves a service account's key as a person saves the download: readable by its owner only."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        json.dump(key, file, indent=2)
    return path


class SandboxConsentError(RuntimeError):
    """The consent page did not send the browser back to the app."""


class SheetsSandboxServer(LocalServer):
    """A Google Sheets API stand-in on 127.0.0.1 (port 0 = any free one); a context manager.

    `url` replaces both https://sheets.googleapis.com and https://www.googleapis.com (Drive).
    """

    thread_name = "sheets-sandbox"

    def __init__(self, settings: SheetsSandboxSettings | None = None, host: str = "127.0.0.1", port: int = 0):
        self.settings = settings or SheetsSandboxSettings()
        super().__init__(create_app(self.settings), host, port)
        self._key_folder: tempfile.TemporaryDirectory | None = None

    @property
    def world(self) -> World:
        """The in-memory state, for assertions (hold `world.lock` while requests may run)."""
        return self.app.extensions[EXTENSION]

    def create_spreadsheet(self, title: str, tabs: dict[str, list[list]] | None = None, owner: str | None = None,
                           shared_with: dict[str, str] | None = None) -> str:
        """Without an owner anyone with the link can edit it; with one, only the owner and `shared_with`."""
        return control.create_spreadsheet(self.world, title, tabs, owner, shared_with)

    def share(self, spreadsheet_id: str, email: str, role: str = "writer") -> None:
        """Shares with `email` as "writer" or "reader"; sharing again changes the role."""
        control.share(self.world, spreadsheet_id, email, role)

    def unshare(self, spreadsheet_id: str, email: str) -> None:
        """`email` loses their access (an editor or a reader removed in the Share dialog)."""
        control.unshare(self.world, spreadsheet_id, email)

    def type_cells(self, spreadsheet_id: str, a1_range: str, rows: list[list]) -> str:
        return control.type_cells(self.world, spreadsheet_id, a1_range, rows)

    def read(self, spreadsheet_id: str, a1_range: str, render: str = FORMATTED, major: str = "ROWS") -> list[list]:
        return control.read(self.world, spreadsheet_id, a1_range, render, major)

    def sort_tab(self, spreadsheet_id: str, tab: str, column_index: int, ascending: bool = True,
                 header_rows: int = 1) -> None:
        control.sort_tab(self.world, spreadsheet_id, tab, column_index, ascending, header_rows)

    def insert_rows(self, spreadsheet_id: str, tab: str, at_row: int, count: int = 1) -> None:
        control.insert_rows(self.world, spreadsheet_id, tab, at_row, count)

    def delete_rows(self, spreadsheet_id: str, tab: str, start_row: int, count: int = 1) -> None:
        control.delete_rows(self.world, spreadsheet_id, tab, start_row, count)

    def configure_quotas(self, read_per_minute: int | None = None, write_per_minute: int | None = None,
                         project_read_per_minute: int | None = None, project_write_per_minute: int | None = None,
                         send_retry_after: bool | None = None) -> dict:
        return control.configure_quotas(self.world, read_per_minute, write_per_minute, project_read_per_minute,
                                        project_write_per_minute, send_retry_after)

    def configure_faults(self, error_rate: float | None = None, latency_ms: int | None = None,
                         fail_next: int | None = None, fail_status: int | None = None) -> dict:
        return control.configure_faults(self.world, error_rate, latency_ms, fail_next, fail_status)

    def configure_auth(self, strict: bool | None = None, tokens: dict[str, str] | None = None) -> dict:
        return control.configure_auth(self.world, strict, tokens)

    def register_token(self, token: str, user: str = "ana@padariaaurora.com.br") -> None:
        """Accepts `token` (also in strict mode) as belonging to `user`."""
        control.configure_auth(self.world, tokens={token: user})

    def apps_script_token(self, user: str) -> str:
        """A token for Apps Script's SpreadsheetApp acting as `user` (the try-it page's shim): accepted
        like a registered one, and drawing on no Sheets API quota, as SpreadsheetApp does not."""
        token = f"apps-script.{secrets.token_urlsafe(24)}"
        with self.world.lock:
            self.world.auth.tokens[token] = user
            self.world.auth.apps_script.add(token)
        return token

    def advance_clock(self, seconds: float) -> float:
        return control.advance_clock(self.world, seconds)

    @property
    def certs_url(self) -> str:
        """Where the certificates verifying `mint_id_token`'s tokens are (Google's own path)."""
        return f"{self.url}/oauth2/v1/certs"

    def mint_id_token(self, email: str, sub: str | None = None, audience: str | None = None, **claims) -> str:
        """A Google-style ID token (see `identity.GoogleIdentity.mint_id_token` for the knobs)."""
        return self.world.identity.mint_id_token(email, sub, audience, **claims)

    @property
    def authorization_endpoint(self) -> str:
        """accounts.google.com/o/oauth2/v2/auth, here."""
        return f"{self.url}/o/oauth2/v2/auth"

    @property
    def token_endpoint(self) -> str:
        """oauth2.googleapis.com/token, here."""
        return f"{self.url}/token"

    @property
    def revocation_endpoint(self) -> str:
        """oauth2.googleapis.com/revoke, here."""
        return f"{self.url}/revoke"

    def consent(self, authorize_url: str, email: str, granted: list[str] | None = None,
                allow: bool = True) -> dict[str, str]:
        """The person's browser: opens the consent page, picks the account, ticks `granted` (default:
        every scope asked) and continues (or cancels); answers the query the browser is sent back with."""
        params = {name: values[0] for name, values in parse_qs(urlparse(authorize_url).query).items()}
        with httpx.Client(timeout=10) as browser:
            page = browser.get(authorize_url)
            if page.status_code != 200:
                raise SandboxConsentError(f"the consent page answered {page.status_code}")
            asked = [scope for scope in params.get("scope", "").split()]
            form = {**params, "email": email, "action": "allow" if allow else "cancel",
                    "granted": asked if granted is None else granted}
            answer = browser.post(f"{self.url}/o/oauth2/v2/auth/consent", data=form)
        if answer.status_code != 302:
            raise SandboxConsentError(f"consent did not redirect (status {answer.status_code})")
        return {name: values[0] for name, values in parse_qs(urlparse(answer.headers["Location"]).query).items()}

    def create_service_account(self, name: str, project_id: str | None = None) -> dict[str, str]:
        """A new service account and its JSON key file, in Google's format, `token_uri` pointing here."""
        return control.create_service_account(self.world, self.url, name, project_id)

    def service_account_file(self) -> str:
        """The path of a key file of this stand-in's backend service account (`BACKEND_SERVICE_ACCOUNT`),
        made at the first ask, in a folder that goes when the stand-in stops: GOOGLE_SERVICE_ACCOUNT_FILE."""
        if self._key_folder is None:
            self._key_folder = tempfile.TemporaryDirectory(prefix="sheets-sandbox-keys-")
            key = self.create_service_account(BACKEND_SERVICE_ACCOUNT)
            write_key_file(Path(self._key_folder.name) / KEY_FILE_NAME, key)
        return str(Path(self._key_folder.name) / KEY_FILE_NAME)

    def stop(self) -> None:
        super().stop()
        if self._key_folder is not None:
            self._key_folder.cleanup()
            self._key_folder = None

    def expire_access_tokens(self) -> int:
        """Every OAuth access token issued so far answers 401 from now on; refresh tokens still work."""
        return control.expire_access_tokens(self.world)

    def revoke_consent(self, email: str) -> int:
        """As if `email` removed the app from their Google Account: every grant of theirs is revoked."""
        return control.revoke_consent(self.world, email)

    def spreadsheet(self, spreadsheet_id: str) -> Spreadsheet:
        return self.world.spreadsheets[spreadsheet_id]

    def stats(self) -> dict:
        return self.world.stats_snapshot()

    def reset_stats(self) -> None:
        self.world.reset_stats()
