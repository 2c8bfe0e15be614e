"""Nobody reaches a spreadsheet they cannot edit through the backend's service account.

The backend's one Google identity can open every sheet any customer shared with it, and a
spreadsheet id is in every link to the sheet. These are the attacks issue 14 saw work, each as the
attacker's steps against gunicorn: a stranger, a viewer and a removed editor try to read the
victim's headers, preview or run her sheet, create or repoint a flow onto it, make a sales log
write into it, and drive rows into her own Conta Azul; and the proof that lets an editor in runs out
for someone removed as an editor.
"""
from __future__ import annotations

import time

import pytest
from google.oauth2.credentials import Credentials
from gspread.exceptions import APIError
from gspread.urls import SPREADSHEET_URL

from sheets_addon.google_endpoints import gspread_client
from tests.add_on import person_token
from tests.security.conftest import (AURORA, COLLEAGUE, FORMER, IPE, STRANGER, VICTIM, VIEWER, let_a_day_pass,
                                     service_account_email)

CUSTOMERS = [["Nome", "CPF/CNPJ", "E-mail", "Enviar?", "Status Azulejo"],
             ["Helena Duarte Lima", "529.982.247-25", "helena@example.com", "", ""]]
PAYROLL = [["Nome", "CPF", "Salário"], ["Carla Mendes", "111.444.777-35", "R$ 4.250,00"]]
CUSTOMER_MAPPING = {"name": "Nome", "document": "CPF/CNPJ", "email": "E-mail"}
SHEET_OPENED = {"spreadsheets.get", "values.get", "values.batchGet", "values.update", "values.batchUpdate",
                "values.append", "spreadsheets.batchUpdate"}


@pytest.fixture
def victims_sheet(deployment):
    """Ana's private spreadsheet: shared as editor with the backend's service account, a colleague and
    (for now) Fábio, and as viewer with her accountant."""
    return deployment.sheets.create_spreadsheet("Padaria Aurora — cadastros", {
        "Clientes": CUSTOMERS, "Folha": PAYROLL}, owner=VICTIM, shared_with={
            service_account_email(deployment): "writer", COLLEAGUE: "writer", FORMER: "writer", VIEWER: "reader"})


def customer_flow(connection_id: int, spreadsheet_id: str, **changes) -> dict:
    return {"connection_id": connection_id, "name": "Clientes", "kind": "customer", "spreadsheet_id": spreadsheet_id,
            "worksheet": "Clientes", "trigger_column": "Enviar?", "mapping": CUSTOMER_MAPPING, **changes}


def sales_log(connection_id: int, spreadsheet_id: str) -> dict:
    return {"connection_id": connection_id, "name": "Registro", "kind": "sales_log", "spreadsheet_id": spreadsheet_id,
            "worksheet": "Clientes", "enabled": True}


def opened(deployment, spreadsheet_id: str) -> set[str]:
    """The Sheets calls anyone made on the spreadsheet that read or wrote its cells or tabs."""
    return set(deployment.sheets.stats()["by_spreadsheet"].get(spreadsheet_id, {})) & SHEET_OPENED


@pytest.mark.parametrize("attacker", [STRANGER, VIEWER])
def test_knowing_the_id_is_not_enough_to_read_preview_run_or_point_a_flow_at_the_sheet(
        deployment, person, victims_sheet, attacker):
    mallory = person(attacker)
    connection = mallory.connect(IPE)  # her own Conta Azul: the backend will act for her
    # The add-on's proof: the challenge is hers to ask for, but Google will not let her write it.
    challenge = mallory.post(f"/api/v1/spreadsheets/{victims_sheet}/access/challenge").json()
    with pytest.raises(APIError) as refused:
        mallory.write_metadata(victims_sheet, challenge["key"], challenge["value"])
    assert refused.value.code == 403
    deployment.sheets.reset_stats()  # from here on, only what the backend does for her

    info = mallory.call("GET", f"/api/v1/spreadsheets/{victims_sheet}")
    assert info.status_code == 403 and info.json()["error"]["code"] == "spreadsheet_access_unproven"
    assert "Folha" not in info.text and "Salário" not in info.text
    proof = mallory.post(f"/api/v1/spreadsheets/{victims_sheet}/access/proof")
    assert proof.status_code == 403 and proof.json()["error"]["code"] == "spreadsheet_access_unproven"

    for body in (customer_flow(connection["id"], victims_sheet), sales_log(connection["id"], victims_sheet)):
        created = mallory.post("/api/v1/flows", json=body)
        assert created.status_code == 403, created.text
    assert mallory.call("GET", "/api/v1/flows").json()["flows"] == []

    # A flow on a sheet of her own, then pointed at Ana's.
    own_sheet = deployment.sheets.create_spreadsheet("Minha", {"Clientes": CUSTOMERS}, owner=attacker,
                                                     shared_with={service_account_email(deployment): "writer"})
    assert mallory.prove(own_sheet).status_code == 200
    flow = mallory.post("/api/v1/flows", json=customer_flow(connection["id"], own_sheet)).json()
    repointed = mallory.call("PUT", f"/api/v1/flows/{flow['id']}", json=customer_flow(connection["id"], victims_sheet))
    assert repointed.status_code == 403
    assert mallory.call("GET", f"/api/v1/flows/{flow['id']}").json()["spreadsheet_id"] == own_sheet

    assert opened(deployment, victims_sheet) == set(), "the backend opened nothing of Ana's sheet for her"


def test_a_viewer_reading_anas_proof_off_the_sheet_cannot_use_it(deployment, person, victims_sheet):
    ana, accountant = person(VICTIM), person(VIEWER)
    assert ana.prove(victims_sheet).status_code == 200
    # DOCUMENT metadata is readable by every viewer: he reads Ana's value and copies it under his key.
    as_viewer = gspread_client(Credentials(token=person_token(deployment.sheets.url, VIEWER)), deployment.sheets.url)
    found = as_viewer.http_client.request("post", SPREADSHEET_URL % victims_sheet + "/developerMetadata:search", json={
        "dataFilters": [{"developerMetadataLookup": {"locationType": "SPREADSHEET"}}]}).json()
    anas = [match["developerMetadata"]["metadataValue"] for match in found.get("matchedDeveloperMetadata", [])
            if match["developerMetadata"]["metadataKey"].startswith("azulejo.editor.")]
    assert anas, "Ana's value is there for any viewer to read"
    with pytest.raises(APIError):
        accountant.write_metadata(victims_sheet, "azulejo.editor.anything", anas[0])
    assert accountant.post(f"/api/v1/spreadsheets/{victims_sheet}/access/proof").status_code == 403
    assert accountant.call("GET", f"/api/v1/spreadsheets/{victims_sheet}").status_code == 403


def test_an_editor_gets_in_and_sees_the_tabs(deployment, person, victims_sheet):
    colleague = person(COLLEAGUE)
    assert colleague.call("GET", f"/api/v1/spreadsheets/{victims_sheet}").status_code == 403  # not yet proved
    proof = colleague.prove(victims_sheet)
    assert proof.status_code == 200 and proof.json()["proved"] is True and proof.json()["method"] == "add_on"
    info = colleague.call("GET", f"/api/v1/spreadsheets/{victims_sheet}")
    assert info.status_code == 200 and [tab["title"] for tab in info.json()["tabs"]] == ["Clientes", "Folha"]


def test_nobody_but_an_editor_drives_rows_into_anas_own_conta_azul(deployment, person, victims_sheet):
    ana, mallory = person(VICTIM), person(STRANGER)
    anas_connection = ana.connect(AURORA)
    assert ana.prove(victims_sheet).status_code == 200
    anas_flow = ana.post("/api/v1/flows", json=customer_flow(anas_connection["id"], victims_sheet, enabled=True))
    assert anas_flow.status_code == 201, anas_flow.text
    people_before = set(_people(deployment))

    mallorys = mallory.connect(IPE)
    # Her own sales log into Ana's watched tab would append rows whose trigger cells Ana's flow reads.
    assert mallory.post("/api/v1/flows", json=sales_log(mallorys["id"], victims_sheet)).status_code == 403
    # Nudging Ana's sheet nudges only her own flows: none.
    nudge = mallory.post("/api/v1/hooks/nudge", json={"spreadsheet_id": victims_sheet, "sheet": "Clientes"})
    assert nudge.status_code == 202 and nudge.json()["nudged"] == []
    # Ana's flow itself is someone else's record.
    for path in ("/run", "/preview", "/enable"):
        assert mallory.post(f"/api/v1/flows/{anas_flow.json()['id']}{path}").status_code == 404
    # Writing the rows herself is Google's to refuse: she cannot edit the sheet.
    with pytest.raises(APIError):
        mallory.write_metadata(victims_sheet, "azulejo.editor.x", "v1.0.x")

    ana.post(f"/api/v1/flows/{anas_flow.json()['id']}/run")
    assert set(_people(deployment)) == people_before, "no person of Mallory's choosing in Ana's Conta Azul"


def test_a_removed_editor_loses_the_flows_access_when_the_proof_runs_out(deployment, person, victims_sheet):
    fabio = person(FORMER)
    connection = fabio.connect(IPE)
    assert fabio.prove(victims_sheet).status_code == 200
    flow = fabio.post("/api/v1/flows", json=customer_flow(connection["id"], victims_sheet, enabled=True))
    assert flow.status_code == 201, flow.text
    assert fabio.call("GET", f"/api/v1/spreadsheets/{victims_sheet}").status_code == 200
    _wait_for(lambda: fabio.call("GET", f"/api/v1/flows/{flow.json()['id']}/runs").json()["total"],
              lambda runs: runs >= 1)  # its first run is over: a run-now below is not told "running"

    deployment.sheets.unshare(victims_sheet, FORMER)  # Ana removes him
    with pytest.raises(APIError):
        fabio.prove(victims_sheet)  # he cannot write a new proof
    let_a_day_pass(deployment, FORMER)  # and his last one runs out

    assert fabio.call("GET", f"/api/v1/spreadsheets/{victims_sheet}").status_code == 403
    assert fabio.post(f"/api/v1/flows/{flow.json()['id']}/preview").status_code == 403
    assert fabio.post(f"/api/v1/flows/{flow.json()['id']}/run").status_code == 403
    # His flow's next run (a nudge makes it now rather than at its next poll) is not run: it pauses.
    fabio.post("/api/v1/hooks/nudge", json={"spreadsheet_id": victims_sheet, "sheet": "Clientes"})
    paused = _wait_for(lambda: fabio.call("GET", f"/api/v1/flows/{flow.json()['id']}").json(),
                       lambda listed: listed["paused_by"] == "spreadsheet_access")
    assert not paused["enabled"] and "editar esta planilha" in paused["paused_reason"]
    assert fabio.post(f"/api/v1/flows/{flow.json()['id']}/enable").status_code == 403


def test_the_owner_renewing_her_proof_resumes_the_flows_its_running_out_paused(deployment, person, victims_sheet):
    ana = person(VICTIM)
    connection = ana.connect(AURORA)
    assert ana.prove(victims_sheet).status_code == 200
    flow = ana.post("/api/v1/flows", json=customer_flow(connection["id"], victims_sheet, enabled=True)).json()
    let_a_day_pass(deployment, VICTIM)  # nobody opened the sidebar or edited the sheet for a day
    ana.post("/api/v1/hooks/nudge", json={"spreadsheet_id": victims_sheet, "sheet": "Clientes"})
    paused = _wait_for(lambda: ana.call("GET", f"/api/v1/flows/{flow['id']}").json(),
                       lambda listed: listed["paused_by"] == "spreadsheet_access")
    assert paused["enabled"] is False and "a última confirmação venceu" in paused["paused_reason"]

    renewed = ana.prove(victims_sheet)  # she opens the sidebar (or edits the sheet)
    assert renewed.status_code == 200
    resumed = ana.call("GET", f"/api/v1/flows/{flow['id']}").json()
    assert resumed["enabled"] is True and resumed["paused_by"] is None
    deployment.sheets.type_cells(victims_sheet, "Clientes!D2", [["sim"]])
    ana.post("/api/v1/hooks/nudge", json={"spreadsheet_id": victims_sheet, "sheet": "Clientes", "rows": [2]})
    status = _wait_for(lambda: deployment.sheets.read(victims_sheet, "Clientes!E2"), lambda cells: bool(cells))
    assert status and status[0][0].startswith("✔"), status


def _people(deployment) -> list[str]:
    company = deployment.contaazul.state.company_by_login(VICTIM)
    return sorted(person["nome"] for person in company.people.values())


def _wait_for(read, done, seconds: float = 30.0):
    """Reads until `done(answer)` (the worker runs in its own process); the last answer."""
    deadline = time.monotonic() + seconds
    while True:
        answer = read()
        if done(answer) or time.monotonic() > deadline:
            return answer
        time.sleep(0.2)
