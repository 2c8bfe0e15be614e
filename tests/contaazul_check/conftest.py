"""The contract check run as an operator runs it: a backend whose Conta Azul settings point at the
stand-in, a code from signing in there, and `flask --app app contaazul check` through Click.

`altered` serves the stand-in through a small WSGI wrapper that changes one kind of answer, the
way Conta Azul might drift, so tests can show the check catching it; the stand-in itself is left
as strict as it is.
"""
from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from click.testing import Result
from werkzeug.wrappers import Response

from app import create_app
from sandbox.contaazul import SandboxServer
from sandbox.serving import LocalServer
from sheets_addon.db import upgrade_database
from tests.contaazul_check.check_table import CheckRow, table_rows

DEVELOPMENT_REDIRECT_URI = "https://www.contaazul.com"  # what a Conta Azul development app is fixed to
WIDE = {"COLUMNS": "200"}


@pytest.fixture
def contaazul_settings(contaazul_settings):
    """The stand-in's app registered as a development app is: its redirect URI is Conta Azul's site."""
    contaazul_settings.redirect_uri = DEVELOPMENT_REDIRECT_URI
    return contaazul_settings


def backend_config(database_url: str, sandbox: SandboxServer, api_base_url: str | None = None) -> dict[str, Any]:
    """The backend's Conta Azul settings for the stand-in; `api_base_url` puts something in front of its API."""
    client = sandbox.settings
    return {"TESTING": True, "DATABASE_URL": database_url, "SECRET_KEY": "test-secret-key",
            "CONTAAZUL_API_BASE_URL": api_base_url or sandbox.url,
            "CONTAAZUL_AUTHORIZE_URL": sandbox.authorization_endpoint, "CONTAAZUL_TOKEN_URL": sandbox.token_endpoint,
            "CONTAAZUL_CLIENT_ID": client.client_id, "CONTAAZUL_CLIENT_SECRET": client.client_secret,
            "CONTAAZUL_REDIRECT_URI": client.redirect_uri}


@pytest.fixture
def check_app(database_url, contaazul_sandbox):
    """`check_app(api_base_url=None)`: a migrated backend on the stand-in (or on what stands in front of it)."""
    def make(api_base_url: str | None = None):
        app = create_app(backend_config(database_url, contaazul_sandbox, api_base_url))
        with app.app_context():
            upgrade_database()
        return app
    return make


class CheckRun:
    """What one run of the command printed, with its table's rows by check name."""

    def __init__(self, result: Result, code: str | None) -> None:
        self.result, self.code = result, code
        self.output, self.exit_code = result.output, result.exit_code
        self.rows: dict[str, CheckRow] = table_rows(result.output)

    def marks(self) -> dict[str, str]:
        return {name: row.mark for name, row in self.rows.items()}


@pytest.fixture
def run_check(check_app, contaazul_sandbox) -> Callable[..., CheckRun]:
    """Runs `flask --app app contaazul check ARGS`; with `sign_in` (the default) first signs in to the
    stand-in as the demo company and passes the code with --code."""
    def run(*args: str, api_base_url: str | None = None, sign_in: bool = True, input: str | None = None) -> CheckRun:
        app = check_app(api_base_url)
        code = contaazul_sandbox.authorize() if sign_in else None
        options = ["--code", code] if code else []
        result = app.test_cli_runner().invoke(args=["contaazul", "check", *options, *args], input=input, env=WIDE)
        return CheckRun(result, code)
    return run


def altering(app: Any, method: str, path: str, change: Callable[[Any], Any]) -> Callable:
    """`app` with the JSON answers to `method` on paths matching the regular expression `path`
    changed by `change` (given the decoded body, it returns the body to send)."""
    pattern = re.compile(path)

    def altered(environ: dict, start_response: Callable) -> Any:
        if environ["REQUEST_METHOD"] != method or not pattern.fullmatch(environ["PATH_INFO"]):
            return app(environ, start_response)
        response = Response.from_app(app, environ, buffered=True)
        response.set_data(json.dumps(change(json.loads(response.get_data()))))
        return response(environ, start_response)
    return altered


@pytest.fixture
def altered(contaazul_sandbox) -> Iterator[Callable[[str, str, Callable[[Any], Any]], str]]:
    """`altered(method, path, change)`: the stand-in's API served through `altering`, on a port of its
    own (the same records and tokens); answers its base URL."""
    servers: list[LocalServer] = []

    def start(method: str, path: str, change: Callable[[Any], Any]) -> str:
        servers.append(LocalServer(altering(contaazul_sandbox.app, method, path, change)).start())
        return servers[-1].url
    yield start
    for server in servers:
        server.stop()
