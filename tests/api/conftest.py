"""The backend wired to both stand-ins, signed-in callers, and a client that checks every answer
against the OpenAPI document (so the document stays true as the tests exercise the API)."""
from __future__ import annotations

from collections.abc import Iterator

import pytest

from app import create_app
from sheets_addon.db import upgrade_database
from tests import wiring
from tests.add_on import prove_access
from tests.api.openapi_check import OpenApiCheckingClient


@pytest.fixture
def api_app(database_url, contaazul_sandbox, sheets_sandbox) -> Iterator:
    app = create_app(wiring.backend_config(database_url, contaazul_sandbox, sheets_sandbox))
    with app.app_context():
        upgrade_database()
        yield app


@pytest.fixture
def api(api_app) -> OpenApiCheckingClient:
    return OpenApiCheckingClient(api_app)


@pytest.fixture
def api_without_google_client(tmp_path, contaazul_sandbox, sheets_sandbox) -> Iterator[OpenApiCheckingClient]:
    """The backend with no Google web client (`GOOGLE_OAUTH_*` unset), on SQLite: sheets are reached
    with the service account only, and a Conta Azul connect's person confirms instead of signing in."""
    config = {key: value for key, value in wiring.backend_config(tmp_path / "no-google-client.db", contaazul_sandbox,
                                                                  sheets_sandbox).items()
              if not key.startswith("GOOGLE_OAUTH_")}
    app = create_app(config)
    with app.app_context():
        upgrade_database()
        yield OpenApiCheckingClient(app)


@pytest.fixture
def signed_in(sheets_sandbox):
    """Authorization headers carrying a stand-in-minted Google ID token for `email`."""
    def headers(email: str = "ana@padariaaurora.com.br", **claims) -> dict[str, str]:
        return {"Authorization": f"Bearer {sheets_sandbox.mint_id_token(email, **claims)}"}
    return headers


@pytest.fixture
def prove(api, signed_in, sheets_sandbox):
    """`prove(spreadsheet_id, email)`: the person's add-on proving they can edit the sheet (the backend's
    challenge written into it as them, then checked); answers the proof call's answer."""
    def prove_for(spreadsheet_id: str, email: str = "ana@padariaaurora.com.br"):
        return prove_access(api.post, signed_in(email), sheets_sandbox.url, email, spreadsheet_id)
    return prove_for
