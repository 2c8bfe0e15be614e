"""Customers, contracts, payables and receivables end to end; hostile cells; the CLI."""
from __future__ import annotations

import json
import re

from gspread.utils import absolute_range_name

from sheets_addon.config import current_settings
from sheets_addon.db import get_session
from sheets_addon.models import RowRecord


def status_column(sheets_sandbox, spreadsheet_id, column, count):
    cells = sheets_sandbox.read(spreadsheet_id, absolute_range_name("Vendas", f"{column}2:{column}{count + 1}"))
    shown = [row[0] if row else "" for row in cells]
    return shown + [""] * (count - len(shown))


def people_named(contaazul_sandbox, name):
    return [p for p in contaazul_sandbox.company().people.values() if p["nome"] == name]


def test_customers_are_created_then_updated_by_document(sheets_sandbox, make_flow, run_cycle, contaazul_sandbox):
    header = ["Nome", "CPF/CNPJ", "E-mail", "Celular", "Cidade", "UF", "Enviar?"]
    rows = [header,
            ["Joana Prado", "529.982.247-25", "joana@exemplo.com.br", "(11) 98888-7777", "São Paulo", "SP", "x"],
            ["Mercado Sol Ltda", "11.222.333/0001-81", "compras@mercadosol.com.br", "", "Campinas", "SP", "x"]]
    spreadsheet = sheets_sandbox.create_spreadsheet("Clientes", {"Vendas": rows})
    flow = make_flow("customer", spreadsheet, {"name": "Nome", "document": "CPF/CNPJ", "email": "E-mail",
                                               "mobile_phone": "Celular", "city": "Cidade", "state": "UF"})
    report = run_cycle(flow)
    assert report.created == 2
    [joana] = people_named(contaazul_sandbox, "Joana Prado")
    assert joana["tipo_pessoa"] == "Física"
    assert [s[:15] for s in status_column(sheets_sandbox, spreadsheet, "H", 2)] == ["✔ Cliente criad"] * 2

    sheets_sandbox.type_cells(spreadsheet, absolute_range_name("Vendas", "A4:G4"),
                              [["Joana Prado Lima", "52998224725", "joana.nova@exemplo.com.br", "", "", "", "x"]])
    run_cycle(flow)
    assert people_named(contaazul_sandbox, "Joana Prado") == []
    [updated] = people_named(contaazul_sandbox, "Joana Prado Lima")
    assert updated["id"] == joana["id"]
    assert status_column(sheets_sandbox, spreadsheet, "H", 3)[2].startswith("✔ Cliente atualizado")


def test_a_company_with_an_alphanumeric_cnpj_is_one_customer_however_the_cnpj_is_typed(
        sheets_sandbox, make_flow, run_cycle, contaazul_sandbox):
    header = ["Nome", "CPF/CNPJ", "E-mail", "Enviar?"]
    rows = [header, ["Nova Padaria Ltda", "12.abc.345/01de-35", "contato@novapadaria.com.br", "x"],
            ["Nova Padaria Ltda", "12ABC34501DE35", "compras@novapadaria.com.br", "x"]]
    spreadsheet = sheets_sandbox.create_spreadsheet("Clientes", {"Vendas": rows})
    flow = make_flow("customer", spreadsheet, {"name": "Nome", "document": "CPF/CNPJ", "email": "E-mail"})
    run_cycle(flow)
    [company] = people_named(contaazul_sandbox, "Nova Padaria Ltda")
    assert (company["documento"], company["tipo_pessoa"]) == ("12ABC34501DE35", "Jurídica")

    sheets_sandbox.type_cells(spreadsheet, absolute_range_name("Vendas", "A4:D4"),
                              [["Nova Padaria Comércio Ltda", "12 ABC 345 01DE 35", "financeiro@novapadaria.com.br", "x"]])
    run_cycle(flow)
    same = [p for p in contaazul_sandbox.company().people.values() if p["documento"] == "12ABC34501DE35"]
    assert [(p["id"], p["nome"]) for p in same] == [(company["id"], "Nova Padaria Comércio Ltda")]
    statuses = status_column(sheets_sandbox, spreadsheet, "E", 3)
    assert statuses[0].startswith("✔ Cliente criado") and all(s.startswith("✔ Cliente atualizado") for s in statuses[1:])


def test_a_person_too_long_for_conta_azul_is_told_on_the_row_before_any_intent(
        sheets_sandbox, make_flow, run_cycle, contaazul_sandbox):
    """Conta Azul keeps 2,000 characters of notes and 20 of code: a note that leaves the row
    marker room fits with it; a longer one, or a longer code, is a ✖ naming the column."""
    header = ["Nome", "Código", "Obs", "Enviar?"]
    rows = [header, ["Bianca Reis", "CLI-0001", "n" * 1960, "x"], ["Caio Reis", "CLI-0002", "n" * 1990, "x"],
            ["Dora Reis", "CLIENTE-ESPECIAL-0003", "curta", "x"]]
    spreadsheet = sheets_sandbox.create_spreadsheet("Clientes", {"Vendas": rows})
    flow = make_flow("customer", spreadsheet, {"name": "Nome", "code": "Código", "notes": "Obs"})

    report = run_cycle(flow)

    assert (report.created, report.failed) == (1, 2)
    [bianca] = people_named(contaazul_sandbox, "Bianca Reis")
    assert re.fullmatch(rf"n{{1960}}\n\[azulejo:{flow.id}:[0-9a-f]{{12}}\]", bianca["observacao"])
    shown = status_column(sheets_sandbox, spreadsheet, "E", 3)
    assert shown[1] == '✖ Texto longo demais na coluna "Obs": use no máximo 1960 caracteres (a célula tem 1990)'
    assert shown[2] == '✖ Texto longo demais na coluna "Código": use no máximo 20 caracteres (a célula tem 21)'
    assert contaazul_sandbox.stats()["by_route"]["POST /v1/pessoas"] == 1  # Conta Azul never saw the two
    assert [r.intent for r in get_session().query(RowRecord).filter_by(state="failed")] == [{}, {}]


def test_payables_follow_the_protocol_and_create_the_supplier(sheets_sandbox, make_flow, run_cycle,
                                                              contaazul_sandbox):
    header = ["Fornecedor", "CNPJ", "Descrição", "Valor", "Vencimento", "Categoria", "Centro de custo", "Lançar"]
    rows = [header,
            ["Gráfica Rápida Ltda", "11.222.333/0001-81", "Panfletos de Natal", "R$ 1.250,00", "10/12/2026",
             "Matéria-prima", "Marketing Natal", "sim"]]
    spreadsheet = sheets_sandbox.create_spreadsheet("Contas a pagar", {"Vendas": rows})
    flow = make_flow("payable", spreadsheet, {
        "supplier_name": "Fornecedor", "supplier_document": "CNPJ", "description": "Descrição",
        "amount": "Valor", "due_date": "Vencimento", "category": "Categoria", "cost_center": "Centro de custo",
    }, trigger="Lançar")

    report = run_cycle(flow)

    assert report.created == 1, report
    [supplier] = people_named(contaazul_sandbox, "Gráfica Rápida Ltda")
    assert "Fornecedor" in str(supplier["perfis"])
    assert any(c["nome"] == "Marketing Natal" for c in contaazul_sandbox.company().cost_centers.values())
    assert status_column(sheets_sandbox, spreadsheet, "I", 1)[0].startswith("✔ Conta a pagar de R$ 1.250,00")


def test_receivables_and_contracts(sheets_sandbox, make_flow, run_cycle):
    header = ["Cliente", "CPF", "Descrição", "Valor", "Vencimento", "Categoria", "Enviar?"]
    rows = [header, ["Joana Prado", "529.982.247-25", "Encomenda de bolo", "320,00", "15/12/2026",
                     "Vendas de Mercadorias", "ok"]]
    receivables = sheets_sandbox.create_spreadsheet("Receber", {"Vendas": rows})
    flow = make_flow("receivable", receivables, {
        "client_name": "Cliente", "client_document": "CPF", "description": "Descrição", "amount": "Valor",
        "due_date": "Vencimento", "category": "Categoria"})
    assert run_cycle(flow).created == 1

    header = ["Cliente", "CNPJ", "Código", "Qtd", "Preço", "Início", "Frequência", "Pagamento", "Enviar?"]
    rows = [header, ["Café Bom Dia Ltda", "11.222.333/0001-81", "PF-KG", "30", "18,90", "01/12/2026",
                     "mensal", "boleto", "sim"]]
    contracts = sheets_sandbox.create_spreadsheet("Contratos", {"Vendas": rows})
    flow = make_flow("contract", contracts, {
        "client_name": "Cliente", "client_document": "CNPJ", "item_code": "Código", "quantity": "Qtd",
        "unit_price": "Preço", "start_date": "Início", "frequency": "Frequência", "payment_type": "Pagamento"})
    assert run_cycle(flow).created == 1
    assert status_column(sheets_sandbox, contracts, "J", 1)[0].startswith("✔ Contrato")


def test_hostile_cells_get_row_errors_and_the_rest_goes_through(sheets_sandbox, make_flow, run_cycle):
    header = ["Nome", "E-mail", "Obs", "Enviar?"]
    rows = [header,
            ["Fórmula", "a@exemplo.com.br", "'=1+2", "x"],
            ["Texto enorme", "b@exemplo.com.br", "z" * 10_000, "x"],
            ["Link", "c@exemplo.com.br", "ok", "x"],
            ["Tudo certo", "d@exemplo.com.br", "cliente desde 2019", "x"]]
    spreadsheet = sheets_sandbox.create_spreadsheet("Hostil", {"Vendas": rows})
    sheets_sandbox.type_cells(spreadsheet, absolute_range_name("Vendas", "A4"),
                              [['=HYPERLINK("https://exemplo.com";"Cliente do link")']])
    flow = make_flow("customer", spreadsheet, {"name": "Nome", "email": "E-mail", "notes": "Obs"})

    report = run_cycle(flow)

    shown = status_column(sheets_sandbox, spreadsheet, "E", 4)
    assert shown[0].startswith("✖") and '"Obs"' in shown[0]
    assert shown[1].startswith("✖") and '"Obs"' in shown[1]
    assert shown[2].startswith("✔") and shown[3].startswith("✔")
    assert report.created == 2
    assert all(len(text) <= 500 for text in shown)


def test_clearing_a_done_status_sends_the_row_again(sheets_sandbox, make_flow, run_cycle, contaazul_sandbox):
    header = ["Fornecedor", "Descrição", "Valor", "Vencimento", "Enviar?"]
    rows = [header, ["Moinho Paulista Farinhas Ltda", "Farinha extra", "500,00", "20/12/2026", "x"]]
    spreadsheet = sheets_sandbox.create_spreadsheet("Reenvio", {"Vendas": rows})
    flow = make_flow("payable", spreadsheet, {"supplier_name": "Fornecedor", "description": "Descrição",
                                              "amount": "Valor", "due_date": "Vencimento"})
    assert run_cycle(flow).created == 1
    assert run_cycle(flow).created == 0
    sheets_sandbox.type_cells(spreadsheet, absolute_range_name("Vendas", "F2"), [[""]])
    assert run_cycle(flow).created == 1
    payables = [e for e in contaazul_sandbox.company().events.values() if e["descricao"] == "Farinha extra"]
    assert len(payables) == 2


def test_sync_once_command_prints_the_report(sync_app, sheets_sandbox, make_flow):
    header = ["Nome", "E-mail", "Enviar?"]
    spreadsheet = sheets_sandbox.create_spreadsheet("CLI", {"Vendas": [header, ["Lia", "lia@exemplo.com.br", "x"]]})
    flow = make_flow("customer", spreadsheet, {"name": "Nome", "email": "E-mail"})
    runner = sync_app.test_cli_runner()

    preview = runner.invoke(args=["sync", "once", str(flow.id), "--dry-run"])
    assert preview.exit_code == 0, preview.output
    assert json.loads(preview.output)["dry_run"] is True

    result = runner.invoke(args=["sync", "once", str(flow.id)])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["created"] == 1
    assert current_settings().SHEETS_API_BASE_URL == sheets_sandbox.url

    missing = runner.invoke(args=["sync", "once", "999"])
    assert missing.exit_code != 0 and "no such flow: 999" in missing.output
