"""A backend wired to both stand-ins, set up in the test process for worker subprocesses to run:
its settings (`backend_config`) become their environment, `TOKEN_ENCRYPTION_KEY` included."""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from cryptography.fernet import Fernet
from flask import Flask

from app import create_app
from contaazul import RateLimit
from sheets_addon.db import upgrade_database
from sheets_addon.models import ContaAzulConnection
from tests import wiring


@pytest.fixture
def contaazul_settings(contaazul_settings):
    """Protocols settle about as fast as a worker restarts, and no rate limit to wait on."""
    contaazul_settings.protocol_delay_seconds = 0.05
    contaazul_settings.rate_per_second = contaazul_settings.rate_per_minute = 0
    return contaazul_settings


@pytest.fixture
def backend_config(database_url, tmp_path, contaazul_sandbox, sheets_sandbox) -> dict[str, Any]:
    """Settings of a backend using both stand-ins, its database (SQLite in tmp_path unless the test
    is marked `engines("postgresql")`) and its instance folder in tmp_path."""
    sheets_sandbox.configure_quotas(read_per_minute=0, write_per_minute=0)  # the worker restarts often
    return {**wiring.backend_config(database_url, contaazul_sandbox, sheets_sandbox,
                                    RateLimit(per_second=1000, per_minute=60_000)),
            "SHEETS_READS_PER_MINUTE": 0, "SHEETS_WRITES_PER_MINUTE": 0,  # nor does the backend count one
            "INSTANCE_PATH": str(tmp_path / "instance"), "LOG_LEVEL": "WARNING",
            "TOKEN_ENCRYPTION_KEY": Fernet.generate_key().decode()}


@pytest.fixture
def backend(backend_config) -> Iterator[Flask]:
    app = create_app(backend_config)
    with app.app_context():
        upgrade_database()
        yield app


@pytest.fixture
def connection(backend, contaazul_sandbox) -> ContaAzulConnection:
    return wiring.connect_demo_company(contaazul_sandbox)

