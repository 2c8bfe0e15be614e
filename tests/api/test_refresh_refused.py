"""A refresh Conta Azul refuses for good (`invalid_refresh_token`, `access_revoked`) pauses the
connection's flows and says why, wherever the client was built (runner, worker, API all get it from
`connections.contaazul_client`); our own client secret refused pauses nothing and is the operator's."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from contaazul import InvalidGrantError, TokenPair
from sandbox.contaazul import DEMO_EMAIL
from sheets_addon import messages
from sheets_addon.config import current_settings
from sheets_addon.connections import ConnectionTokenStore, contaazul_client, secret_box
from sheets_addon.db import get_engine, get_session
from sheets_addon.google_access import SheetsClients
from sheets_addon.models import ContaAzulConnection, Flow, FlowRun
from sheets_addon.sync.work import work_due_flows
from tests import wiring


def spoil_refresh_token(connection: ContaAzulConnection) -> None:
    """As if Conta Azul revoked the app: the access token is stale and the refresh token refused."""
    store = ConnectionTokenStore(get_engine(), secret_box(current_settings()), connection.id, "test")
    store.save(TokenPair("stale-access", "revoked-refresh", datetime.now(UTC) - timedelta(minutes=1)))


def test_a_refused_refresh_pauses_the_flows_and_records_why(api_app, contaazul_sandbox, api, signed_in):
    connection = wiring.connect_demo_company(contaazul_sandbox)
    flow = wiring.make_flow(connection, "customer", "sheet-1", {"name": "Nome"}, prove=False)
    spoil_refresh_token(connection)

    with (contaazul_client(current_settings(), get_engine(), connection) as client,
          pytest.raises(InvalidGrantError) as caught):
        client.company.get()

    session = get_session()
    session.expire_all()
    stored = session.get(ContaAzulConnection, connection.id)
    assert caught.value.error_subtype == "invalid_refresh_token"
    assert (stored.status, session.get(Flow, flow.id).enabled) == ("needs_reconnect", False)
    listed = api.get("/api/v1/connections", headers=signed_in()).json["connections"]
    assert listed[0]["status"] == "needs_reconnect" and "Conecte de novo" in listed[0]["status_reason"]


def test_access_revoked_in_conta_azul_pauses_the_flows_and_says_so(api_app, contaazul_sandbox, api, signed_in):
    connection = wiring.connect_demo_company(contaazul_sandbox)
    flow = wiring.make_flow(connection, "customer", "sheet-1", {"name": "Nome"}, prove=False)
    contaazul_sandbox.revoke_access(DEMO_EMAIL)  # its access token answers 401: the client refreshes

    with (contaazul_client(current_settings(), get_engine(), connection) as client,
          pytest.raises(InvalidGrantError) as caught):
        client.company.get()

    session = get_session()
    session.expire_all()
    assert caught.value.error_subtype == "access_revoked" and session.get(Flow, flow.id).enabled is False
    listed = api.get("/api/v1/connections", headers=signed_in()).json["connections"]
    assert (listed[0]["status"], listed[0]["status_reason"]) == ("needs_reconnect", messages.CONNECTION_ACCESS_REVOKED)


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


@pytest.fixture
def secret_regenerated(api_app, contaazul_sandbox, sheets_sandbox):
    """Ana's customer flow on a real sheet, her access token expired, and the app's client secret
    regenerated at Conta Azul, so the backend's is wrong when it refreshes."""
    connection = wiring.connect_demo_company(contaazul_sandbox)
    sheet = sheets_sandbox.create_spreadsheet("Clientes", {"Vendas": [["Nome", "CPF/CNPJ", "Enviar?"],
                                                                      ["Ana", "529.982.247-25", "sim"]]})
    flow = wiring.make_flow(connection, "customer", sheet, {"name": "Nome", "document": "CPF/CNPJ"})  # a lookup
    contaazul_sandbox.expire_access_tokens()
    contaazul_sandbox.change_client_secret("regenerated-at-conta-azul")
    return connection, flow


def _client_refused_lines(caplog) -> list:
    return [r for r in caplog.records if r.getMessage().startswith("contaazul refused the backend's client")]


@pytest.mark.parametrize("answer", ["invalid_grant", "invalid_client"])
def test_our_client_secret_refused_pauses_nothing_and_the_api_says_to_tell_the_operator(
        api, signed_in, contaazul_sandbox, secret_regenerated, caplog, answer):
    """Conta Azul answers 400 invalid_grant with the subtype invalid_client, or 401 invalid_client."""
    contaazul_sandbox.settings.wrong_secret_on_refresh = answer
    connection, flow = secret_regenerated

    preview = api.post(f"/api/v1/flows/{flow.id}/preview", headers=signed_in())
    run = api.post(f"/api/v1/flows/{flow.id}/run", headers=signed_in())

    for refused in (preview, run):
        assert refused.status_code == 503 and refused.json["error"] == {
            "code": "contaazul_client_refused", "message": messages.CONTAAZUL_CLIENT_REFUSED}
    assert "Avise quem administra o Azulejo" in messages.CONTAAZUL_CLIENT_REFUSED
    runs = api.get(f"/api/v1/flows/{flow.id}/runs", headers=signed_in()).json["runs"]
    assert [r["problem"] for r in runs] == [messages.CONTAAZUL_CLIENT_REFUSED]
    session = get_session()
    session.expire_all()
    stored = session.get(ContaAzulConnection, connection.id)
    assert (stored.status, stored.status_reason, session.get(Flow, flow.id).enabled) == ("active", None, True)
    lines = _client_refused_lines(caplog)
    assert len(lines) == 2 and {r.levelname for r in lines} == {"ERROR"}
    assert {(r.status, r.error_subtype) for r in lines} == {
        (400, "invalid_client") if answer == "invalid_grant" else (401, None)}
    assert "test-client-secret" not in caplog.text and "regenerated-at-conta-azul" not in caplog.text


def test_a_worker_run_meeting_our_refused_secret_records_it_and_pauses_nothing(api_app, secret_regenerated, caplog):
    connection, flow = secret_regenerated
    settings = current_settings()

    ran = work_due_flows(get_session(), settings, get_engine(), SheetsClients(settings, get_engine()), "worker-test")

    session = get_session()
    session.expire_all()
    recorded = session.query(FlowRun).filter_by(flow_id=flow.id).one()
    stored = session.get(Flow, flow.id)
    assert ran == 1 and recorded.problem == messages.CONTAAZUL_CLIENT_REFUSED
    assert (stored.enabled, stored.paused_by, stored.failures) == (True, None, 1)
    assert session.get(ContaAzulConnection, connection.id).status == "active"
    assert len(_client_refused_lines(caplog)) == 1


def test_sync_once_says_the_operator_should_check_the_client_credentials(api_app, secret_regenerated):
    _, flow = secret_regenerated

    once = api_app.test_cli_runner().invoke(args=["sync", "once", str(flow.id)])

    assert once.exit_code == 1 and "check CONTAAZUL_CLIENT_ID and CONTAAZUL_CLIENT_SECRET" in once.output
    assert "Traceback" not in once.output
