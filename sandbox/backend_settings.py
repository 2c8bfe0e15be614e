"""The backend settings that point it at the two stand-ins instead of Conta Azul and Google: the
demo and the tests wire a backend the same way, only the database and their own extras differ."""
from __future__ import annotations

from typing import Any

from sandbox.contaazul import SandboxServer
from sandbox.sheets import SheetsSandboxServer


def stand_in_settings(contaazul: SandboxServer, sheets: SheetsSandboxServer) -> dict[str, Any]:
    """Conta Azul's API and OAuth client, the Sheets API, the backend's service account (a real
    key file the Sheets stand-in made) and Google's OAuth client and endpoints."""
    conta_azul_client = contaazul.settings
    return {
        "CONTAAZUL_API_BASE_URL": contaazul.url,
        "CONTAAZUL_AUTHORIZE_URL": contaazul.authorization_endpoint,
        "CONTAAZUL_TOKEN_URL": contaazul.token_endpoint,
        "CONTAAZUL_CLIENT_ID": conta_azul_client.client_id,
        "CONTAAZUL_CLIENT_SECRET": conta_azul_client.client_secret,
        "CONTAAZUL_REDIRECT_URI": conta_azul_client.redirect_uri,
        "SHEETS_API_BASE_URL": sheets.url,
        "GOOGLE_SERVICE_ACCOUNT_FILE": sheets.service_account_file(),
        "GOOGLE_CERTS_URL": sheets.certs_url,
        "GOOGLE_OAUTH_CLIENT_ID": sheets.settings.oauth_client_id,
        "GOOGLE_OAUTH_CLIENT_SECRET": sheets.settings.oauth_client_secret,
        "GOOGLE_OAUTH_AUTH_URI": sheets.authorization_endpoint,
        "GOOGLE_OAUTH_TOKEN_URI": sheets.token_endpoint,
        "GOOGLE_OAUTH_REVOKE_URI": sheets.revocation_endpoint,
        "GOOGLE_OAUTH_REDIRECT_URI": sheets.settings.redirect_uris()[0],
    }
