"""The backend's own Google account is a real service account: a key file the Sheets stand-in made,
google-auth's service-account credentials made once per process, the sharing model enforced by the
stand-in, and the person told which e-mail to share their sheet with."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from google.auth.exceptions import RefreshError
from google.auth.transport.requests import Request

from app import create_app
from sandbox.contaazul import DEMO_EMAIL
from sheets_addon import messages
from sheets_addon.config import current_settings
from sheets_addon.db import get_engine, get_session
from sheets_addon.google_access import (SCOPES, GoogleAccessNotConfigured, ServiceAccountRefused, SheetsClients,
                                        SharedServiceAccountCredentials)
from sheets_addon.sync.work import work_due_flows
from tests import wiring

ANA = DEMO_EMAIL
CUSTOMERS = {"Clientes": [["Nome", "Enviar?"], ["Maria Souza", "sim"]]}


@pytest.fixture
def robot(sheets_sandbox) -> str:
    """The e-mail of the backend's service account, read from the key file the backend was given."""
    with open(sheets_sandbox.service_account_file(), encoding="utf-8") as key_file:
        return json.load(key_file)["client_email"]


@pytest.fixture
def connection(api, signed_in, contaazul_sandbox):
    api.get("/api/v1/me", headers=signed_in())
    return wiring.connect_demo_company(contaazul_sandbox)


def customer_flow(connection, spreadsheet_id: str):
    return wiring.make_flow(connection, "customer", spreadsheet_id, {"name": "Nome"}, worksheet="Clientes")


def worker_pass() -> int:
    """One pass of the worker's loop: a new `SheetsClients`, as each pass makes."""
    settings = current_settings()
    return work_due_flows(get_session(), settings, get_engine(), SheetsClients(settings, get_engine()), "worker-test")


def tokens_fetched(sheets_sandbox) -> int:
    return sheets_sandbox.stats()["service_accounts"]["tokens_issued"]


def test_me_names_the_service_account_to_share_sheets_with(api, signed_in, robot):
    access = api.get("/api/v1/me", headers=signed_in()).json["google_access"]

    assert access["mode"] == "service_account" and access["connection"] is None
    assert access["share_with"] == access["service_account_email"] == robot
    assert robot == "azulejo-backend@azulejo-sandbox.iam.gserviceaccount.com"


def test_the_worker_reads_and_writes_shared_sheets_with_one_token_for_every_pass(
        api, signed_in, sheets_sandbox, connection, robot):
    sheets = [sheets_sandbox.create_spreadsheet(f"Clientes {n}", CUSTOMERS, owner=ANA, shared_with={robot: "writer"})
              for n in (1, 2)]
    flows = [customer_flow(connection, sheet) for sheet in sheets]
    sheets_sandbox.reset_stats()  # Ana's add-on wrote its proofs as her; from here on, the backend alone

    first = worker_pass()
    for sheet in sheets:
        sheets_sandbox.type_cells(sheet, "Clientes!A3", [["João Lima", "sim"]])
        api.post("/api/v1/hooks/nudge", json={"spreadsheet_id": sheet, "sheet": "Clientes"}, headers=signed_in())
    second = worker_pass()
    run_now = [api.post(f"/api/v1/flows/{flow.id}/run", headers=signed_in()).status_code for flow in flows]
    info = api.get(f"/api/v1/spreadsheets/{sheets[0]}", headers=signed_in())

    assert (first, second) == (2, 2) and run_now == [200, 200] and info.status_code == 200
    for sheet in sheets:
        statuses = [row[0] for row in sheets_sandbox.read(sheet, "Clientes!C2:C3")]
        assert all(status.startswith("✔") for status in statuses) and len(statuses) == 2
    assert tokens_fetched(sheets_sandbox) == 1
    assert set(sheets_sandbox.stats()["by_user"]) == {robot}


def test_an_expired_access_token_is_fetched_again_once(api, signed_in, sheets_sandbox, connection, robot):
    sheet = sheets_sandbox.create_spreadsheet("Clientes", CUSTOMERS, owner=ANA, shared_with={robot: "writer"})
    customer_flow(connection, sheet)
    worker_pass()

    sheets_sandbox.expire_access_tokens()
    sheets_sandbox.type_cells(sheet, "Clientes!A3", [["João Lima", "sim"]])
    api.post("/api/v1/hooks/nudge", json={"spreadsheet_id": sheet, "sheet": "Clientes"}, headers=signed_in())

    assert worker_pass() == 1
    assert sheets_sandbox.read(sheet, "Clientes!C3")[0][0].startswith("✔")
    assert tokens_fetched(sheets_sandbox) == 2


def test_a_sheet_not_shared_with_it_says_whom_to_share_it_with(api, signed_in, sheets_sandbox, connection, robot):
    never_shared = sheets_sandbox.create_spreadsheet("Rascunho da Ana", CUSTOMERS, owner=ANA)
    refused = api.get(f"/api/v1/spreadsheets/{never_shared}", headers=signed_in())
    assert refused.status_code == 403 and robot in refused.json["error"]["message"]  # before any proof, too

    private = sheets_sandbox.create_spreadsheet("Clientes da Ana", CUSTOMERS, owner=ANA, shared_with={robot: "writer"})
    flow = customer_flow(connection, private)  # Ana proved she can edit it while it was shared
    sheets_sandbox.unshare(private, robot)      # then she stopped sharing it with the backend
    share_it = messages.SPREADSHEET_NOT_SHARED.format(account=robot)

    worker_pass()
    runs = api.get(f"/api/v1/flows/{flow.id}/runs", headers=signed_in()).json["runs"]
    run_now = api.post(f"/api/v1/flows/{flow.id}/run", headers=signed_in())
    info = api.get(f"/api/v1/spreadsheets/{private}", headers=signed_in())

    assert [run["problem"] for run in runs] == [share_it]
    assert "Compartilhe-a como editor com azulejo-backend@azulejo-sandbox.iam.gserviceaccount.com" in share_it
    assert run_now.status_code == info.status_code == 403
    assert run_now.json["error"]["message"] == info.json["error"]["message"] == share_it
    assert sheets_sandbox.read(private, "Clientes!A1:C2") == CUSTOMERS["Clientes"]  # nothing written

    sheets_sandbox.share(private, robot)
    assert api.post(f"/api/v1/flows/{flow.id}/run", headers=signed_in()).status_code == 200
    assert sheets_sandbox.read(private, "Clientes!C2")[0][0].startswith("✔")


def test_a_refused_service_account_is_the_operators_to_mend_and_pauses_nothing(
        api, signed_in, sheets_sandbox, connection, robot):
    sheet = sheets_sandbox.create_spreadsheet("Clientes", CUSTOMERS, owner=ANA, shared_with={robot: "writer"})
    flow = customer_flow(connection, sheet)
    sheets_sandbox.advance_clock(2 * 3600)  # the token expires, and Google refuses the next assertion

    run_now = api.post(f"/api/v1/flows/{flow.id}/run", headers=signed_in())
    info = api.get(f"/api/v1/spreadsheets/{sheet}", headers=signed_in())
    shown = api.get(f"/api/v1/flows/{flow.id}", headers=signed_in()).json

    assert run_now.status_code == 200 and run_now.json["problem"] == messages.GOOGLE_SERVICE_ACCOUNT_REFUSED
    assert "Avise quem administra o Azulejo" in messages.GOOGLE_SERVICE_ACCOUNT_REFUSED
    assert info.status_code == 503 and info.json["error"]["code"] == "google_service_account_refused"
    assert shown["enabled"] and shown["paused_by"] is None  # it runs again once the operator mends the account


def test_only_a_refusal_for_good_is_the_service_accounts_a_failing_token_endpoint_is_not(sheets_sandbox):
    key = json.loads(Path(sheets_sandbox.service_account_file()).read_text())
    failing = SharedServiceAccountCredentials.from_service_account_info(
        {**key, "token_uri": f"{sheets_sandbox.url}/no-token-endpoint-here"}, scopes=SCOPES)
    refusing = SharedServiceAccountCredentials.from_service_account_info(key, scopes=SCOPES)
    sheets_sandbox.advance_clock(2 * 3600)  # our assertions now look two hours old: invalid_grant

    with pytest.raises(RefreshError) as failed:
        failing.refresh(Request())
    with pytest.raises(ServiceAccountRefused):
        refusing.refresh(Request())
    assert not isinstance(failed.value, ServiceAccountRefused)


@pytest.mark.parametrize("content", [None, "", "{}", "private"])
def test_a_missing_or_broken_key_file_stops_the_start_naming_the_file_only(
        tmp_path, contaazul_sandbox, sheets_sandbox, content):
    key = json.loads(Path(sheets_sandbox.service_account_file()).read_text())
    path = tmp_path / "chave.json"
    if content == "private":  # a key file whose private key was cut short
        content = json.dumps({**key, "private_key": key["private_key"][:600]})
    if content is not None:
        path.write_text(content)
    config = {**wiring.backend_config(tmp_path / "a.db", contaazul_sandbox, sheets_sandbox),
              "GOOGLE_SERVICE_ACCOUNT_FILE": str(path)}

    with pytest.raises(GoogleAccessNotConfigured, match="GOOGLE_SERVICE_ACCOUNT_FILE=") as refused:
        create_app(config)

    assert str(path) in str(refused.value)
    assert key["private_key"][40:100] not in str(refused.value)
