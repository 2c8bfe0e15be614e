"""Writing through real gspread: RAW vs USER_ENTERED, batches, append, clear, new tabs."""
from __future__ import annotations

import gspread
import pytest
from gspread.utils import InsertDataOption, ValueInputOption

UNFORMATTED = "UNFORMATTED_VALUE"


def test_user_entered_reads_pt_br_like_a_person_typing(vendas):
    vendas.update([["01/03/2027", "Davi", "R$ 2.500,00", "falso"]], "A5", raw=False)
    assert vendas.get("A5:D5") == [["01/03/2027", "Davi", "R$ 2.500,00", "FALSO"]]
    assert vendas.get("A5:D5", value_render_option=UNFORMATTED) == [[46447, "Davi", 2500, False]]


def test_raw_keeps_strings_as_sent(vendas):
    vendas.update([["01/03/2027", "R$ 2.500,00", "=1+1", "'007", 42, True]], "A5", raw=True)
    assert vendas.get("A5:F5", value_render_option=UNFORMATTED) == [
        ["01/03/2027", "R$ 2.500,00", "=1+1", "'007", 42, True]]
    assert vendas.get("C5", value_render_option="FORMULA") == [["=1+1"]]


def test_formulas_from_raw_writes_are_never_evaluated(vendas):
    vendas.update([['=HYPERLINK("https://evil.example";"clique")', "=A2*2"]], "E2", raw=True)
    assert vendas.get("E2:F2") == [['=HYPERLINK("https://evil.example";"clique")', "=A2*2"]]


def test_user_entered_formulas_evaluate_a_little(vendas):
    vendas.update([['=HYPERLINK("https://ca.example/venda/1042";"✔ Venda 1042")', "=C2*2", "=IMPORTXML(1)",
                    "=C2+C3"]], "E2", raw=False)
    assert vendas.get("E2:H2") == [["✔ Venda 1042", "R$ 2.469,12", "#NAME?", "R$ 1.334,46"]]
    assert vendas.get("E2:F2", value_render_option=UNFORMATTED) == [["✔ Venda 1042", 2469.12]]
    assert vendas.get("E2", value_render_option="FORMULA") == [['=HYPERLINK("https://ca.example/venda/1042";'
                                                                '"✔ Venda 1042")']]


def test_leading_apostrophe_forces_text(vendas):
    vendas.update([["'0123", "'31/12/2026"]], "A5", raw=False)
    assert vendas.get("A5:B5", value_render_option=UNFORMATTED) == [["0123", "31/12/2026"]]


def test_typing_into_a_formatted_cell_keeps_its_format(vendas):
    vendas.update([["10"]], "C2", raw=False)
    vendas.update([[7.5]], "C3", raw=True)
    assert vendas.get("C2:C3") == [["R$ 10,00"], ["R$ 7,50"]]


def test_update_answers_like_google_and_nulls_skip_cells(vendas):
    answer = vendas.update([["x", None, "z"], ["w"]], "A5:C6")
    assert answer == {"spreadsheetId": vendas.spreadsheet_id, "updatedRange": "Vendas!A5:C6", "updatedRows": 2,
                      "updatedColumns": 3, "updatedCells": 3}
    vendas.update([["keep", "me"]], "A7")
    vendas.update([[None, ""]], "A7")
    assert vendas.get("A5:C7") == [["x", "", "z"], ["w"], ["keep"]]


def test_values_in_response(vendas):
    answer = vendas.update([["1.234,5"]], "B9", raw=False, include_values_in_response=True,
                           response_value_render_option=UNFORMATTED)
    assert answer["updatedData"] == {"range": "Vendas!B9", "majorDimension": "ROWS", "values": [[1234.5]]}


def test_columns_major_input(vendas):
    vendas.update([["a", "b"], ["c", "d"]], "F1", major_dimension="COLUMNS")
    assert vendas.get("F1:G2") == [["a", "c"], ["b", "d"]]


def test_values_must_fit_a_bounded_range(vendas):
    with pytest.raises(gspread.exceptions.APIError) as caught:
        vendas.update([["a"], ["b"], ["c"]], "A5:B6")
    assert caught.value.error["message"] == ("Requested writing within range [Vendas!A5:B6], but tried writing "
                                             "to row [7]")
    with pytest.raises(gspread.exceptions.APIError) as caught:
        vendas.update([["a"], ["b"]], "A1000:A1001")
    assert "exceeds grid limits" in caught.value.error["message"]
    with pytest.raises(gspread.exceptions.APIError):
        vendas.update([list(range(27))], "A5")
    assert vendas.get("A5:A7") == [[]]


def test_batch_update_writes_many_ranges_in_one_request(vendas, sheets_sandbox):
    sheets_sandbox.reset_stats()
    answer = vendas.batch_update([{"range": "E1", "values": [["Status"]]},
                                  {"range": "E2:E3", "values": [["✔ Venda 1042 criada"], ["✖ CPF inválido"]]}])
    assert sheets_sandbox.stats()["by_method"] == {"values.batchUpdate": 1}
    assert answer["totalUpdatedCells"] == 3 and len(answer["responses"]) == 2
    assert vendas.col_values(5) == ["Status", "✔ Venda 1042 criada", "✖ CPF inválido"]


def test_batch_update_is_all_or_nothing(vendas):
    with pytest.raises(gspread.exceptions.APIError):
        vendas.batch_update([{"range": "E2", "values": [["first"]]}, {"range": "E3:F3", "values": [["a"], ["b"]]}])
    assert vendas.get("E2:E3") == [[]]


def test_append_rows_lands_after_the_table_in_one_request(vendas, sheets_sandbox):
    sheets_sandbox.reset_stats()
    answer = vendas.append_rows([["05/03/2027", "Eva", "R$ 10,00", "TRUE"], ["06/03/2027", "Fábio", "20", "FALSE"]],
                                value_input_option=ValueInputOption.user_entered)
    assert sheets_sandbox.stats()["by_method"] == {"values.append": 1}
    assert answer["tableRange"] == "Vendas!A1:D4"
    assert answer["updates"]["updatedRange"] == "Vendas!A5:D6"
    assert vendas.get("A5:D6") == [["05/03/2027", "Eva", "R$ 10,00", "VERDADEIRO"], ["06/03/2027", "Fábio", "20",
                                                                                     "FALSO"]]


def test_append_starts_at_the_tables_first_column(sheets_sandbox, gspread_client):
    book_id = sheets_sandbox.create_spreadsheet("Log", {"Log": [[], ["", "Venda", "Total"], ["", "1", "10"]]})
    log = gspread_client.open_by_key(book_id).sheet1
    answer = log.append_row(["2", "20"], table_range="A:D")
    assert answer["updates"]["updatedRange"] == "Log!B4:C4"
    assert log.get("B2:C4") == [["Venda", "Total"], ["1", "10"], ["2", "20"]]


def test_append_into_an_empty_tab_starts_at_the_range(sheets_sandbox, gspread_client):
    book_id = sheets_sandbox.create_spreadsheet("Vazia", {"Log": []})
    log = gspread_client.open_by_key(book_id).sheet1
    answer = log.append_rows([["a", "b"]], table_range="B3")
    assert "tableRange" not in answer and answer["updates"]["updatedRange"] == "Log!B3:C3"


def test_append_stops_at_the_first_blank_row_like_google(sheets_sandbox, gspread_client):
    book_id = sheets_sandbox.create_spreadsheet("Gap", {"T": [["h"], ["1"], [], [], ["later"]]})
    tab = gspread_client.open_by_key(book_id).sheet1
    assert tab.append_row(["2"])["updates"]["updatedRange"] == "T!A3"
    inserted = tab.append_row(["3"], insert_data_option=InsertDataOption.insert_rows)
    assert inserted["updates"]["updatedRange"] == "T!A4"
    assert tab.col_values(1) == ["h", "1", "2", "3", "", "later"]
    assert gspread_client.open_by_key(book_id).sheet1.row_count == 1001


def test_append_grows_the_grid(sheets_sandbox, gspread_client):
    book_id = sheets_sandbox.create_spreadsheet("Cheia", {"T": [["h"]]})
    book = gspread_client.open_by_key(book_id)
    book.sheet1.resize(rows=2)
    book.sheet1.append_rows([["1"], ["2"], ["3"]])
    assert book.sheet1.col_values(1) == ["h", "1", "2", "3"]
    assert book.worksheet("T").row_count == 4


def test_clear_and_batch_clear_keep_formats(vendas):
    vendas.batch_clear(["A3:D3", "A4"])
    assert vendas.get("A2:D4") == [["31/12/2026", "Ana Souza", "R$ 1.234,56", "VERDADEIRO"], [], ["", "Carla Dias",
                                                                                                "1.500", "VERDADEIRO"]]
    vendas.update([["5"]], "C3", raw=False)
    assert vendas.acell("C3").value == "R$ 5,00"
    assert vendas.clear()["clearedRange"] == "Vendas!A1:Z1000"
    assert vendas.get_all_values() == [[]]


def test_add_and_delete_worksheets(sales):
    new = sales.add_worksheet("Resumo", rows=20, cols=4, index=0)
    assert (new.title, new.row_count, new.col_count, new.index) == ("Resumo", 20, 4, 0)
    assert [w.title for w in sales.worksheets()] == ["Resumo", "Vendas", "Vendas d'Ana"]
    with pytest.raises(gspread.exceptions.APIError) as caught:
        sales.add_worksheet("Resumo", rows=1, cols=1)
    assert 'A sheet with the name "Resumo" already exists' in caught.value.error["message"]
    sales.del_worksheet(new)
    assert [w.title for w in sales.worksheets()] == ["Vendas", "Vendas d'Ana"]


def test_rename_resize_and_title(sales, vendas):
    vendas.update_title("Vendas 2027")
    vendas.resize(rows=5, cols=3)
    sales.update_title("Planilha nova")
    meta = sales.fetch_sheet_metadata()
    assert meta["properties"]["title"] == "Planilha nova"
    assert meta["sheets"][0]["properties"]["title"] == "Vendas 2027"
    assert meta["sheets"][0]["properties"]["gridProperties"] == {"rowCount": 5, "columnCount": 3}
    assert vendas.get("A4:Z4") == [["02/02/2027", "Carla Dias", "1.500"]]


def test_insert_and_delete_rows_through_batch_update(vendas):
    vendas.insert_rows([["novo"]], row=2)
    assert vendas.col_values(1)[:3] == ["Data", "novo", "31/12/2026"]
    vendas.delete_rows(2, 3)
    assert vendas.col_values(2) == ["Cliente", "Bruno Lima", "Carla Dias"]


def test_sort_through_batch_update(vendas):
    vendas.sort((3, "des"), range="A2:D4")
    assert vendas.col_values(2) == ["Cliente", "Carla Dias", "Ana Souza", "Bruno Lima"]


def test_number_formats_through_repeat_cell(vendas):
    vendas.format("C2:C4", {"numberFormat": {"type": "NUMBER", "pattern": "#,##0.0"}})
    assert vendas.col_values(3) == ["Valor", "1.234,6", "99,9", "1.500,0"]
