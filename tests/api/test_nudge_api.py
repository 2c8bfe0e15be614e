"""The add-on's nudge: only the caller's enabled flows on that tab are marked; never the data; rate limited."""
from __future__ import annotations

from app import create_app
from sheets_addon.db import get_session, upgrade_database
from tests import wiring
from sheets_addon.models import Flow
from tests.api.test_connections import JOAO, connect  # noqa: F401  (the `connect` fixture)
from tests.api.test_flows_api import ana_connection, flow, flow_body, sheet  # noqa: F401  (fixtures)


def nudged_at(flow_id: int):
    return get_session().get(Flow, flow_id, populate_existing=True).nudged_at


def test_a_nudge_marks_only_the_callers_enabled_flows_on_that_tab(api, signed_in, connect, flow, sheet, prove):
    api.post(f"/api/v1/flows/{flow['id']}/enable", headers=signed_in())
    joaos_connection = connect(JOAO, login=(JOAO, "ipe123"))
    assert prove(sheet, JOAO).status_code == 200  # João edits the same sheet
    joaos = api.post("/api/v1/flows", json=flow_body(joaos_connection["id"], sheet, enabled=True),
                     headers=signed_in(JOAO)).json

    other_tab = api.post("/api/v1/hooks/nudge", json={"spreadsheet_id": sheet, "sheet": "Clientes", "rows": [2]},
                         headers=signed_in())
    assert other_tab.status_code == 202 and other_tab.json["nudged"] == []
    answer = api.post("/api/v1/hooks/nudge", json={"spreadsheet_id": sheet, "sheet": "Vendas", "rows": [2, 3]},
                      headers=signed_in())

    assert answer.status_code == 202 and answer.json["nudged"] == [flow["id"]]
    assert nudged_at(flow["id"]) is not None and nudged_at(joaos["id"]) is None


def test_a_paused_flow_is_not_nudged_and_a_malformed_nudge_is_422(api, signed_in, flow, sheet):
    answer = api.post("/api/v1/hooks/nudge", json={"spreadsheet_id": sheet, "sheet": "Vendas"}, headers=signed_in())
    assert answer.json["nudged"] == [] and nudged_at(flow["id"]) is None
    for body in ({"sheet": "Vendas"}, {"spreadsheet_id": sheet, "sheet": ""},
                 {"spreadsheet_id": sheet, "sheet": "Vendas", "rows": [["Joana", "529.982.247-25"]]}, [1]):
        assert api.post("/api/v1/hooks/nudge", json=body, headers=signed_in()).status_code == 422, body


def test_too_many_nudges_answer_429_with_retry_after_for_that_user_only(api, signed_in, sheet):
    body = {"spreadsheet_id": sheet, "sheet": "Vendas"}
    answers = [api.post("/api/v1/hooks/nudge", json=body, headers=signed_in()) for _ in range(31)]

    assert [a.status_code for a in answers[:30]] == [202] * 30
    assert answers[30].status_code == 429 and int(answers[30].headers["Retry-After"]) >= 1
    assert answers[30].json["error"]["code"] == "too_many_nudges"
    assert api.post("/api/v1/hooks/nudge", json=body, headers=signed_in(JOAO)).status_code == 202


def test_the_nudge_limit_is_a_setting(tmp_path, contaazul_sandbox, sheets_sandbox, signed_in, sheet):
    config = wiring.backend_config(tmp_path / "strict.db", contaazul_sandbox, sheets_sandbox)
    app = create_app({**config, "NUDGES_PER_MINUTE": 2})
    with app.app_context():
        upgrade_database()
        client, body = app.test_client(), {"spreadsheet_id": sheet, "sheet": "Vendas"}
        answers = [client.post("/api/v1/hooks/nudge", json=body, headers=signed_in()).status_code for _ in range(3)]
    assert answers == [202, 202, 429]


def test_a_nudge_names_at_most_1000_rows_each_within_the_largest_sheet(api, signed_in, sheet):
    """The add-on sends at most 1,000 row numbers (MAX_NUDGED_ROWS in Triggers.gs), and Google Sheets holds
    at most 10 million cells, so no row lies past 10,000,000."""
    def nudge(rows: list) -> int:
        body = {"spreadsheet_id": sheet, "sheet": "Vendas", "rows": rows}
        return api.post("/api/v1/hooks/nudge", json=body, headers=signed_in()).status_code

    assert nudge(list(range(2, 1002))) == 202
    assert nudge([2, 10_000_000]) == 202
    assert nudge(list(range(2, 1003))) == 422
    assert nudge([2, 10_000_001]) == 422
    assert nudge([2**63]) == 422
    refused = api.post("/api/v1/hooks/nudge", json={"spreadsheet_id": sheet, "sheet": "Vendas", "rows": [0]},
                       headers=signed_in())
    assert refused.json["error"]["message"] == ('Envie "spreadsheet_id" e "sheet" (textos) e, se quiser, "rows": '
                                                'até 1.000 números de linha, de 1 a 10.000.000.')
