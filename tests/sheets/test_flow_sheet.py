"""sheets.py against the Sheets stand-in through real gspread: few requests, typed values, RAW writes."""
from __future__ import annotations

import pytest
from gspread.utils import absolute_range_name
from hypothesis import given
from hypothesis import strategies as st

from sheets_addon.sheets import FlowSheet, Layout, SheetLayoutProblem, SheetsRetry, merge_into_spans

HEADER = ["Pedido", "Cliente", "CPF/CNPJ", "Data", "Valor", "Enviar?", "Status Azulejo"]
TAB = "Vendas d'Ana"


def cell(a1: str) -> str:
    return absolute_range_name(TAB, a1)


@pytest.fixture
def spreadsheet(sheets_sandbox):
    rows = [HEADER] + [[f"P{n}", f"Cliente {n}", "", "", "", "", ""] for n in range(1, 21)]
    return sheets_sandbox.create_spreadsheet("Vendas", {TAB: rows})


@pytest.fixture
def sheet(gspread_client, spreadsheet):
    return FlowSheet(gspread_client, spreadsheet, TAB, retry=SheetsRetry(sleep=lambda _s: None))


def requests_made(sheets_sandbox) -> int:
    return sum(sheets_sandbox.stats()["by_method"].values())


def test_first_cycle_learns_the_layout_and_later_cycles_read_once(sheet, sheets_sandbox, spreadsheet):
    sheets_sandbox.type_cells(spreadsheet, cell("F3"), [["sim"]])
    sheets_sandbox.type_cells(spreadsheet, cell("G5"), [["✔ Venda 1001 criada"]])
    sheets_sandbox.reset_stats()

    first = sheet.read_control("Enviar?", "Status Azulejo", hint=None)
    assert first.layout == Layout(trigger_column=6, status_column=7, width=7)
    assert first.triggers == {3: "sim"}
    assert first.statuses == {5: "✔ Venda 1001 criada"}
    assert requests_made(sheets_sandbox) == 2

    sheets_sandbox.reset_stats()
    again = sheet.read_control("Enviar?", "Status Azulejo", hint=first.layout)
    assert again.triggers == {3: "sim"}
    assert requests_made(sheets_sandbox) == 1


def test_a_moved_column_is_found_again(sheet, sheets_sandbox, spreadsheet):
    old = Layout(trigger_column=6, status_column=7, width=7)
    sheets_sandbox.type_cells(spreadsheet, cell("F1:G1"), [["Status Azulejo", "Enviar?"]])
    sheets_sandbox.type_cells(spreadsheet, cell("G4"), [["x"]])
    snapshot = sheet.read_control("Enviar?", "Status Azulejo", hint=old)
    assert snapshot.layout == Layout(trigger_column=7, status_column=6, width=7)
    assert snapshot.triggers == {4: "x"}


def test_a_renamed_trigger_column_stops_the_flow_with_a_message(sheet):
    with pytest.raises(SheetLayoutProblem, match='coluna de gatilho "Pronto\\?"'):
        sheet.read_control("Pronto?", "Status Azulejo", hint=None)


def test_a_missing_tab_is_reported(gspread_client, spreadsheet):
    sheet = FlowSheet(gspread_client, spreadsheet, "Não existe", retry=SheetsRetry(sleep=lambda _s: None))
    with pytest.raises(SheetLayoutProblem, match='aba "Não existe"'):
        sheet.read_control("Enviar?", "Status Azulejo", hint=None)


def test_candidate_rows_arrive_typed_in_one_request(sheet, sheets_sandbox, spreadsheet):
    sheets_sandbox.type_cells(spreadsheet, cell("C3:E3"), [["123.456.789-09", "31/12/2026", "R$ 1.234,56"]])
    sheets_sandbox.reset_stats()
    rows = sheet.read_rows([3, 4, 9, 10, 11], HEADER)
    assert requests_made(sheets_sandbox) == 1
    assert rows[3]["CPF/CNPJ"] == "123.456.789-09"
    assert rows[3]["Data"] == 46387  # 31/12/2026 as a sheet serial date
    assert rows[3]["Valor"] == pytest.approx(1234.56)
    assert rows[9] == {**dict.fromkeys(HEADER, ""), "Pedido": "P8", "Cliente": "Cliente 8"}
    assert set(rows) == {3, 4, 9, 10, 11}


def test_status_cells_are_written_raw_in_one_request_creating_the_column(gspread_client, sheets_sandbox):
    spreadsheet = sheets_sandbox.create_spreadsheet("Sem status", {"Aba": [HEADER[:6], ["P1"], ["P2"]]})
    sheet = FlowSheet(gspread_client, spreadsheet, "Aba", retry=SheetsRetry(sleep=lambda _s: None))
    layout = sheet.read_control("Enviar?", "Status Azulejo", hint=None).layout
    assert layout.status_column is None
    sheets_sandbox.reset_stats()
    layout = sheet.write_statuses(layout, "Status Azulejo", {2: "✔ Venda 1012 criada", 3: "=1+1"})
    assert requests_made(sheets_sandbox) == 1
    assert layout.status_column == 7
    assert sheets_sandbox.read(spreadsheet, "Aba!G1:G3", render="FORMULA") == [
        ["Status Azulejo"], ["✔ Venda 1012 criada"], ["=1+1"]]
    assert sheets_sandbox.read(spreadsheet, "Aba!G3") == [["=1+1"]]


def test_quota_errors_are_waited_out(sheet, sheets_sandbox):
    sheets_sandbox.configure_quotas(read_per_minute=1)
    waits: list[float] = []

    def wait(seconds: float) -> None:
        waits.append(seconds)
        sheets_sandbox.advance_clock(61)

    sheet._retry = SheetsRetry(sleep=wait)
    sheet.read_control("Enviar?", "Status Azulejo", hint=None)
    assert waits, "the second read met the quota and waited"


@pytest.mark.parametrize(
    "numbers, limit, expected",
    [
        ([3], 10, [(3, 3)]),
        ([2, 3, 4, 8, 9], 10, [(2, 4), (8, 9)]),
        ([2, 4, 20, 21, 40], 2, [(2, 21), (40, 40)]),
        ([1, 3, 5], 1, [(1, 5)]),
    ],
)
def test_rows_merge_into_few_spans(numbers, limit, expected):
    assert merge_into_spans(numbers, limit) == expected


@given(st.sets(st.integers(2, 400), min_size=1, max_size=60), st.integers(1, 12))
def test_spans_cover_every_row_and_read_the_fewest_others(numbers, limit):
    numbers = sorted(numbers)
    spans = merge_into_spans(numbers, limit)
    gaps = sorted((b - a - 1 for a, b in zip(numbers, numbers[1:]) if b > a + 1), reverse=True)
    assert len(spans) <= limit
    assert all(any(start <= n <= end for start, end in spans) for n in numbers)
    assert sum(end - start + 1 for start, end in spans) == len(numbers) + sum(gaps[limit - 1:])


def test_many_scattered_rows_merge_in_one_pass():
    """Every other row of a 200,000-row sheet (an O(n²) merge took minutes here)."""
    spans = merge_into_spans(range(2, 200_002, 2), 100)
    assert len(spans) == 100 and spans[0][0] == 2 and spans[-1][1] == 200_000
