"""A backend wired to both stand-ins, a Conta Azul connection made through real OAuth, flows.

The end-to-end fixtures (`tests/pipeline/conftest.py`) and the benchmarks (`bench/`) need
the same wiring, the latter outside pytest; each call runs inside the backend's app context.
"""
from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from contaazul import ContaAzul, MemoryTokenStore, RateLimit
from sandbox.backend_settings import stand_in_settings
from sandbox.contaazul import DEMO_EMAIL, DEMO_PASSWORD, SandboxServer
from sandbox.sheets import SheetsSandboxServer
from tests.add_on import write_as_person
from sheets_addon import spreadsheet_access
from sheets_addon.config import current_settings
from sheets_addon.connections import oauth_for, save_connection
from sheets_addon.db import get_engine, get_session
from sheets_addon.flows.spec import FlowSpec
from sheets_addon.flows.store import apply_spec, find_or_create_user
from sheets_addon.google_access import SheetsClients
from sheets_addon.models import ContaAzulConnection, Flow, User, utcnow
from sheets_addon.sync.runner import run_flow_once
from sheets_addon.sync.sheet_to_contaazul import CycleReport


def backend_config(database: Path | str, contaazul: SandboxServer, sheets: SheetsSandboxServer,
                   rate_limit: RateLimit = RateLimit()) -> dict[str, Any]:
    """`create_app` settings pointing at both stand-ins, with the client's per-company limit; the
    backend's Google account is a service account of the Sheets stand-in, with a real key file.

    `database` is a SQLite file, or any database URL (`database_url` fixture, PostgreSQL).
    """
    return {
        "TESTING": True,
        "DATABASE_URL": database if isinstance(database, str) else f"sqlite:///{database}",
        "CONTAAZUL_RATE_PER_SECOND": rate_limit.per_second,
        "CONTAAZUL_RATE_PER_MINUTE": rate_limit.per_minute,
        **stand_in_settings(contaazul, sheets),
    }


def connect_demo_company(contaazul: SandboxServer, login: tuple[str, str] = (DEMO_EMAIL, DEMO_PASSWORD),
                         person: str = DEMO_EMAIL) -> ContaAzulConnection:
    """A stand-in company (Padaria Aurora, unless `login` signs in to another) connected by
    `person` the way a person does it: sign-in form, code, token exchange."""
    settings = current_settings()
    oauth = oauth_for(settings)
    tokens = oauth.exchange_code(contaazul.authorize(*login, state=oauth.new_state()))
    with ContaAzul(oauth=oauth, token_store=MemoryTokenStore(tokens),
                   api_base_url=settings.CONTAAZUL_API_BASE_URL) as client:
        company = client.company.get()
    session = get_session()
    connection = save_connection(session, settings, find_or_create_user(session, person), tokens, company)
    session.commit()
    return connection


def make_flow(connection: ContaAzulConnection, kind: str, spreadsheet_id: str, mapping: Mapping[str, str], *,
              worksheet: str = "Vendas", trigger: str = "Enviar?", filters: Sequence[dict] = (),
              prove: bool = True) -> Flow:
    """An enabled flow of the connection's user, stored as the flows CLI would store it (see `store_flow`)."""
    return store_flow(connection, {"name": f"{kind} flow", "kind": kind, "spreadsheet_id": spreadsheet_id,
                                   "worksheet": worksheet, "trigger_column": trigger,
                                   "mapping": dict(mapping), "filters": list(filters), "enabled": True}, prove=prove)


def make_sales_log(connection: ContaAzulConnection, spreadsheet_id: str, *, worksheet: str = "Vendas",
                   columns: Sequence[Any] | None = None, filters: Sequence[dict] = (),
                   options: Mapping[str, Any] | None = None) -> Flow:
    """An enabled sales log flow of the connection's user, stored as the flows CLI would store it."""
    return store_flow(connection, {"name": "Registro de vendas", "kind": "sales_log",
                                   "spreadsheet_id": spreadsheet_id, "worksheet": worksheet,
                                   "columns": list(columns or []), "filters": list(filters),
                                   "options": dict(options or {}), "enabled": True})


def store_flow(connection: ContaAzulConnection, description: Mapping[str, Any], prove: bool = True) -> Flow:
    """A flow of the connection's user from its JSON description, checked and stored, its owner having
    proved (as their add-on does) that they can edit its spreadsheet; `prove=False` for a flow whose
    spreadsheet is only a name (a test that never opens it)."""
    flow = Flow(user_id=connection.user_id, connection_id=connection.id)
    apply_spec(flow, FlowSpec.from_dict(description))
    session = get_session()
    session.add(flow)
    session.commit()
    if prove:
        prove_spreadsheet_access(session.get(User, flow.user_id).email, flow.spreadsheet_id)
    return flow


def prove_spreadsheet_access(person: str, spreadsheet_id: str) -> None:
    """What the person's add-on does in the sidebar: the backend's challenge written into the sheet's
    developer metadata as the person (through the Sheets stand-in, with a token of theirs), then the
    backend asked to check it. Raises `SpreadsheetAccessRefused` when the person cannot edit the sheet."""
    settings, session = current_settings(), get_session()
    user = find_or_create_user(session, person)
    session.commit()
    if spreadsheet_access.is_fresh(settings, spreadsheet_access.find(session, user.id, spreadsheet_id), utcnow()):
        return  # proved a moment ago (another flow on the same sheet): the add-on would not prove again
    clients = SheetsClients(settings, get_engine())
    if not spreadsheet_access.writes_itself(session, settings, user.id):
        issued = spreadsheet_access.challenge(settings, user.id, spreadsheet_id, utcnow())
        write_as_person(settings.SHEETS_API_BASE_URL, person, spreadsheet_id, issued.key, issued.value)
    spreadsheet_access.prove(session, settings, clients, user.id, spreadsheet_id, utcnow())
    session.commit()


def run_flow(flow: Flow, dry_run: bool = False) -> CycleReport:
    """One cycle through the same entry point the CLI and the worker use."""
    settings = current_settings()
    return run_flow_once(flow, get_session(), settings, get_engine(), SheetsClients(settings, get_engine()),
                         dry_run=dry_run)


def worker_environment(config: Mapping[str, Any]) -> dict[str, str]:
    """What makes `flask --app app` in a subprocess load exactly `config` (settings are named
    after their variables), so it decrypts the connection the test stored."""
    env = {**os.environ, **{name: str(value) for name, value in config.items() if name != "INSTANCE_PATH"}}
    env["AZULEJO_INSTANCE_PATH"] = str(config["INSTANCE_PATH"])
    return env
