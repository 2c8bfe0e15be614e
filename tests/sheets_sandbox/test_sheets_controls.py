"""The controls a test or benchmark uses to act as the person at the sheet (or its owner sharing it), in-process
and over HTTP."""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import gspread
import httpx
import pytest
from google.oauth2.credentials import Credentials

from sandbox.sheets.errors import GoogleError
from sheets_addon.google_endpoints import gspread_client as build_client
from tests.sheets_sandbox.conftest import SALES_ROWS


def test_create_spreadsheet_types_rows_as_a_person(sheets_sandbox):
    book_id = sheets_sandbox.create_spreadsheet("Pedidos", {
        "Pedidos": [["Quando", "Quanto", "Hora", "Pago"], [date(2026, 12, 31), Decimal("10.50"), datetime(2026, 1, 2,
                                                                                                           3, 4, 5),
                                                           True]],
        "Vazia": []})
    assert sheets_sandbox.read(book_id, "Pedidos!A2:D2") == [["31/12/2026", "10,5", "02/01/2026 03:04:05",
                                                               "VERDADEIRO"]]
    assert sheets_sandbox.read(book_id, "Pedidos!A2:B2", render="UNFORMATTED_VALUE") == [[46387, 10.5]]
    assert [sheet.title for sheet in sheets_sandbox.spreadsheet(book_id).sheets] == ["Pedidos", "Vazia"]
    assert sheets_sandbox.stats()["requests"] == 0          # the person's work is not an API call


def test_wide_and_long_tabs_get_a_grid_that_fits(sheets_sandbox):
    book_id = sheets_sandbox.create_spreadsheet("Grande", {"T": [[str(i)] * 30 for i in range(1200)]})
    sheet = sheets_sandbox.spreadsheet(book_id).sheets[0]
    assert (sheet.row_count, sheet.column_count) == (1200, 30)
    assert sheets_sandbox.read(book_id, "T!AD1200") == [["1199"]]


def test_default_spreadsheet_has_a_brazilian_first_tab(sheets_sandbox):
    book_id = sheets_sandbox.create_spreadsheet("Nova")
    assert sheets_sandbox.spreadsheet(book_id).sheets[0].title == "Página1"


def test_type_cells_then_read_in_each_render(sheets_sandbox, sales_id):
    assert sheets_sandbox.type_cells(sales_id, "Vendas!A5", [["01/04/2027", "Gil", "R$ 3,00", "=C5*2"]]) == \
        "Vendas!A5:D5"
    assert sheets_sandbox.read(sales_id, "Vendas!A5:D5") == [["01/04/2027", "Gil", "R$ 3,00", "R$ 6,00"]]
    assert sheets_sandbox.read(sales_id, "Vendas!D5", render="FORMULA") == [["=C5*2"]]
    assert sheets_sandbox.read(sales_id, "Vendas!A1:A2", major="COLUMNS") == [["Data", "31/12/2026"]]


def test_sort_tab_keeps_the_header_puts_blanks_last_and_ignores_accents(sheets_sandbox):
    rows = [["Nome", "Valor"], ["bruno", "10"], ["Álvaro", "2"], ["", "5"], ["Ana", "1.000"], ["carla", ""]]
    book_id = sheets_sandbox.create_spreadsheet("Ordem", {"T": rows})
    sheets_sandbox.sort_tab(book_id, "T", 0)
    assert [row[0] for row in sheets_sandbox.read(book_id, "T!A:A")] == ["Nome", "Álvaro", "Ana", "bruno", "carla"]
    sheets_sandbox.sort_tab(book_id, "T", 1, ascending=False)
    assert sheets_sandbox.read(book_id, "T!A2:B6") == [["Ana", "1.000"], ["bruno", "10"], ["", "5"], ["Álvaro", "2"],
                                                      ["carla"]]


def test_sort_orders_numbers_then_text_then_booleans(sheets_sandbox):
    book_id = sheets_sandbox.create_spreadsheet("Tipos", {"T": [["x"], ["b"], ["TRUE"], ["10"], ["a"], ["2"]]})
    sheets_sandbox.sort_tab(book_id, "T", 0, header_rows=0)
    assert sheets_sandbox.read(book_id, "T!A:A") == [["2"], ["10"], ["a"], ["b"], ["x"], ["VERDADEIRO"]]


def test_rows_travel_when_inserted_and_deleted(sheets_sandbox, sales_id, vendas):
    sheets_sandbox.insert_rows(sales_id, "Vendas", at_row=2, count=2)
    assert vendas.col_values(2) == ["Cliente", "", "", "Ana Souza", "Bruno Lima", "Carla Dias"]
    assert sheets_sandbox.spreadsheet(sales_id).sheets[0].row_count == 1002
    sheets_sandbox.delete_rows(sales_id, "Vendas", start_row=2, count=3)
    assert vendas.col_values(2) == ["Cliente", "Bruno Lima", "Carla Dias"]


def test_controls_refuse_what_a_person_could_not_do(sheets_sandbox, sales_id):
    with pytest.raises(GoogleError, match="No tab named"):
        sheets_sandbox.sort_tab(sales_id, "Nope", 0)
    with pytest.raises(GoogleError):
        sheets_sandbox.delete_rows(sales_id, "Vendas", start_row=1, count=1000)
    with pytest.raises(GoogleError):
        sheets_sandbox.type_cells("1nope", "A1", [["x"]])


def test_the_same_controls_over_http(sheets_sandbox):
    with httpx.Client(base_url=f"{sheets_sandbox.url}/_sandbox", timeout=5) as http:
        assert http.get("/health").json() == {"ok": True}
        book_id = http.post("/spreadsheets", json={"title": "Via HTTP", "tabs": {"Vendas": SALES_ROWS}}).json()[
            "spreadsheetId"]
        assert http.post("/type-cells", json={"spreadsheet_id": book_id, "a1_range": "Vendas!A5",
                                              "rows": [["01/04/2027", "Gil"]]}).json() == {
            "updatedRange": "Vendas!A5:B5"}
        assert http.post("/sort-tab", json={"spreadsheet_id": book_id, "tab": "Vendas", "column_index": 1,
                                            "ascending": False}).status_code == 200
        assert http.post("/insert-rows", json={"spreadsheet_id": book_id, "tab": "Vendas", "at_row": 2}).is_success
        assert http.post("/delete-rows", json={"spreadsheet_id": book_id, "tab": "Vendas", "start_row": 2}).is_success
        read = http.post("/read", json={"spreadsheet_id": book_id, "a1_range": "Vendas!B1:B6",
                                        "render": "UNFORMATTED_VALUE"})
        assert read.json() == {"values": [["Cliente"], ["Gil"], ["Carla Dias"], ["Bruno Lima"], ["Ana Souza"]]}
        assert http.post("/quotas", json={"read_per_minute": 5}).json()["read_per_minute"] == 5
        assert http.post("/faults", json={"fail_next": 1}).json()["fail_next"] == 1
        assert http.post("/auth", json={"strict": True, "tokens": {"t": "ana"}}).json() == {"strict": True,
                                                                                            "tokens": 1}
        assert http.post("/advance-clock", json={"seconds": 60}).json()["now"] > 0
        assert http.get("/stats").json()["requests"] == 0
        assert http.post("/stats/reset").json() == {"ok": True}
        refused = http.post("/sort-tab", json={"spreadsheet_id": book_id, "tab": "Vendas"})
        assert refused.status_code == 400 and refused.json()["error"]["status"] == "INVALID_ARGUMENT"
        wrong_type = http.post("/insert-rows", json={"spreadsheet_id": book_id, "tab": "Vendas", "at_row": "x"})
        assert wrong_type.status_code == 400
    assert sheets_sandbox.world.quotas.read_per_minute == 5
    assert sheets_sandbox.stats()["unexpected_errors"] == 0


def test_sharing_again_downgrades_an_editor_and_unsharing_takes_access_away(sheets_sandbox):
    sheets_sandbox.register_token("t-joao", "joao@oficinaipe.com.br")
    book_id = sheets_sandbox.create_spreadsheet("Privada", {"Vendas": SALES_ROWS}, owner="ana@padariaaurora.com.br",
                                                shared_with={"joao@oficinaipe.com.br": "writer"})
    joao = build_client(Credentials(token="t-joao"), sheets_sandbox.url)
    joao.open_by_key(book_id).worksheet("Vendas").update([["João"]], "E1")

    sheets_sandbox.share(book_id, "joao@oficinaipe.com.br", role="reader")
    with pytest.raises(gspread.exceptions.APIError) as read_only:
        joao.open_by_key(book_id).worksheet("Vendas").update([["de novo"]], "E1")
    still_reads = joao.open_by_key(book_id).worksheet("Vendas").acell("E1").value
    sheets_sandbox.unshare(book_id, "joao@oficinaipe.com.br")

    assert read_only.value.code == 403 and still_reads == "João"
    with pytest.raises(PermissionError):  # gspread's word for a 403 on open
        joao.open_by_key(book_id)
    with pytest.raises(ValueError, match="owns the spreadsheet"):
        sheets_sandbox.unshare(book_id, "ana@padariaaurora.com.br")
    with pytest.raises(ValueError, match="not shared with"):
        sheets_sandbox.unshare(book_id, "joao@oficinaipe.com.br")


def test_unshare_over_http(sheets_sandbox):
    control = f"{sheets_sandbox.url}/_sandbox"
    sheets_sandbox.register_token("t-carla", "carla@exemplo.com.br")
    book_id = sheets_sandbox.create_spreadsheet("Privada", owner="ana@padariaaurora.com.br",
                                                shared_with={"carla@exemplo.com.br": "reader"})
    open_link = sheets_sandbox.create_spreadsheet("Aberta")
    read = f"{sheets_sandbox.url}/v4/spreadsheets/{book_id}"
    bearer = {"Authorization": "Bearer t-carla"}
    before = httpx.get(read, headers=bearer)

    removed = httpx.post(f"{control}/unshare", json={"spreadsheet_id": book_id, "email": "carla@exemplo.com.br"})
    after = httpx.get(read, headers=bearer)
    again = httpx.post(f"{control}/unshare", json={"spreadsheet_id": book_id, "email": "carla@exemplo.com.br"})
    owner = httpx.post(f"{control}/unshare", json={"spreadsheet_id": book_id, "email": "ana@padariaaurora.com.br"})
    ownerless = httpx.post(f"{control}/unshare", json={"spreadsheet_id": open_link, "email": "carla@exemplo.com.br"})
    unknown = httpx.post(f"{control}/unshare", json={"spreadsheet_id": "1nope", "email": "carla@exemplo.com.br"})
    incomplete = httpx.post(f"{control}/unshare", json={"spreadsheet_id": book_id})

    assert before.status_code == 200 and removed.json() == {"ok": True}
    assert after.status_code == 403 and after.json()["error"]["message"] == "The caller does not have permission"
    assert [answer.status_code for answer in (again, owner, ownerless, unknown, incomplete)] == [400, 400, 400, 404,
                                                                                                 400]
    assert sheets_sandbox.stats()["unexpected_errors"] == 0
