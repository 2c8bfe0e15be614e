"""Per-row outcomes and the flow's days: errors first with the row they sit on, kept current as
rows move; a sales log's rows from its own ledger; only the owner sees them."""
from __future__ import annotations

from datetime import datetime, timedelta

from gspread.utils import absolute_range_name

from contaazul.wire import SAO_PAULO
from sheets_addon.db import get_session
from sheets_addon.models import FlowRun, utcnow
from tests.api.test_connections import JOAO, connect  # noqa: F401  (the `connect` fixture)
from tests.api.test_flows_api import ana_connection, flow, flow_body, sheet  # noqa: F401  (fixtures)
from tests.pipeline.test_sales_log_pipeline import LONG_AGO, QUICK_COLUMNS


def rows_of(api, headers, flow_id: int, query: str = "") -> dict:
    answer = api.get(f"/api/v1/flows/{flow_id}/rows{query}", headers=headers)
    assert answer.status_code == 200, answer.json
    return answer.json


def days_of(api, headers, flow_id: int, query: str = "") -> list[dict]:
    answer = api.get(f"/api/v1/flows/{flow_id}/activity{query}", headers=headers)
    assert answer.status_code == 200, answer.json
    return answer.json["days"]


def test_errors_come_first_with_their_row_and_done_rows_carry_the_record(api, signed_in, flow):
    headers = signed_in()
    api.post(f"/api/v1/flows/{flow['id']}/run", headers=headers)

    listed = rows_of(api, headers, flow["id"])

    failed, done = listed["rows"]
    assert listed["total"] == 2 and (listed["page"], listed["per_page"]) == (1, 20)
    assert (failed["row"], failed["state"], failed["retryable"], failed["contaazul_id"]) == (3, "failed", False, None)
    assert failed["status"].startswith("✖") and "Qtd" in failed["status"]
    assert (done["row"], done["state"], done["retryable"]) == (2, "done", False)
    assert done["contaazul_id"] and isinstance(done["contaazul_number"], int)
    assert done["status"].startswith(f"✔ Venda {done['contaazul_number']}")
    assert [r["row"] for r in rows_of(api, headers, flow["id"], "?state=done")["rows"]] == [2]
    assert rows_of(api, headers, flow["id"], "?state=pending") == {"rows": [], "page": 1, "per_page": 20, "total": 0}
    assert [r["row"] for r in rows_of(api, headers, flow["id"], "?page=2&per_page=1")["rows"]] == [2]
    assert rows_of(api, headers, flow["id"], "?page=99999999999999999999")["rows"] == []


def test_the_row_number_follows_the_row_when_rows_are_inserted_above_it(api, signed_in, flow, sheet,
                                                                          sheets_sandbox):
    headers = signed_in()
    api.post(f"/api/v1/flows/{flow['id']}/run", headers=headers)
    sheets_sandbox.insert_rows(sheet, "Vendas", at_row=2, count=2)

    api.post(f"/api/v1/flows/{flow['id']}/run", headers=headers)  # the bad row, unchanged, is seen at row 5
    failed, done = rows_of(api, headers, flow["id"])["rows"]
    assert (failed["state"], failed["row"]) == ("failed", 5)
    assert (done["state"], done["row"]) == ("done", 2)  # not read again (its ✔ is final): last known

    sheets_sandbox.type_cells(sheet, absolute_range_name("Vendas", "F5"), [["2"]])  # fixed where it now is
    api.post(f"/api/v1/flows/{flow['id']}/run", headers=headers)
    assert [(r["state"], r["row"]) for r in rows_of(api, headers, flow["id"])["rows"]] == [("done", 5), ("done", 2)]


def test_the_days_count_what_each_run_did_zero_filled(api, signed_in, flow, sheet, sheets_sandbox):
    headers = signed_in()
    api.post(f"/api/v1/flows/{flow['id']}/run", headers=headers)
    api.post(f"/api/v1/flows/{flow['id']}/run", headers=headers)  # nothing new: the bad row is unchanged

    days = days_of(api, headers, flow["id"])

    today = utcnow().astimezone(SAO_PAULO).date()
    assert [day["date"] for day in days] == [(today - timedelta(days=n)).isoformat() for n in range(13, -1, -1)]
    assert days[-1] == {"date": today.isoformat(), "sent": 1, "errors": 1, "runs": 2, "problems": 0}
    assert all(day == {"date": day["date"], "sent": 0, "errors": 0, "runs": 0, "problems": 0} for day in days[:-1])
    assert [len(days_of(api, headers, flow["id"], f"?days={n}")) for n in (1, 90)] == [1, 90]


def test_a_run_belongs_to_its_sao_paulo_day(api, signed_in, flow):
    today = utcnow().astimezone(SAO_PAULO).date()

    def at(day, hour: int, minute: int) -> datetime:
        return datetime(day.year, day.month, day.day, hour, minute, tzinfo=SAO_PAULO)

    session = get_session()
    for started, counts, problem in ((at(today, 0, 30), {"created": 3, "recovered": 1}, None),
                                     (at(today - timedelta(days=1), 23, 30), {"failed": 2}, None),
                                     (at(today - timedelta(days=1), 12, 0), {}, "unexpected error: OSError"),
                                     (at(today - timedelta(days=14), 12, 0), {"created": 5}, None)):
        session.add(FlowRun(flow_id=flow["id"], trigger="schedule", started_at=started, finished_at=started,
                            duration_ms=0, counts=counts, problem=problem))
    session.commit()

    days = days_of(api, signed_in(), flow["id"])
    assert days[-1] == {"date": today.isoformat(), "sent": 4, "errors": 0, "runs": 1, "problems": 0}
    assert days[-2] == {"date": (today - timedelta(days=1)).isoformat(), "sent": 0, "errors": 2, "runs": 2,
                        "problems": 1}
    assert sum(day["sent"] for day in days) == 4  # 14 days ago is outside the last 14 days
    assert days_of(api, signed_in(), flow["id"], "?days=15")[0]["sent"] == 5


def test_a_sales_logs_rows_are_its_logged_sales(api, signed_in, ana_connection, sheets_sandbox, contaazul_sandbox,
                                                prove):
    tab = sheets_sandbox.create_spreadsheet("Registro de vendas", {"Vendas": []})
    assert prove(tab).status_code == 200
    body = {"connection_id": ana_connection["id"], "name": "Registro", "kind": "sales_log", "spreadsheet_id": tab,
            "worksheet": "Vendas", "columns": QUICK_COLUMNS, "options": LONG_AGO}
    log = api.post("/api/v1/flows", json=body, headers=signed_in()).json
    appended = api.post(f"/api/v1/flows/{log['id']}/run", headers=signed_in()).json["appended"]
    assert appended > 0

    listed = rows_of(api, signed_in(), log["id"], "?per_page=100")

    assert listed["total"] == appended
    sheet_rows = {row[-1]: number for number, row in
                  enumerate(sheets_sandbox.read(tab, "Vendas", render="UNFORMATTED_VALUE"), start=1)}
    for outcome in listed["rows"]:
        assert (outcome["state"], outcome["retryable"]) == ("done", False)
        assert outcome["row"] == sheet_rows[outcome["contaazul_id"]]
        assert outcome["status"] == f"Venda {outcome['contaazul_number']} registrada na planilha"
    assert rows_of(api, signed_in(), log["id"], "?state=failed")["total"] == 0
    assert days_of(api, signed_in(), log["id"])[-1]["sent"] == appended


def test_someone_elses_rows_and_days_are_404_and_bad_parameters_422(api, signed_in, flow):
    for path in ("rows", "activity"):
        assert api.get(f"/api/v1/flows/{flow['id']}/{path}", headers=signed_in(JOAO)).status_code == 404
        assert api.get(f"/api/v1/flows/999999/{path}", headers=signed_in()).status_code == 404
        for too_big in (2**31, 2**64):  # past PostgreSQL's INTEGER, past SQLite's: each once a 500
            assert api.get(f"/api/v1/flows/{too_big}/{path}", headers=signed_in()).status_code == 404
    for query in ("page=0", "per_page=101", "page=x", "page=²", "state=ok", "state="):
        answer = api.get(f"/api/v1/flows/{flow['id']}/rows?{query}", headers=signed_in())
        assert answer.status_code == 422, query
    for query in ("days=0", "days=91", "days=-1", "days=1.5", "days="):
        answer = api.get(f"/api/v1/flows/{flow['id']}/activity?{query}", headers=signed_in())
        assert answer.status_code == 422, query
        assert answer.json["error"]["code"] == "invalid_days"
