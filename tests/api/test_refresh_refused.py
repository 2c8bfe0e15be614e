"""A refresh Conta Azul refuses for good pauses the connection's flows and says why, wherever the
client was built (runner, worker, API all get it from `connections.contaazul_client`)."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from contaazul import InvalidGrantError, TokenPair
from sheets_addon.config import current_settings
from sheets_addon.connections import ConnectionTokenStore, contaazul_client, secret_box
from sheets_addon.db import get_engine, get_session
from sheets_addon.models import ContaAzulConnection, Flow
from tests import wiring


def spoil_refresh_token(connection: ContaAzulConnection) -> None:
    """As if Conta Azul revoked the app: the access token is stale and the refresh token refused."""
    store = ConnectionTokenStore(get_engine(), secret_box(current_settings()), connection.id, "test")
    store.save(TokenPair("stale-access", "revoked-refresh", datetime.now(UTC) - timedelta(minutes=1)))


def test_a_refused_refresh_pauses_the_flows_and_records_why(api_app, contaazul_sandbox, api, signed_in):
    connection = wiring.connect_demo_company(contaazul_sandbox)
    flow = wiring.make_flow(connection, "customer", "sheet-1", {"name": "Nome"}, prove=False)
    spoil_refresh_token(connection)

    with contaazul_client(current_settings(), get_engine(), connection) as client, pytest.raises(InvalidGrantError):
        client.company.get()

    session = get_session()
    session.expire_all()
    stored = session.get(ContaAzulConnection, connection.id)
    assert (stored.status, session.get(Flow, flow.id).enabled) == ("needs_reconnect", False)
    listed = api.get("/api/v1/connections", headers=signed_in()).json["connections"]
    assert listed[0]["status"] == "needs_reconnect" and "Conecte de novo" in listed[0]["status_reason"]


def test_a_cycle_with_a_revoked_connection_pauses_its_flow(api_app, contaazul_sandbox, sheets_sandbox):
    connection = wiring.connect_demo_company(contaazul_sandbox)
    sheet = sheets_sandbox.create_spreadsheet("Clientes", {"Vendas": [["Nome", "Enviar?"], ["Ana", "sim"]]})
    flow = wiring.make_flow(connection, "customer", sheet, {"name": "Nome"})
    spoil_refresh_token(connection)

    report = wiring.run_flow(flow)

    session = get_session()
    session.expire_all()
    assert report.problem and session.get(Flow, flow.id).enabled is False
    assert session.get(ContaAzulConnection, connection.id).status == "needs_reconnect"
