"""The fault tests' stage (tests/reliability/conftest.py): both stand-ins, a backend whose settings
become the worker processes' environment, the demo company connected. Here on PostgreSQL."""
from __future__ import annotations

from tests.reliability.conftest import backend, backend_config, connection, contaazul_settings  # noqa: F401
