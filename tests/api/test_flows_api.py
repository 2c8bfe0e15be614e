"""The flows API: create, read, change, switch on and off, export, preview, run now; tenancy."""
from __future__ import annotations

import pytest

from tests.api.test_connections import ANA, JOAO, connect  # noqa: F401  (the `connect` fixture)
from tests.api.test_google_connection import backend_account
from tests.pipeline.test_sales_pipeline import HEADER, MAPPING, sale_row


@pytest.fixture
def sheet(sheets_sandbox):
    rows = [HEADER, sale_row("P-1", "Joana Prado", "529.982.247-25", "PF-KG", "2", "R$ 18,90"),
            sale_row("P-2", "Mercado Sol Ltda", "11.222.333/0001-81", "PF-KG", "dois", "18,90")]
    return sheets_sandbox.create_spreadsheet("Vendas da padaria", {"Vendas": rows, "Clientes": [["Nome", "CPF"]]})


@pytest.fixture
def ana_connection(connect):
    return connect()


def flow_body(connection_id: int, spreadsheet_id: str, **changes) -> dict:
    return {"connection_id": connection_id, "name": "Vendas do balcão", "kind": "sale",
            "spreadsheet_id": spreadsheet_id, "worksheet": "Vendas", "trigger_column": "Enviar?",
            "mapping": MAPPING, **changes}


@pytest.fixture
def flow(api, signed_in, ana_connection, sheet, prove) -> dict:
    assert prove(sheet).status_code == 200
    answer = api.post("/api/v1/flows", json=flow_body(ana_connection["id"], sheet), headers=signed_in())
    assert answer.status_code == 201, answer.json
    return answer.json


def test_a_flow_is_created_listed_read_changed_and_deleted(api, signed_in, flow, sheet):
    headers = signed_in()
    assert [f["id"] for f in api.get("/api/v1/flows", headers=headers).json["flows"]] == [flow["id"]]
    assert api.get(f"/api/v1/flows?spreadsheet_id={sheet}x", headers=headers).json["flows"] == []
    assert api.get(f"/api/v1/flows/{flow['id']}", headers=headers).json["mapping"] == MAPPING

    changed = api.open("PUT", f"/api/v1/flows/{flow['id']}", headers=headers,
                       json=flow_body(flow["connection_id"], sheet, name="Balcão"))
    assert changed.status_code == 200 and changed.json["name"] == "Balcão"

    assert api.open("DELETE", f"/api/v1/flows/{flow['id']}", headers=headers).status_code == 200
    assert api.get(f"/api/v1/flows/{flow['id']}", headers=headers).status_code == 404


def test_an_invalid_flow_answers_422_with_every_problem_in_portuguese(api, signed_in, ana_connection, sheet):
    body = flow_body(ana_connection["id"], sheet, kind="boleto", worksheet="")
    answer = api.post("/api/v1/flows", json=body, headers=signed_in())

    assert answer.status_code == 422
    problems = answer.json["error"]["problems"]
    assert any("boleto" in p for p in problems) and any("worksheet" in p for p in problems)
    no_connection = flow_body(ana_connection["id"], sheet)
    del no_connection["connection_id"]
    assert api.post("/api/v1/flows", json=no_connection, headers=signed_in()).status_code == 422


@pytest.mark.parametrize("interval", [59, 7 * 24 * 3600 + 1, 10**15])
def test_a_poll_interval_outside_a_minute_to_a_week_answers_422(api, signed_in, ana_connection, sheet, interval):
    """A huge interval once overflowed the next run's date and stopped the worker."""
    body = flow_body(ana_connection["id"], sheet, options={"poll_interval_seconds": interval})
    answer = api.post("/api/v1/flows", json=body, headers=signed_in())

    assert answer.status_code == 422
    assert any("de 60 a 604800" in p for p in answer.json["error"]["problems"])


def test_someone_elses_flow_or_connection_is_404(api, signed_in, flow, sheet, ana_connection):
    joao = signed_in(JOAO)
    for method, path in (("GET", ""), ("PUT", ""), ("DELETE", ""), ("POST", "/enable"), ("POST", "/pause"),
                         ("GET", "/export"), ("POST", "/preview"), ("POST", "/run")):
        answer = api.open(method, f"/api/v1/flows/{flow['id']}{path}", headers=joao,
                          json=flow_body(ana_connection["id"], sheet))
        assert answer.status_code == 404, (method, path)
    assert api.get("/api/v1/flows", headers=joao).json["flows"] == []
    stolen = api.post("/api/v1/flows", json=flow_body(ana_connection["id"], sheet), headers=joao)
    assert stolen.status_code == 404


def test_enable_is_refused_without_an_active_connection_and_pause_sticks(api, signed_in, flow):
    headers = signed_in()
    assert api.post(f"/api/v1/flows/{flow['id']}/enable", headers=headers).json["enabled"] is True
    assert api.post(f"/api/v1/flows/{flow['id']}/pause", headers=headers).json["enabled"] is False
    api.post(f"/api/v1/connections/{flow['connection_id']}/disconnect", headers=headers)

    refused = api.post(f"/api/v1/flows/{flow['id']}/enable", headers=headers)

    assert refused.status_code == 409 and "Conecte" in refused.json["error"]["message"]
    assert api.post(f"/api/v1/flows/{flow['id']}/run", headers=headers).status_code == 409


def test_export_is_the_document_flows_import_reads(api, signed_in, flow):
    document = api.get(f"/api/v1/flows/{flow['id']}/export", headers=signed_in()).json
    assert document["version"] == 1
    assert [(f["id"], f["owner"], f["mapping"]) for f in document["flows"]] == [(flow["id"], ANA, MAPPING)]


def test_preview_shows_the_payload_of_a_good_row_and_the_status_of_a_bad_one(
        api, signed_in, flow, contaazul_sandbox):
    sales = len(contaazul_sandbox.company().sales)
    answer = api.post(f"/api/v1/flows/{flow['id']}/preview", headers=signed_in())

    rows = {row["row"]: row for row in answer.json["rows"]}
    assert answer.status_code == 200 and set(rows) == {2, 3}
    assert rows[2]["payload"]["itens"][0]["quantidade"] == 2
    assert rows[3]["payload"] is None and "Qtd" in rows[3]["status"]
    assert len(contaazul_sandbox.company().sales) == sales
    assert len(api.post(f"/api/v1/flows/{flow['id']}/preview?limit=1", headers=signed_in()).json["rows"]) == 1
    assert api.post(f"/api/v1/flows/{flow['id']}/preview?limit=0", headers=signed_in()).status_code == 422


def test_run_now_creates_the_sale_in_conta_azul(api, signed_in, flow, contaazul_sandbox):
    sales = len(contaazul_sandbox.company().sales)
    answer = api.post(f"/api/v1/flows/{flow['id']}/run", headers=signed_in())

    assert answer.status_code == 200, answer.json
    assert (answer.json["created"], answer.json["failed"]) == (1, 1)
    assert len(contaazul_sandbox.company().sales) == sales + 1


def test_catalog_lists_fields_and_suggests_columns(api, signed_in):
    answer = api.get("/api/v1/catalog/sale?headers=Pedido&headers=CPF/CNPJ&headers=Status Azulejo"
                     "&status_column=Status Azulejo", headers=signed_in())
    assert answer.status_code == 200
    assert answer.json["suggested"]["client_document"] == "CPF/CNPJ"
    assert "Status Azulejo" not in answer.json["suggested"].values()
    assert any(f["required"] for f in answer.json["fields"])
    posted = api.post("/api/v1/catalog/customer", json={"headers": ["Nome", "Documento"]}, headers=signed_in())
    assert posted.status_code == 200 and posted.json["suggested"]
    assert api.post("/api/v1/catalog/customer", json={"headers": "Nome"}, headers=signed_in()).status_code == 422
    assert api.get("/api/v1/catalog/boleto", headers=signed_in()).status_code == 404
    assert api.get("/api/v1/catalog/sales_log", headers=signed_in()).json["suggested"] == {}


def test_spreadsheet_info_lists_tabs_with_their_headers(api, signed_in, sheet, sheets_sandbox, prove):
    assert prove(sheet).status_code == 200
    sheets_sandbox.reset_stats()
    answer = api.get(f"/api/v1/spreadsheets/{sheet}", headers=signed_in())

    assert answer.status_code == 200
    assert [(tab["title"], tab["headers"]) for tab in answer.json["tabs"]] == [
        ("Vendas", HEADER), ("Clientes", ["Nome", "CPF"])]
    assert sum(sheets_sandbox.stats()["by_method"].values()) == 2


def test_a_sheet_the_backend_cannot_open_answers_with_how_to_share_it(api, signed_in, sheets_sandbox):
    answer = api.get("/api/v1/spreadsheets/nao-existe", headers=signed_in())
    assert answer.status_code == 403 and "compartilhe" in answer.json["error"]["message"].lower()
    assert backend_account(sheets_sandbox) in answer.json["error"]["message"]
