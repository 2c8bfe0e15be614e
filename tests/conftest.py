"""Shared fixtures: the Flask app, its test client and CLI runner, and the sandbox stand-ins.

The stand-ins run in-process on a real local port, so the real HTTP clients talk to them
exactly as they would talk to Google and Conta Azul.
"""
from __future__ import annotations

import sys
from collections.abc import Iterator

import pytest

from app import create_app
from sandbox.contaazul import SandboxServer, SandboxSettings
from tests.databases import (  # noqa: F401  (fixtures and hooks: which database engine a test runs on)
    database_engine,
    database_url,
    empty_database_url,
    postgres_server,
    pytest_configure,
    pytest_generate_tests,
)
from tests.helpers import free_ports


@pytest.fixture
def app(database_url):
    app = create_app(
        {
            "TESTING": True,
            "DATABASE_URL": database_url,
            "SECRET_KEY": "test-secret-key",
        }
    )
    with app.app_context():
        from sheets_addon.db import upgrade_database

        upgrade_database()
    yield app


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def contaazul_settings() -> SandboxSettings:
    """Settings for one test's Conta Azul stand-in; tests may tweak them before it starts."""
    return SandboxSettings(
        client_id="test-client",
        client_secret="test-client-secret-xyz",
        redirect_uri="http://127.0.0.1:5999/callback",
    )


@pytest.fixture
def contaazul_sandbox(contaazul_settings: SandboxSettings) -> Iterator[SandboxServer]:
    """A fresh Conta Azul stand-in with demo data, serving on 127.0.0.1 on a free port."""
    with SandboxServer(contaazul_settings) as server:
        yield server


@pytest.fixture
def unused_port() -> int:
    """A local port nothing listens on, for 'the other side is down' tests."""
    return free_ports(1)[0]


@pytest.fixture
def sheets_sandbox():
    """A fresh Google Sheets API stand-in (pt_BR, Google's default quotas) on a free local port."""
    from sandbox.sheets import SheetsSandboxServer

    with SheetsSandboxServer() as server:
        yield server


@pytest.fixture
def gspread_client(sheets_sandbox):
    """A real gspread client pointed at the stand-in the way the backend does it (google_endpoints)."""
    from google.oauth2.credentials import Credentials

    from sheets_addon.google_endpoints import gspread_client as build_client

    return build_client(Credentials(token="test-user-token"), sheets_sandbox.url)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """The fault runs' summary lines (rows, records, duplicates, lost, kills, 5xx injected), when any ran."""
    fault_stage = sys.modules.get("tests.reliability.fault_stage")
    if fault_stage is not None and fault_stage.SUMMARIES:
        terminalreporter.section("fault runs")
        for line in fault_stage.SUMMARIES:
            terminalreporter.write_line(line)
