"""A backend wired to both stand-ins, a Conta Azul connection made through real OAuth, flows."""
from __future__ import annotations

from collections.abc import Mapping, Sequence

import pytest

from app import create_app
from contaazul import ContaAzul, MemoryTokenStore
from sandbox.contaazul import DEMO_EMAIL
from sheets_addon.config import current_settings
from sheets_addon.connections import oauth_for, save_connection
from sheets_addon.db import get_engine, get_session, upgrade_database
from sheets_addon.flows.spec import FlowSpec
from sheets_addon.flows.store import apply_spec, find_or_create_user
from sheets_addon.google_access import sheets_client
from sheets_addon.models import ContaAzulConnection, Flow
from sheets_addon.sync.runner import run_flow_once
from sheets_addon.sync.sheet_to_contaazul import CycleReport


@pytest.fixture
def sync_app(tmp_path, contaazul_sandbox, contaazul_settings, sheets_sandbox):
    contaazul_sandbox.configure_rate_limit(per_second=200, per_minute=12000)
    app = create_app({
        "TESTING": True,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'azulejo.db'}",
        "CONTAAZUL_API_BASE_URL": contaazul_sandbox.url,
        "CONTAAZUL_AUTH_BASE_URL": contaazul_sandbox.url,
        "CONTAAZUL_CLIENT_ID": contaazul_settings.client_id,
        "CONTAAZUL_CLIENT_SECRET": contaazul_settings.client_secret,
        "CONTAAZUL_REDIRECT_URI": contaazul_settings.redirect_uri,
        "CONTAAZUL_RATE_PER_SECOND": 150,
        "CONTAAZUL_RATE_PER_MINUTE": 9000,
        "SHEETS_API_BASE_URL": sheets_sandbox.url,
    })
    with app.app_context():
        upgrade_database()
        yield app


@pytest.fixture
def connection(sync_app, contaazul_sandbox) -> ContaAzulConnection:
    """Padaria Aurora connected the way a person does it: sign-in form, code, token exchange."""
    settings = current_settings()
    oauth = oauth_for(settings)
    tokens = oauth.exchange_code(contaazul_sandbox.authorize(state=oauth.new_state()))
    with ContaAzul(oauth=oauth, token_store=MemoryTokenStore(tokens),
                   api_base_url=settings.CONTAAZUL_API_BASE_URL) as client:
        company = client.company.get()
    session = get_session()
    connection = save_connection(session, settings, find_or_create_user(session, DEMO_EMAIL), tokens, company)
    session.commit()
    return connection


@pytest.fixture
def make_flow(connection):
    def make(kind: str, spreadsheet_id: str, mapping: Mapping[str, str], *, worksheet: str = "Vendas",
             trigger: str = "Enviar?", filters: Sequence[dict] = ()) -> Flow:
        spec = FlowSpec.from_dict({"name": f"{kind} flow", "kind": kind, "spreadsheet_id": spreadsheet_id,
                                   "worksheet": worksheet, "trigger_column": trigger,
                                   "mapping": dict(mapping), "filters": list(filters), "enabled": True})
        flow = Flow(user_id=connection.user_id, connection_id=connection.id)
        apply_spec(flow, spec)
        session = get_session()
        session.add(flow)
        session.commit()
        return flow
    return make


@pytest.fixture
def run_cycle(sync_app):
    def run(flow: Flow, dry_run: bool = False) -> CycleReport:
        settings = current_settings()
        return run_flow_once(flow, get_session(), settings, get_engine(), sheets_client(settings),
                             dry_run=dry_run)
    return run
