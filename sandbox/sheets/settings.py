"""One settings object for the Sheets stand-in; the only place that reads the environment."""
from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace
from typing import Any

ENV_PREFIX = "SANDBOX_SHEETS_"


@dataclass
class SheetsSandboxSettings:
    """How the stand-in behaves: locale of new spreadsheets, quotas, auth strictness, faults."""

    locale: str = "pt_BR"
    time_zone: str = "America/Sao_Paulo"
    default_tab_title: str = "Página1"      # what a Brazilian user's new spreadsheet starts with
    read_per_minute: int = 60               # per user, Google's default; 0 = no limit
    write_per_minute: int = 60
    project_read_per_minute: int = 0        # all users together; Google's default is 300, 0 = off
    project_write_per_minute: int = 0
    send_retry_after: bool = False          # Google's 429 carries no Retry-After
    strict_auth: bool = False               # True: only tokens registered by the test are accepted
    error_rate: float = 0.0
    latency_ms: int = 0
    fail_next: int = 0
    fail_status: int = 500
    project_number: str = "424242424242"
    project_id: str = "azulejo-sandbox"     # where `create_service_account` makes accounts by default
    id_token_audience: str = "azulejo-sandbox.apps.googleusercontent.com"  # the add-on's OAuth client id
    # The one OAuth web client registered with this "accounts.google.com" (the backend's offline access).
    oauth_client_id: str = "azulejo-web-sandbox.apps.googleusercontent.com"
    oauth_client_secret: str = "GOCSPX-azulejo-sandbox-secret"
    oauth_redirect_uris: str = "http://127.0.0.1:5000/api/v1/connections/google/callback"  # comma-separated
    access_token_lifetime_seconds: int = 3599   # what Google's token endpoint answers in expires_in
    code_lifetime_seconds: int = 600            # an authorization code, redeemable once
    refresh_token_lifetime_seconds: int = 0     # 0 = until revoked (a published app); 604800 = a "Testing" app
    seed: int = 1

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None, **overrides: Any) -> "SheetsSandboxSettings":
        """Settings from SANDBOX_SHEETS_<FIELD> variables, then non-None overrides (flags win)."""
        environ = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for field in fields(cls):
            raw = environ.get(ENV_PREFIX + field.name.upper(), "")
            if raw != "":
                values[field.name] = _typed(raw, type(field.default))
        values.update({name: value for name, value in overrides.items() if value is not None})
        return cls(**values)

    def redirect_uris(self) -> list[str]:
        """The OAuth client's registered redirect URIs: a request must name one of them exactly."""
        return [uri.strip() for uri in self.oauth_redirect_uris.split(",") if uri.strip()]

    def updated(self, **changes: Any) -> "SheetsSandboxSettings":
        """A copy with the given (non-None) fields changed."""
        return replace(self, **{name: value for name, value in changes.items() if value is not None})


def _typed(raw: str, kind: type) -> Any:
    if kind is bool:
        return raw.strip().lower() in {"1", "true", "yes", "on", "sim"}
    return kind(raw)
