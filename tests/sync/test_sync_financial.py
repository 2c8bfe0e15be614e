"""Payables and receivables: followed through the protocol; suppliers created as "Fornecedor"."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from sheets_addon.sync.actions import Created, RowFailure, action_for, row_marker
from tests.sync.sync_helpers import FLOUR_BILL, PAYABLE_COLUMNS, RECEIVABLE_COLUMNS, by_name, draft_of

PAYABLE, RECEIVABLE = action_for("payable"), action_for("receivable")


def prepared_payable(ctx, row, columns=PAYABLE_COLUMNS):
    draft, columns = draft_of("payable", columns, row)
    prepared = PAYABLE.prepare(draft, columns, ctx)
    assert not isinstance(prepared, RowFailure), prepared
    return prepared


def test_payable_in_three_installments(ctx, bakery):
    prepared = prepared_payable(ctx, FLOUR_BILL)
    intent = PAYABLE.intent(prepared, "0ddba11d0ddba11d", ctx)
    created = PAYABLE.create(prepared, intent, ctx)
    assert created == Created("Conta a pagar", created.id, None, "Conta a pagar de R$ 5.280,00 criada")
    event = bakery.events[created.id]
    assert event["id_contato"] == by_name(bakery.people, "Moinho Paulista Farinhas Ltda")["id"]
    assert (event["valor"], event["data_competencia"], event["tipo"]) == (
        Decimal("5280.00"), date(2026, 3, 31), "DESPESA")
    assert [(p["data_vencimento"], p["detalhe_valor"]["valor_bruto"]) for p in event["parcelas"]] == [
        (date(2026, 4, 10), Decimal("1760.00")), (date(2026, 5, 10), Decimal("1760.00")),
        (date(2026, 6, 10), Decimal("1760.00"))]
    assert {p["metodo_pagamento"] for p in event["parcelas"]} == {"BOLETO_BANCARIO"}
    assert event["parcelas"][0]["nota"] == "Nota fiscal 004512"
    [share] = event["rateio"]
    assert share["id_categoria"] == by_name(bakery.categories, "Matéria-prima")["id"]
    assert share["rateio_centro_custo"][0]["id_centro_custo"] == by_name(bakery.cost_centers, "Produção")["id"]
    assert event["observacao"] == "Pedido semanal\n" + row_marker(7, "0ddba11d0ddba11d")
    default = next(a for a in bakery.accounts.values() if a["conta_padrao"])
    assert event["id_conta_financeira"] == default["id"]


def test_known_suppliers_and_companies_are_found_not_created_again(ctx, bakery):
    """Conta Azul's people search keeps to individual clients unless told otherwise."""
    dairy = by_name(bakery.people, "Laticínios Serra Azul Ltda")
    before = len(bakery.people)
    by_document = prepared_payable(ctx, {**FLOUR_BILL, "Fornecedor": "", "CNPJ": dairy["documento"]})
    by_name_only = prepared_payable(ctx, FLOUR_BILL)
    school, columns = draft_of("receivable", RECEIVABLE_COLUMNS, {
        "Cliente": "Escola Pequeno Príncipe Ltda", "Descrição": "Lanches", "Valor": "10,00", "Vencimento": "05/04/2026"})
    assert by_document.refs["party"].id == dairy["id"]
    assert by_name_only.refs["party"].id == by_name(bakery.people, "Moinho Paulista Farinhas Ltda")["id"]
    assert RECEIVABLE.prepare(school, columns, ctx).refs["party"].id == by_name(
        bakery.people, "Escola Pequeno Príncipe Ltda")["id"]
    assert len(bakery.people) == before


def test_unknown_supplier_is_created_as_fornecedor(ctx, bakery):
    row = {**FLOUR_BILL, "Fornecedor": "Gás Paulistano Distribuidora Ltda", "CNPJ": "11.222.333/0001-81",
           "Categoria": "Gás de Cozinha", "Parcelas": "", "NF": ""}
    prepared = prepared_payable(ctx, row)
    created = PAYABLE.create(prepared, PAYABLE.intent(prepared, "9a9a9a9a9a9a9a9a", ctx), ctx)
    supplier = bakery.people[bakery.events[created.id]["id_contato"]]
    assert (supplier["nome"], supplier["perfis"], supplier["tipo_pessoa"], supplier["documento"]) == (
        "Gás Paulistano Distribuidora Ltda", ["Fornecedor"], "Jurídica", "11222333000181")


def test_receivable_with_a_revenue_category_and_named_account(ctx, bakery):
    draft, columns = draft_of("receivable", RECEIVABLE_COLUMNS, {
        "Cliente": "Escola Pequeno Príncipe Ltda", "Descrição": "Lanches de março", "Valor": "1.890,40",
        "Vencimento": "05/04/2026", "Conta": "maquininha stone", "Categoria": "Vendas para Empresas"})
    prepared = RECEIVABLE.prepare(draft, columns, ctx)
    created = RECEIVABLE.create(prepared, RECEIVABLE.intent(prepared, "beefbeefbeefbeef", ctx), ctx)
    event = bakery.events[created.id]
    assert created.summary == "Conta a receber de R$ 1.890,40 criada" and event["tipo"] == "RECEITA"
    assert event["id_conta_financeira"] == by_name(bakery.accounts, "Maquininha Stone")["id"]
    assert event["id_contato"] == by_name(bakery.people, "Escola Pequeno Príncipe Ltda")["id"]


def test_revenue_category_on_a_payable_is_refused(ctx):
    draft, columns = draft_of("payable", PAYABLE_COLUMNS, {**FLOUR_BILL, "Categoria": "Vendas de Mercadorias"})
    failure = PAYABLE.prepare(draft, columns, ctx)
    assert failure.column == "Categoria" and "é de receita" in failure.message


def test_cost_center_needs_a_category(ctx):
    draft, columns = draft_of("payable", PAYABLE_COLUMNS, {**FLOUR_BILL, "Categoria": ""})
    failure = PAYABLE.prepare(draft, columns, ctx)
    assert failure.column == "Centro de custo" and '"Categoria"' in failure.message


def test_protocol_error_is_a_row_failure_with_conta_azuls_message(ctx, bakery):
    prepared = prepared_payable(ctx, FLOUR_BILL)
    by_name(bakery.cost_centers, "Produção")["ativo"] = False  # switched off in Conta Azul meanwhile
    outcome = PAYABLE.create(prepared, PAYABLE.intent(prepared, "e110e110e110e110", ctx), ctx)
    assert outcome == RowFailure("Conta Azul recusou: O centro de custo 'Produção' está inativo "
                                 '(confira a coluna "Centro de custo")', "Centro de custo", False)
