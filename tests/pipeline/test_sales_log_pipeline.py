"""Conta Azul → sheet, end to end: the sales log polled with the real client and real gspread."""
from __future__ import annotations

import json
from datetime import date, timedelta
from decimal import Decimal

import pytest

from sheets_addon.config import current_settings
from sheets_addon.connections import contaazul_client
from sheets_addon.db import get_engine, get_session
from sheets_addon.log_sheet import LogSheet
from sheets_addon.models import Flow, SaleRow
from sheets_addon.sync import sales_to_sheet
from tests import wiring

LONG_AGO = {"start_date": (date.today() - timedelta(days=400)).isoformat()}
QUICK_COLUMNS = ["numero", "cliente", "situacao", "total", "id"]   # all from the search row: no detail calls


@pytest.fixture
def log_tab(sheets_sandbox):
    return sheets_sandbox.create_spreadsheet("Registro de vendas", {"Vendas": []})


def rows_of(sheets_sandbox, spreadsheet_id, render="UNFORMATTED_VALUE"):
    return sheets_sandbox.read(spreadsheet_id, "Vendas", render=render)


def by_id(rows):
    """{sale id: row values} from a tab whose last column is the id."""
    return {row[-1]: row for row in rows[1:]}


def company_sales(contaazul_sandbox):
    return contaazul_sandbox.company().sales


@pytest.fixture
def sell(connection, contaazul_sandbox):
    """Sales made now through the API, as a shop's system makes them; answers their ids."""
    company = contaazul_sandbox.company()
    customers = [p for p in company.people.values() if "Cliente" in p["perfis"] and p["ativo"]]
    product = next(p for p in company.products.values() if p["ativo"])

    def sell(count: int = 1, *, situacao: str = "APROVADO", customer: dict | None = None) -> list[str]:
        ids = []
        with contaazul_client(current_settings(), get_engine(), connection) as api:
            account = api.financial_accounts.default()
            for index in range(count):
                body = {"id_cliente": (customer or customers[index % len(customers)])["id"],
                        "numero": api.sales.next_number(), "situacao": situacao, "data_venda": date.today(),
                        "itens": [{"id": product["id"], "quantidade": Decimal(index + 1),
                                   "valor": product["valor_venda"]}],
                        "condicao_pagamento": {
                            "tipo_pagamento": "PIX_PAGAMENTO_INSTANTANEO", "id_conta_financeira": account["id"],
                            "opcao_condicao_pagamento": "À vista",
                            "parcelas": [{"data_vencimento": date.today(),
                                          "valor": product["valor_venda"] * (index + 1)}]}}
                ids.append(api.sales.create(body)["id"])
        return ids
    return sell


def test_backfill_of_thousands_of_sales_across_pages_logs_each_once(
        log_tab, make_sales_log, run_cycle, sheets_sandbox, contaazul_sandbox):
    contaazul_sandbox.seed("sales", 2500)
    flow = make_sales_log(log_tab, columns=QUICK_COLUMNS, options=LONG_AGO)

    first = run_cycle(flow)
    second = run_cycle(flow)

    assert first.problem is None and first.more and first.appended == sales_to_sheet.MAX_SALES_PER_POLL
    assert not second.more and second.appended == len(company_sales(contaazul_sandbox)) - first.appended
    rows = rows_of(sheets_sandbox, log_tab)
    assert rows[0] == ["Número", "Cliente", "Situação", "Total", "ID Conta Azul"]
    assert len(rows) - 1 == len(by_id(rows)) == len(company_sales(contaazul_sandbox))
    assert sheets_sandbox.stats()["by_method"]["values.append"] == 2
    sale = next(iter(company_sales(contaazul_sandbox).values()))
    customer = contaazul_sandbox.company().people[sale["id_cliente"]]
    assert by_id(rows)[sale["id"]][:4] == [sale["numero"], customer["nome"], SITUATION_NAMES[sale["situacao"]],
                                           float(sale["total"])]
    assert run_cycle(flow).appended == 0


SITUATION_NAMES = {"APROVADO": "Aprovado", "EM_ANDAMENTO": "Em andamento", "FATURADO": "Faturado",
                   "CANCELADO": "Cancelado", "ORCAMENTO": "Orçamento", "ORCAMENTO_ACEITO": "Orçamento aceito",
                   "ORCAMENTO_RECUSADO": "Orçamento recusado", "CONTRATO": "Venda agendada por contrato"}


def test_a_first_backfill_from_years_ago_is_asked_for_a_year_at_a_time(
        log_tab, make_sales_log, run_cycle, sheets_sandbox, contaazul_sandbox):
    """Conta Azul is reported to refuse change windows over 365 days; the stand-in does."""
    sales = list(company_sales(contaazul_sandbox).values())
    today = contaazul_sandbox.state.now()
    old, older = sales[0], sales[1]
    old["data_alteracao"], older["data_alteracao"] = today - timedelta(days=800), today - timedelta(days=1300)
    contaazul_sandbox.reset_stats()
    flow = make_sales_log(log_tab, columns=QUICK_COLUMNS,
                          options={"start_date": (date.today() - timedelta(days=4 * 365)).isoformat()})

    report = run_cycle(flow)

    assert report.problem is None and report.appended == len(sales)
    logged = [row[-1] for row in rows_of(sheets_sandbox, log_tab)[1:]]
    assert logged[:2] == [older["id"], old["id"]]  # oldest change first
    stats = contaazul_sandbox.stats()
    assert stats["by_route"]["GET /v1/venda/busca"] == 5 and stats["by_status"].get(400, 0) == 0


def test_new_sales_land_in_one_append_with_every_predefined_column(
        log_tab, make_sales_log, run_cycle, sheets_sandbox, contaazul_sandbox, sell):
    flow = make_sales_log(log_tab)
    run_cycle(flow)
    before = len(rows_of(sheets_sandbox, log_tab))
    sold = sell(3)
    sheets_sandbox.reset_stats()

    report = run_cycle(flow)

    assert (report.problem, report.appended) == (None, 3)
    calls = sheets_sandbox.stats()["by_method"]
    assert calls.get("values.append") == 1 and sum(calls.values()) <= 2  # header check + the append
    rows = rows_of(sheets_sandbox, log_tab)
    assert rows[0] == ["Número", "Data", "Cliente", "CPF/CNPJ", "E-mail", "Situação", "Total", "Forma de pagamento",
                       "Condição", "Vendedor", "Itens", "Categoria", "ID Conta Azul"]
    assert len(rows) == before + 3 and [row[-1] for row in rows[-3:]] == sold
    company = contaazul_sandbox.company()
    sale = company.sales[sold[1]]
    customer = company.people[sale["id_cliente"]]
    row = by_id(rows)[sold[1]]
    assert row[:8] == [sale["numero"], date.today().isoformat(), customer["nome"], customer["documento"],
                       customer["email"], "Aprovado", float(sale["total"]), "Pix"]
    assert row[8] == "À vista" and row[10] == f"2 × {sale['itens'][0]['nome']}"
    assert row[11] == company.categories[sale["id_categoria"]]["nome"] if sale["id_categoria"] else row[11] == ""

    sheets_sandbox.reset_stats()
    assert run_cycle(flow).appended == 0
    assert sheets_sandbox.stats()["by_method"] == {}  # nothing new: not a single Sheets request


def test_status_value_and_seller_filters(log_tab, make_sales_log, run_cycle, sheets_sandbox, contaazul_sandbox):
    contaazul_sandbox.seed("sales", 300)
    filters = [{"field": "status", "op": "in", "values": ["confirmed", "quote"]},
               {"field": "total", "op": "gte", "value": "100,00"}]
    flow = make_sales_log(log_tab, columns=QUICK_COLUMNS, filters=filters, options=LONG_AGO)

    report = run_cycle(flow)

    sales = company_sales(contaazul_sandbox).values()
    wanted = {s["id"] for s in sales if s["situacao"] in ("APROVADO", "FATURADO", "ORCAMENTO") and s["total"] >= 100}
    assert set(by_id(rows_of(sheets_sandbox, log_tab))) == wanted
    assert report.filtered == len(sales) - len(wanted) > 0

    seller = next(iter(contaazul_sandbox.company().sellers.values()))
    other_tab = sheets_sandbox.create_spreadsheet("Só um vendedor", {"Vendas": []})
    only_one = make_sales_log(other_tab, columns=QUICK_COLUMNS, options=LONG_AGO,
                              filters=[{"field": "seller", "op": "in", "values": [seller["nome"].upper()]}])
    run_cycle(only_one)
    assert set(by_id(rows_of(sheets_sandbox, other_tab))) == {
        s["id"] for s in sales if s["id_vendedor"] == seller["id"]}


def test_custom_columns_read_nested_fields(log_tab, make_sales_log, run_cycle, sheets_sandbox, contaazul_sandbox, sell):
    columns = [{"column": "numero", "header": "Pedido"}, {"header": "Cidade", "field": "cliente.cidade"},
               {"header": "1ª parcela", "field": "venda.condicao_pagamento.parcelas.0.data_vencimento"},
               {"header": "Versão", "field": "versao"}]
    flow = make_sales_log(log_tab, columns=columns)
    [sold] = sell(1)

    run_cycle(flow)

    rows = rows_of(sheets_sandbox, log_tab)
    company = contaazul_sandbox.company()
    sale = company.sales[sold]
    city = (company.people[sale["id_cliente"]]["enderecos"] or [{}])[0].get("cidade") or ""
    assert rows[0] == ["Pedido", "Cidade", "1ª parcela", "Versão", "ID Conta Azul"]
    assert by_id(rows)[sold] == [sale["numero"], city, date.today().isoformat(), 1, sold]


def test_a_changed_sale_is_updated_in_place_even_after_the_tab_was_sorted(
        log_tab, make_sales_log, run_cycle, sheets_sandbox, contaazul_sandbox, sell):
    flow = make_sales_log(log_tab, columns=QUICK_COLUMNS, options={"keep_current": True})
    sold = sell(6, situacao="EM_ANDAMENTO")
    run_cycle(flow)
    sheets_sandbox.sort_tab(log_tab, "Vendas", column_index=1, ascending=False, header_rows=1)
    before = rows_of(sheets_sandbox, log_tab)
    contaazul_sandbox.advance_clock(2)
    contaazul_sandbox.change_sale_situation(sold[0], "APROVADO")
    contaazul_sandbox.change_sale_situation(sold[4], "CANCELADO")
    sheets_sandbox.reset_stats()

    report = run_cycle(flow)

    assert (report.appended, report.updated) == (0, 2)
    calls = sheets_sandbox.stats()["by_method"]
    assert calls == {"values.batchGet": 1, "values.batchUpdate": 1}
    after = rows_of(sheets_sandbox, log_tab)
    assert len(after) == len(before)
    changed = {n for n, (old, new) in enumerate(zip(before, after, strict=True)) if old != new}
    assert {after[n][-1] for n in changed} == {sold[0], sold[4]}
    assert by_id(after)[sold[0]][2] == "Aprovado" and by_id(after)[sold[4]][2] == "Cancelado"
    assert run_cycle(flow).updated == 0


def test_without_keep_current_a_logged_sale_is_left_alone(
        log_tab, make_sales_log, run_cycle, sheets_sandbox, contaazul_sandbox, sell):
    flow = make_sales_log(log_tab, columns=QUICK_COLUMNS)
    [sold] = sell(1, situacao="EM_ANDAMENTO")
    run_cycle(flow)
    contaazul_sandbox.advance_clock(2)
    contaazul_sandbox.change_sale_situation(sold, "APROVADO")
    report = run_cycle(flow)
    assert (report.appended, report.updated, report.unchanged) == (0, 0, 1)
    assert by_id(rows_of(sheets_sandbox, log_tab))[sold][2] == "Em andamento"


def test_a_crash_between_appending_and_recording_leaves_no_duplicate_row(
        log_tab, make_sales_log, run_cycle, sheets_sandbox, sell, monkeypatch):
    flow = make_sales_log(log_tab, columns=QUICK_COLUMNS)
    sold = sell(4)
    real_append = LogSheet.append_rows

    def append_then_crash(self, rows, width):
        real_append(self, rows, width)
        raise SystemExit("the worker was killed right after the append")

    monkeypatch.setattr(LogSheet, "append_rows", append_then_crash)
    with pytest.raises(SystemExit):
        run_cycle(flow)
    get_session().rollback()
    crashed = rows_of(sheets_sandbox, log_tab)
    assert [row[-1] for row in crashed[-4:]] == sold
    monkeypatch.setattr(LogSheet, "append_rows", real_append)

    report = run_cycle(flow)

    assert report.appended == 0 and report.recovered == len(crashed) - 1
    rows = rows_of(sheets_sandbox, log_tab)
    assert rows == crashed and len(by_id(rows)) == len(rows) - 1
    assert {entry.state for entry in get_session().query(SaleRow)} == {"logged"}


def test_a_crash_before_the_append_writes_the_rows_next_time(
        log_tab, make_sales_log, run_cycle, sheets_sandbox, sell, monkeypatch):
    flow = make_sales_log(log_tab, columns=QUICK_COLUMNS)
    sold = sell(2)

    def crash(self, rows, width):
        raise SystemExit("killed before the append")

    monkeypatch.setattr(LogSheet, "append_rows", crash)
    with pytest.raises(SystemExit):
        run_cycle(flow)
    get_session().rollback()
    monkeypatch.undo()

    report = run_cycle(flow)

    assert report.appended > 0 and report.recovered == 0
    rows = rows_of(sheets_sandbox, log_tab)
    assert [row[-1] for row in rows[-2:]] == sold and len(by_id(rows)) == len(rows) - 1


@pytest.mark.parametrize("hostile", ["=1+1", "+55 11 99999-0000", "-5", "@joana", '=HYPERLINK("http://x";"y")'])
def test_a_value_that_looks_like_a_formula_lands_as_text(
        log_tab, make_sales_log, run_cycle, sheets_sandbox, contaazul_sandbox, sell, hostile):
    company = contaazul_sandbox.company()
    customer = next(p for p in company.people.values() if "Cliente" in p["perfis"] and p["ativo"])
    with contaazul_sandbox.state.lock:
        customer["nome"] = hostile   # typed in Conta Azul's own screen
    flow = make_sales_log(log_tab, columns=["cliente", "id"])
    [sold] = sell(1, customer=customer)

    run_cycle(flow)

    assert by_id(rows_of(sheets_sandbox, log_tab, render="FORMATTED_VALUE"))[sold][0] == hostile
    assert by_id(rows_of(sheets_sandbox, log_tab, render="FORMULA"))[sold][0] == hostile


def test_a_renamed_or_moved_header_is_reported_and_nothing_is_written(
        log_tab, make_sales_log, run_cycle, sheets_sandbox, sell):
    flow = make_sales_log(log_tab, columns=QUICK_COLUMNS)
    sell(1)
    run_cycle(flow)
    sheets_sandbox.type_cells(log_tab, "Vendas!B1", [["Nome do cliente"]])
    sell(1)
    before = rows_of(sheets_sandbox, log_tab)

    report = run_cycle(flow)

    assert "Cliente" in report.problem and "Nome do cliente" in report.problem and "coluna B" in report.problem
    assert report.appended == 0 and rows_of(sheets_sandbox, log_tab) == before
    sheets_sandbox.type_cells(log_tab, "Vendas!B1", [["Cliente"]])
    assert run_cycle(flow).appended == 1


def test_sync_once_and_flows_import_export_for_a_sales_log(
        sync_app, connection, log_tab, sheets_sandbox, sell, tmp_path):
    document = {"version": 1, "flows": [{
        "name": "Registro", "owner": "ana@padariaaurora.com.br", "kind": "sales_log", "spreadsheet_id": log_tab,
        "worksheet": "Vendas", "columns": ["numero", {"column": "total", "header": "Valor"}],
        "filters": [{"field": "status", "op": "in", "values": ["confirmed"]}],
        "options": {"poll_interval_seconds": 300, "keep_current": True}, "enabled": True}]}
    source = tmp_path / "flows.json"
    source.write_text(json.dumps(document), encoding="utf-8")
    runner = sync_app.test_cli_runner()
    assert runner.invoke(args=["flows", "import", str(source)]).exit_code == 0
    flow = get_session().query(Flow).one()
    flow.connection_id = connection.id
    get_session().commit()
    exported = json.loads(runner.invoke(args=["flows", "export", str(flow.id)]).output)["flows"][0]
    assert exported["columns"] == [{"column": "numero"}, {"column": "total", "header": "Valor"}, {"column": "id"}]
    assert "trigger_column" not in exported
    [sold] = sell(1)
    unproven = runner.invoke(args=["sync", "once", str(flow.id), "--dry-run"])
    assert unproven.exit_code != 0 and "has not proved lately that they can edit" in unproven.output
    wiring.prove_spreadsheet_access("ana@padariaaurora.com.br", log_tab)  # what her add-on does in the sheet

    preview = runner.invoke(args=["sync", "once", str(flow.id), "--dry-run"])
    assert preview.exit_code == 0, preview.output
    assert json.loads(preview.output)["dry_run"] is True and rows_of(sheets_sandbox, log_tab) == []
    result = runner.invoke(args=["sync", "once", str(flow.id)])

    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["appended"] >= 1
    assert rows_of(sheets_sandbox, log_tab)[0] == ["Número", "Valor", "ID Conta Azul"]
    assert sold in by_id(rows_of(sheets_sandbox, log_tab))
