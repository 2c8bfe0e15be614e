"""A backend wired to both stand-ins, a Conta Azul connection made through real OAuth, flows."""
from __future__ import annotations

from collections.abc import Mapping, Sequence

import pytest

from app import create_app
from contaazul import RateLimit
from sheets_addon.db import upgrade_database
from sheets_addon.models import ContaAzulConnection, Flow
from sheets_addon.sync.sheet_to_contaazul import CycleReport
from tests import wiring


@pytest.fixture
def sync_app(database_url, contaazul_sandbox, sheets_sandbox):
    contaazul_sandbox.configure_rate_limit(per_second=200, per_minute=12000)
    app = create_app(wiring.backend_config(database_url, contaazul_sandbox, sheets_sandbox,
                                           RateLimit(per_second=150, per_minute=9000)))
    with app.app_context():
        upgrade_database()
        yield app


@pytest.fixture
def connection(sync_app, contaazul_sandbox) -> ContaAzulConnection:
    """Padaria Aurora connected the way a person does it: sign-in form, code, token exchange."""
    return wiring.connect_demo_company(contaazul_sandbox)


@pytest.fixture
def make_flow(connection):
    def make(kind: str, spreadsheet_id: str, mapping: Mapping[str, str], *, worksheet: str = "Vendas",
             trigger: str = "Enviar?", filters: Sequence[dict] = ()) -> Flow:
        return wiring.make_flow(connection, kind, spreadsheet_id, mapping, worksheet=worksheet, trigger=trigger,
                                filters=filters)
    return make


@pytest.fixture
def run_cycle(sync_app):
    def run(flow: Flow, dry_run: bool = False) -> CycleReport:
        return wiring.run_flow(flow, dry_run)
    return run


@pytest.fixture
def make_sales_log(connection):
    def make(spreadsheet_id: str, **description) -> Flow:
        return wiring.make_sales_log(connection, spreadsheet_id, **description)
    return make
