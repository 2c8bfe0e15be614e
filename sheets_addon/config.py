"""Every setting the backend reads, in one place, from environment variables with safe defaults.

Nothing else in the code reads `os.environ`: it asks `current_settings()` instead.
"""
from __future__ import annotations

import os
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from cryptography.fernet import Fernet
from flask import Flask, current_app

from sheets_addon.private_files import FILE_MODE, FOLDER_MODE

SANDBOX_CLIENT_ID = "azulejo-sandbox"
SANDBOX_CLIENT_SECRET = "azulejo-sandbox-secret"
SANDBOX_REDIRECT_URI = "http://127.0.0.1:5000/api/v1/connections/contaazul/callback"
SANDBOX_GOOGLE_CLIENT_ID = "azulejo-sandbox.apps.googleusercontent.com"  # what the Sheets stand-in mints for
GOOGLE_CALLBACK_PATH = "/api/v1/connections/google/callback"
CONNECT_BEGIN_PATH = "/api/v1/connections/begin"  # where a connect link sends the browser first


@dataclass(frozen=True)
class Settings:
    """The backend's configuration; field names match their environment variables."""

    INSTANCE_PATH: str
    DATABASE_URL: str
    SECRET_KEY: str
    TESTING: bool = False
    LOG_LEVEL: str = "INFO"
    PUBLIC_BASE_URL: str = "http://127.0.0.1:5000"
    CONTAAZUL_API_BASE_URL: str = "https://api-v2.contaazul.com"
    # Conta Azul's sign-in page and token endpoint, whole URLs (since August 2026 on two hosts, the
    # page's route in its fragment); the pair before it: https://auth.contaazul.com/oauth2/authorize, …/token
    CONTAAZUL_AUTHORIZE_URL: str = "https://login.contaazul.com/#/oauth/authorize"
    CONTAAZUL_TOKEN_URL: str = "https://api-v2.contaazul.com/oauth/token"
    CONTAAZUL_CLIENT_ID: str = SANDBOX_CLIENT_ID
    CONTAAZUL_CLIENT_SECRET: str = SANDBOX_CLIENT_SECRET
    CONTAAZUL_REDIRECT_URI: str = SANDBOX_REDIRECT_URI
    CONTAAZUL_RATE_PER_SECOND: int = 10
    CONTAAZUL_RATE_PER_MINUTE: int = 600
    CONTAAZUL_TIMEOUT_SECONDS: float = 30.0
    HEALTH_CHECK_TIMEOUT_SECONDS: float = 2.0
    TOKEN_ENCRYPTION_KEY: str = ""  # Fernet key; empty = one generated into the instance folder
    GOOGLE_SERVICE_ACCOUNT_FILE: str = ""  # JSON key of the service account users share sheets with
    SHEETS_API_BASE_URL: str = ""  # empty = Google itself; else a stand-in serving Sheets v4 and Drive v3
    GOOGLE_CLIENT_ID: str = SANDBOX_GOOGLE_CLIENT_ID  # audiences of accepted ID tokens, comma-separated
    GOOGLE_CERTS_URL: str = "https://www.googleapis.com/oauth2/v1/certs"  # keys that sign Google ID tokens
    # Google access with each person's own consent (offline): empty client id = only the service account.
    GOOGLE_OAUTH_CLIENT_ID: str = ""
    GOOGLE_OAUTH_CLIENT_SECRET: str = ""
    GOOGLE_OAUTH_AUTH_URI: str = "https://accounts.google.com/o/oauth2/v2/auth"
    GOOGLE_OAUTH_TOKEN_URI: str = "https://oauth2.googleapis.com/token"
    GOOGLE_OAUTH_REVOKE_URI: str = "https://oauth2.googleapis.com/revoke"
    GOOGLE_OAUTH_REDIRECT_URI: str = ""  # empty = PUBLIC_BASE_URL + /api/v1/connections/google/callback
    GOOGLE_OAUTH_STATE_TTL_SECONDS: int = 600  # how long a "connect Google" link stays usable
    CONTAAZUL_STATE_TTL_SECONDS: int = 600  # how long a "connect Conta Azul" link stays usable
    OAUTH_STATES_PER_USER: int = 5  # connect links a person may have open at once; a new one drops the oldest
    CONTAAZUL_PROTOCOL_POLL_SECONDS: float = 0.5  # between looks at a pending payable/receivable protocol
    WORKER_LEASE_SECONDS: int = 900  # longer than any cycle; a worker that died frees its flows after this
    WORKER_MAX_BACKOFF_SECONDS: int = 6 * 3600  # the longest a failing flow waits between runs
    WORKER_IDLE_SECONDS: float = 0.5  # the worker's wait when nothing is due (a nudge waits at most this)
    NUDGES_PER_MINUTE: int = 30  # per user; more answer 429 with Retry-After
    OAUTH_CALLBACKS_PER_MINUTE: int = 20  # per client address, on the sign-in-free begin page and callbacks
    SPREADSHEET_ACCESS_MAX_AGE_SECONDS: int = 24 * 3600  # how long a proof that a person can edit a sheet holds
    # Per person a minute, then 429 (README, "Configuration", says why a real person never meets them).
    SPREADSHEET_INFO_PER_MINUTE: int = 10
    PREVIEWS_PER_MINUTE: int = 10
    RUNS_NOW_PER_MINUTE: int = 6
    CONNECT_STARTS_PER_MINUTE: int = 10  # Conta Azul's and Google's together
    ACCESS_PROOFS_PER_MINUTE: int = 20  # challenges and proofs together: 10 proofs of access to a sheet
    MAX_FLOWS_PER_USER: int = 50  # flows a person may have; one more through the API answers 409
    # The service account's Sheets quota a minute (Google's default per user), which the worker shares
    # fairly between the people whose sheets it reaches; raise them when Google grants more, 0 = not counted.
    SHEETS_READS_PER_MINUTE: int = 60
    SHEETS_WRITES_PER_MINUTE: int = 60
    TRUSTED_PROXIES: int = 0  # reverse proxies in front that set X-Forwarded-For/-Proto; 0 = ignore those headers
    MAX_REQUEST_BYTES: int = 1024 * 1024  # a larger body answers 413 unread; the largest flow is far below it
    HEALTH_CACHE_SECONDS: float = 30.0  # /health asks Conta Azul at most this often per web process

    @classmethod
    def load(
        cls,
        instance_path: str,
        environ: Mapping[str, str] | None = None,
        overrides: Mapping[str, Any] | None = None,
    ) -> Settings:
        """Builds settings from the environment, then applies explicit overrides (tests)."""
        environ = os.environ if environ is None else environ
        values: dict[str, Any] = {"INSTANCE_PATH": instance_path}
        for field in fields(cls):
            if field.name in environ and field.name != "INSTANCE_PATH":
                values[field.name] = _coerce(field.type, environ[field.name])
        values.update(overrides or {})
        values.setdefault("DATABASE_URL", f"sqlite:///{Path(instance_path) / 'azulejo.db'}")
        if "SECRET_KEY" not in values:
            values["SECRET_KEY"] = instance_secret(
            Path(instance_path) / "secret_key", lambda: secrets.token_urlsafe(48))
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in values.items() if k in known})

    def as_flask_config(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}

    def token_encryption_key(self) -> bytes:
        """The key that encrypts Conta Azul tokens at rest."""
        if self.TOKEN_ENCRYPTION_KEY:
            return self.TOKEN_ENCRYPTION_KEY.encode()
        path = Path(self.INSTANCE_PATH) / "token_encryption_key"
        return instance_secret(path, lambda: Fernet.generate_key().decode()).encode()

    def google_consent_offered(self) -> bool:
        """Whether people may let the backend reach their sheets with their own Google account."""
        return bool(self.GOOGLE_OAUTH_CLIENT_ID and self.GOOGLE_OAUTH_CLIENT_SECRET)

    def google_redirect_uri(self) -> str:
        """Where Google sends the browser back; must be registered on the OAuth client."""
        return self.GOOGLE_OAUTH_REDIRECT_URI or self.PUBLIC_BASE_URL.rstrip("/") + GOOGLE_CALLBACK_PATH

    def google_audiences(self) -> list[str]:
        """The OAuth client ids whose ID tokens we accept (the add-on's, maybe a second during a move)."""
        return [audience.strip() for audience in self.GOOGLE_CLIENT_ID.split(",") if audience.strip()]

    def __repr__(self) -> str:  # secrets stay out of logs and tracebacks
        return f"Settings(DATABASE_URL={_redact_url(self.DATABASE_URL)!r}, TESTING={self.TESTING})"


def current_settings(app: Flask | None = None) -> Settings:
    """The settings of the running app (or of `app`, while it is being built)."""
    return (app or current_app).extensions["azulejo.settings"]


def _coerce(annotation: Any, raw: str) -> Any:
    kind = annotation if isinstance(annotation, str) else getattr(annotation, "__name__", "str")
    if kind == "bool":
        return raw.strip().lower() in {"1", "true", "yes", "on"}
    if kind == "int":
        return int(raw)
    if kind == "float":
        return float(raw)
    return raw


def instance_secret(path: Path, generate: Callable[[], str]) -> str:
    """A random key kept in the instance folder, so a default install is never guessable.

    gunicorn's workers and the worker may all ask first at once: the key is written to a file of
    this process's own and linked into place, so exactly one key wins and none is seen half-written.
    """
    if path.exists():
        return path.read_text().strip()
    path.parent.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)  # private from its birth (private_files)
    draft = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    descriptor = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    try:
        with os.fdopen(descriptor, "w") as handle:
            handle.write(generate())
        try:
            os.link(draft, path)
        except FileExistsError:
            pass  # another process linked its key first: that one is the key
    finally:
        draft.unlink()
    return path.read_text().strip()


def _redact_url(url: str) -> str:
    if "@" not in url or "://" not in url:
        return url
    scheme, rest = url.split("://", 1)
    return f"{scheme}://***@{rest.split('@', 1)[1]}"
