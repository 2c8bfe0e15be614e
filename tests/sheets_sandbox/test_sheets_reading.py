"""Reading through real gspread: metadata, render options, major dimension, A1 forms, errors."""
from __future__ import annotations

import gspread
import pytest
from gspread.utils import GridRangeType, ValueRenderOption

VALUE_RANGE = GridRangeType.ValueRange


def test_open_by_key_reads_the_metadata(sales, sales_id):
    assert (sales.id, sales.title, sales.locale, sales.timezone) == (
        sales_id, "Vendas 2026", "pt_BR", "America/Sao_Paulo")
    tabs = sales.worksheets()
    assert [(w.title, w.index) for w in tabs] == [("Vendas", 0), ("Vendas d'Ana", 1)]
    assert tabs[0].id == 0 and tabs[1].id > 0
    assert (tabs[0].row_count, tabs[0].col_count) == (1000, 26)
    assert sales.get_worksheet_by_id(tabs[1].id).title == "Vendas d'Ana"


def test_unknown_spreadsheet_is_not_found(gspread_client):
    with pytest.raises(gspread.SpreadsheetNotFound):
        gspread_client.open_by_key("1doesNotExist")


def test_metadata_tolerates_fields_and_include_grid_data(gspread_client, sales_id):
    meta = gspread_client.http_client.fetch_sheet_metadata(
        sales_id, params={"fields": "sheets.properties", "includeGridData": "true"})
    assert meta["sheets"][0]["properties"]["gridProperties"] == {"rowCount": 1000, "columnCount": 26}


def test_formatted_values_are_pt_br_text(vendas):
    assert vendas.get("A1:D3") == [["Data", "Cliente", "Valor", "Pago"],
                                   ["31/12/2026", "Ana Souza", "R$ 1.234,56", "VERDADEIRO"],
                                   ["15/01/2027", "Bruno Lima", "R$ 99,90", "FALSO"]]
    assert vendas.acell("C4").value == "1.500"


def test_unformatted_values_are_typed(vendas):
    rows = vendas.get("A2:D4", value_render_option=ValueRenderOption.unformatted)
    assert rows == [[46387, "Ana Souza", 1234.56, True], [46402, "Bruno Lima", 99.9, False],
                    [46420, "Carla Dias", 1500, True]]
    assert isinstance(rows[2][2], int)


def test_dates_as_formatted_strings_when_asked(vendas):
    rows = vendas.get("A2:C2", value_render_option="UNFORMATTED_VALUE", date_time_render_option="FORMATTED_STRING")
    assert rows == [["31/12/2026", "Ana Souza", 1234.56]]


def test_columns_major_dimension(vendas):
    assert vendas.get("A1:B3", major_dimension="COLUMNS") == [["Data", "31/12/2026", "15/01/2027"],
                                                              ["Cliente", "Ana Souza", "Bruno Lima"]]
    assert vendas.col_values(2) == ["Cliente", "Ana Souza", "Bruno Lima", "Carla Dias"]


def test_batch_get_in_one_request(vendas, sheets_sandbox):
    sheets_sandbox.reset_stats()
    header, values = vendas.batch_get(["1:1", "C2:C"], value_render_option="UNFORMATTED_VALUE")
    assert header == [["Data", "Cliente", "Valor", "Pago"]]
    assert values == [[1234.56], [99.9], [1500]]
    assert (header.range, values.range) == ("Vendas!A1:Z1", "Vendas!C2:C1000")
    assert header.major_dimension == "ROWS"
    assert sheets_sandbox.stats()["by_method"] == {"values.batchGet": 1}


@pytest.mark.parametrize("name, normalised", [
    ("A1:C3", "Vendas!A1:C3"), ("C3:A1", "Vendas!A1:C3"), ("A:C", "Vendas!A1:C1000"), ("2:3", "Vendas!A2:Z3"),
    ("A2:C", "Vendas!A2:C1000"), ("B2", "Vendas!B2"), ("a1:b2", "Vendas!A1:B2"), ("A1:ZZ5000", "Vendas!A1:Z1000"),
])
def test_a1_forms_answer_normalised_ranges(vendas, name, normalised):
    assert vendas.get(name, return_type=VALUE_RANGE).range == normalised


def test_tab_only_and_unqualified_ranges(sales_id, gspread_client):
    http = gspread_client.http_client
    assert http.values_get(sales_id, "Vendas")["range"] == "Vendas!A1:Z1000"
    assert http.values_get(sales_id, "A1")["range"] == "Vendas!A1"      # no tab: the first visible one
    assert http.values_get(sales_id, "'Vendas'!B2:B3")["values"] == [["Ana Souza"], ["Bruno Lima"]]


def test_quoted_names_with_spaces_and_apostrophes(sales, sales_id, gspread_client):
    ana = sales.worksheet("Vendas d'Ana")
    assert ana.get("A:A") == [["Produto"], ["Pão"]]
    answer = gspread_client.http_client.values_get(sales_id, "'Vendas d''Ana'!A:B")
    assert answer["range"] == "'Vendas d''Ana'!A1:B1000"
    spaced = sales.add_worksheet("Resumo do mês", 10, 3)
    spaced.update([["ok"]], "A1")
    assert gspread_client.http_client.values_get(sales_id, "'Resumo do mês'!A1")["values"] == [["ok"]]


def test_trailing_blanks_are_trimmed_and_gaps_kept(sheets_sandbox, gspread_client):
    book_id = sheets_sandbox.create_spreadsheet("Gaps", {"T": [["a", "", "c", ""], [], ["", "", ""], ["x"], [], []]})
    answer = gspread_client.http_client.values_get(book_id, "T!A1:E10")
    assert answer["values"] == [["a", "", "c"], [], [], ["x"]]
    empty = gspread_client.http_client.values_get(book_id, "T!F1:G2")
    assert empty == {"range": "T!F1:G2", "majorDimension": "ROWS"}


@pytest.mark.parametrize("name, message", [
    ("'Nope'!A1", "Unable to parse range: 'Nope'!A1"),
    ("Nope", "Unable to parse range: Nope"),
    ("'Vendas'!A:5", "Unable to parse range: 'Vendas'!A:5"),
    ("'Vendas'!A1001", "Range (Vendas!A1001) exceeds grid limits. Max rows: 1000, max columns: 26"),
    ("'Vendas'!AA1:AB2", "Range (Vendas!AA1:AB2) exceeds grid limits. Max rows: 1000, max columns: 26"),
])
def test_bad_ranges_are_400_in_googles_words(sales_id, gspread_client, name, message):
    with pytest.raises(gspread.exceptions.APIError) as caught:
        gspread_client.http_client.values_get(sales_id, name)
    assert caught.value.code == 400
    assert caught.value.error == {"code": 400, "message": message, "status": "INVALID_ARGUMENT"}
