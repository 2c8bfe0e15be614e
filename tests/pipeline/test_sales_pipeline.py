"""Sheet → Conta Azul for sales, end to end: real gspread and the real client against the stand-ins."""
from __future__ import annotations

from decimal import Decimal

import pytest
from gspread.utils import absolute_range_name

HEADER = ["Pedido", "Cliente", "CPF/CNPJ", "Data", "Código", "Qtd", "Preço", "Pagamento",
          "Condição", "Categoria", "Enviar?"]
MAPPING = {"order_key": "Pedido", "client_name": "Cliente", "client_document": "CPF/CNPJ",
           "sale_date": "Data", "item_code": "Código", "quantity": "Qtd", "unit_price": "Preço",
           "payment_type": "Pagamento", "payment_condition": "Condição", "category": "Categoria"}


def sale_row(order, client, document, code, quantity, price, trigger="sim", category="Vendas de Mercadorias"):
    return [order, client, document, "20/11/2026", code, quantity, price, "Pix", "À vista", category, trigger]


@pytest.fixture
def sales_sheet(sheets_sandbox):
    rows = [HEADER,
            sale_row("P-1", "Joana Prado", "529.982.247-25", "PF-KG", "2", "R$ 18,90"),
            sale_row("P-1", "Joana Prado", "529.982.247-25", "SRV-CB", "10", "35,00"),
            sale_row("P-2", "Mercado Sol Ltda", "11.222.333/0001-81", "PF-KG", "5,5", "18,90"),
            sale_row("P-3", "Ainda não", "111.444.777-35", "PF-KG", "1", "18,90", trigger="")]
    return sheets_sandbox.create_spreadsheet("Vendas da padaria", {"Vendas": rows})


def statuses(sheets_sandbox, spreadsheet_id, count=6):
    """The status column (L) of rows 2 onwards; blank cells as ""."""
    cells = sheets_sandbox.read(spreadsheet_id, absolute_range_name("Vendas", f"L2:L{count + 1}"))
    shown = [row[0] if row else "" for row in cells]
    return shown + [""] * (count - len(shown))


def sales_by_number(contaazul_sandbox):
    return {sale["numero"]: sale for sale in contaazul_sandbox.company().sales.values()}


def test_rows_become_sales_once_with_the_outcome_in_the_row(
        sales_sheet, make_flow, run_cycle, sheets_sandbox, contaazul_sandbox):
    flow = make_flow("sale", sales_sheet, MAPPING)
    before = set(sales_by_number(contaazul_sandbox))
    sheets_sandbox.reset_stats()

    report = run_cycle(flow)

    assert report.problem is None
    assert (report.candidates, report.created, report.failed) == (3, 2, 0)
    assert sum(sheets_sandbox.stats()["by_method"].values()) <= 4  # first cycle learns the layout
    new = {n: s for n, s in sales_by_number(contaazul_sandbox).items() if n not in before}
    assert len(new) == 2
    first, second = (new[n] for n in sorted(new))
    assert [(i["quantidade"], i["valor"]) for i in first["itens"]] == [
        (Decimal("2"), Decimal("18.90")), (Decimal("10"), Decimal("35.00"))]
    assert second["itens"][0]["quantidade"] == Decimal("5.5")
    shown = statuses(sheets_sandbox, sales_sheet)
    assert shown[0] == shown[1] and shown[0].startswith(f"✔ Venda {min(new)}")
    assert shown[2].startswith(f"✔ Venda {max(new)}")
    assert shown[3] == ""

    sheets_sandbox.reset_stats()
    again = run_cycle(flow)
    assert (again.candidates, again.created) == (0, 0)
    assert sum(sheets_sandbox.stats()["by_method"].values()) == 1
    assert len(sales_by_number(contaazul_sandbox)) == len(before) + 2


def test_bad_rows_say_what_to_fix_and_the_others_go_through(
        sheets_sandbox, make_flow, run_cycle, contaazul_sandbox):
    rows = [HEADER,
            sale_row("A", "Cliente CPF ruim", "123.456.789-00", "PF-KG", "1", "18,90"),
            sale_row("B", "Joana Prado", "529.982.247-25", "PN-750", "1", "59,90"),
            sale_row("C", "Joana Prado", "529.982.247-25", "PF-KG", "1", "18,90", category="Vendas de Pão"),
            sale_row("D", "Joana Prado", "529.982.247-25", "PF-KG", "dois", "18,90"),
            sale_row("E", "Joana Prado", "529.982.247-25", "PF-KG", "1", "18,90")]
    spreadsheet = sheets_sandbox.create_spreadsheet("Com erros", {"Vendas": rows})
    flow = make_flow("sale", spreadsheet, MAPPING)

    report = run_cycle(flow)

    assert (report.created, report.failed) == (1, 4)
    shown = statuses(sheets_sandbox, spreadsheet)
    assert shown[0].startswith("✖") and '"CPF/CNPJ"' in shown[0]
    assert shown[1].startswith("✖") and "inativo" in shown[1] and '"Código"' in shown[1]
    assert shown[2].startswith("✖") and "Vendas de Mercadorias" in shown[2]
    assert shown[3].startswith("✖") and '"Qtd"' in shown[3]
    assert shown[4].startswith("✔ Venda")

    calls = contaazul_sandbox.stats()["requests"]
    unchanged = run_cycle(flow)
    assert unchanged.created == 0 and unchanged.unchanged == 4
    assert contaazul_sandbox.stats()["requests"] == calls, "unchanged bad rows cost no Conta Azul call"

    sheets_sandbox.type_cells(spreadsheet, absolute_range_name("Vendas", "F5"), [["2"]])
    fixed = run_cycle(flow)
    assert fixed.created == 1
    assert statuses(sheets_sandbox, spreadsheet)[3].startswith("✔ Venda")


def test_sorting_and_inserting_rows_between_cycles_never_duplicates(
        sales_sheet, make_flow, run_cycle, sheets_sandbox, contaazul_sandbox):
    flow = make_flow("sale", sales_sheet, MAPPING)
    run_cycle(flow)
    count = len(sales_by_number(contaazul_sandbox))
    sheets_sandbox.sort_tab(sales_sheet, "Vendas", column_index=1, ascending=False)
    sheets_sandbox.insert_rows(sales_sheet, "Vendas", at_row=2, count=2)
    rows = sheets_sandbox.read(sales_sheet, absolute_range_name("Vendas", "A1:L10"))
    trigger_row = next(n for n, r in enumerate(rows, start=1) if r and r[0] == "P-3")
    sheets_sandbox.type_cells(sales_sheet, absolute_range_name("Vendas", f"K{trigger_row}"), [["sim"]])

    report = run_cycle(flow)

    assert report.created == 1
    assert len(sales_by_number(contaazul_sandbox)) == count + 1


def test_dry_run_sends_nothing_and_shows_the_payloads(
        sales_sheet, make_flow, run_cycle, sheets_sandbox, contaazul_sandbox):
    flow = make_flow("sale", sales_sheet, MAPPING)
    count = len(sales_by_number(contaazul_sandbox))
    people = len(contaazul_sandbox.company().people)

    report = run_cycle(flow, dry_run=True)

    assert len(sales_by_number(contaazul_sandbox)) == count
    assert len(contaazul_sandbox.company().people) == people
    assert statuses(sheets_sandbox, sales_sheet)[:3] == ["", "", ""]
    previews = {preview.row: preview for preview in report.previews}
    assert set(previews) == {2, 3, 4}
    assert previews[2].payload["itens"][1]["quantidade"] == 10
    assert any("Joana Prado" in note for note in previews[2].planned)


def test_a_renamed_header_stops_the_flow_with_a_clear_message(
        sales_sheet, make_flow, run_cycle, sheets_sandbox, contaazul_sandbox):
    flow = make_flow("sale", sales_sheet, MAPPING)
    sheets_sandbox.type_cells(sales_sheet, absolute_range_name("Vendas", "G1"), [["Preço unitário"]])
    count = len(sales_by_number(contaazul_sandbox))

    report = run_cycle(flow)

    assert report.problem and '"Preço"' in report.problem
    assert len(sales_by_number(contaazul_sandbox)) == count
    assert statuses(sheets_sandbox, sales_sheet)[:3] == ["", "", ""]
