"""One settings object for the Conta Azul stand-in; the only place that reads the environment."""
from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace
from typing import Any

DEFAULT_CLIENT_ID = "azulejo-sandbox"
DEFAULT_CLIENT_SECRET = "azulejo-sandbox-secret"
DEFAULT_REDIRECT_URI = "http://127.0.0.1:5000/api/v1/connections/contaazul/callback"
ENV_PREFIX = "SANDBOX_CONTAAZUL_"


@dataclass
class SandboxSettings:
    """How the stand-in behaves: OAuth client, token lifetimes, limits, faults, data variants."""

    client_id: str = DEFAULT_CLIENT_ID
    client_secret: str = DEFAULT_CLIENT_SECRET
    redirect_uri: str = DEFAULT_REDIRECT_URI
    app_name: str = "Azulejo"
    token_ttl_seconds: int = 3600
    code_ttl_seconds: int = 180
    refresh_token_ttl_seconds: int = 30 * 24 * 3600
    rate_per_second: int = 10
    rate_per_minute: int = 600
    send_retry_after: bool = True
    error_rate: float = 0.0
    latency_ms: int = 0
    fail_next: int = 0
    fail_status: int = 500
    faults_on_token_endpoint: bool = False
    legacy_oauth_paths: bool = False  # also the sign-in before August 2026: /oauth2/authorize, /login, /oauth2/token
    wrong_secret_on_refresh: str = "invalid_grant"  # or "invalid_client": 400 with that subtype, or 401
    services_envelope: str = "itens"
    cost_centers_envelope: str = "items"
    protocol_delay_seconds: float = 0.2
    change_window_max_days: int = 365    # the longest data_alteracao_de/_ate window answered (0: no cap)
    people_search_defaults: bool = True  # GET /v1/pessoas without tipos_pessoa/tipo_perfil: Física, Cliente
    contract_end_required: bool = True   # termos.data_fim even for NUNCA, as both contract specs list it
    demo_data: bool = True
    seed: int = 1

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None, **overrides: Any) -> "SandboxSettings":
        """Builds settings from SANDBOX_CONTAAZUL_* variables (e.g. SANDBOX_CONTAAZUL_TOKEN_TTL_SECONDS)."""
        environ = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for field in fields(cls):
            raw = environ.get(ENV_PREFIX + field.name.upper())
            if raw is not None and raw != "":
                values[field.name] = _convert(raw, field.default)
        values.update({key: value for key, value in overrides.items() if value is not None})
        return cls(**values)

    def updated(self, **changes: Any) -> "SandboxSettings":
        """A copy with some fields changed (None means keep)."""
        return replace(self, **{key: value for key, value in changes.items() if value is not None})


def _convert(raw: str, default: Any) -> Any:
    """Parses an environment string into the type of the field's default."""
    if isinstance(default, bool):
        return raw.strip().lower() in {"1", "true", "yes", "on", "sim"}
    if isinstance(default, int):
        return int(raw)
    if isinstance(default, float):
        return float(raw)
    return raw
