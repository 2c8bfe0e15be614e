"""Processes sharing one Conta Azul connection whose access token has expired refresh it once
between them: the database's row lock makes the others wait, re-read and use the new pair, so
nobody spends the rotated refresh token a second time (Conta Azul would answer invalid_grant
and the connection would have to be made again)."""
from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from multiprocessing import get_context
from typing import Any

import pytest

from app import create_app
from sheets_addon.config import current_settings
from sheets_addon.connections import ConnectionTokenStore, contaazul_client, secret_box
from sheets_addon.db import get_engine, get_session
from sheets_addon.models import ContaAzulConnection, utcnow

pytestmark = pytest.mark.engines("postgresql")
PROCESSES = 4


def call_contaazul(config: dict[str, Any], connection_id: int, start, results) -> None:
    """One process: a client of the connection, made ready, then one API call when all are ready."""
    app = create_app(config)
    with app.app_context():
        connection = get_session().get(ContaAzulConnection, connection_id)
        client = contaazul_client(current_settings(), get_engine(), connection)
        get_session().close()
        start.wait(timeout=60)
        try:
            with client:
                results.put(("ok", client.company.get()["id_empresa"]))
        except Exception as error:  # noqa: BLE001 - the test reports what each process met
            results.put(("error", type(error).__name__))


def test_processes_with_an_expired_token_refresh_it_once_between_them(
        backend_config, backend, connection, contaazul_sandbox):
    store = ConnectionTokenStore(get_engine(), secret_box(current_settings()), connection.id, "test")
    store.save(replace(store.load(), expires_at=utcnow() - timedelta(minutes=1)))
    contaazul_sandbox.expire_access_tokens()
    contaazul_sandbox.configure_faults(latency_ms=300, token_endpoint=True)  # the others arrive mid-refresh
    contaazul_sandbox.reset_stats()
    context = get_context("spawn")
    start, results = context.Barrier(PROCESSES), context.Queue()

    processes = [context.Process(target=call_contaazul, args=(backend_config, connection.id, start, results))
                 for _ in range(PROCESSES)]
    for process in processes:
        process.start()
    outcomes = [results.get(timeout=120) for _ in processes]
    for process in processes:
        process.join(timeout=60)

    assert [kind for kind, _ in outcomes] == ["ok"] * PROCESSES, outcomes
    stats = contaazul_sandbox.stats()
    assert (stats["token_requests"], stats["token_refreshes"]) == (1, 1)
    session = get_session()
    session.refresh(connection)
    assert (connection.status, connection.status_reason) == ("active", None)
    assert store.load().expires_at > utcnow()
