"""Sales: references resolved by code, name and folded name; the sale as Conta Azul keeps it."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from sheets_addon.sync.actions import Created, RowFailure, action_for, row_marker
from tests.sync.sync_helpers import SALE_COLUMNS, by_name, draft_of, new_cpf, sale_row

SALE = action_for("sale")


def send(ctx, *rows, columns=SALE_COLUMNS, row_key="a1b2c3d4e5f6a7b8"):
    draft, columns = draft_of("sale", columns, *rows)
    prepared = SALE.prepare(draft, columns, ctx)
    assert not isinstance(prepared, RowFailure), prepared
    intent = SALE.intent(prepared, row_key, ctx)
    return SALE.create(prepared, intent, ctx), intent


def refusal(ctx, *rows, columns=SALE_COLUMNS) -> RowFailure:
    draft, columns = draft_of("sale", columns, *rows)
    failure = SALE.prepare(draft, columns, ctx)
    assert isinstance(failure, RowFailure), failure
    return failure


def test_sale_with_every_reference_lands_as_the_sheet_says(ctx, bakery):
    maria = by_name(bakery.people, "Maria Aparecida dos Santos")
    created, intent = send(ctx, sale_row(
        **{"CPF/CNPJ": maria["documento"], "Desconto": "5%", "Frete": "R$ 8,00", "Categoria": "Vendas de Mercadorias",
           "Centro de custo": "Delivery", "Vendedor": "ana beatriz souza", "Conta": "Caixa da Loja",
           "Situação": "aprovada", "Observações": "Entregar pela manhã"}),
        sale_row(**{"Código": "", "Produto": "Sonho de Creme", "Qtd": "6", "Preço": "7,00"}))
    assert isinstance(created, Created) and created.summary == f"Venda {intent['number']} criada"
    sale = bakery.sales[created.id]
    assert sale["numero"] == created.number == intent["number"] and sale["id_cliente"] == maria["id"]
    assert [(line["nome"], line["quantidade"], line["valor"]) for line in sale["itens"]] == [
        ("Pão Francês (kg)", Decimal("2"), Decimal("18.90")), ("Sonho de Creme", Decimal("6"), Decimal("7.00"))]
    assert sale["total"] == Decimal("79.80") - Decimal("3.99") + Decimal("8.00")  # 5% off, plus freight
    assert [p["valor"] for p in sale["pagamento"]["parcelas"]] == [Decimal("27.95"), Decimal("27.93"), Decimal("27.93")]
    assert sale["pagamento"]["tipo_pagamento"] == "PIX_PAGAMENTO_INSTANTANEO"
    assert sale["pagamento"]["id_conta_financeira"] == by_name(bakery.accounts, "Caixa da Loja")["id"]
    assert sale["id_categoria"] == by_name(bakery.categories, "Vendas de Mercadorias")["id"]
    assert sale["id_centro_custo"] == by_name(bakery.cost_centers, "Delivery")["id"]
    assert sale["id_vendedor"] == by_name(bakery.sellers, "Ana Beatriz Souza")["id"]
    assert sale["situacao"] == "APROVADO" and sale["data_venda"] == date(2026, 3, 15)
    assert sale["observacoes"] == "Entregar pela manhã\n" + row_marker(7, "a1b2c3d4e5f6a7b8")


def test_default_account_is_used_when_the_row_names_none(ctx, bakery):
    created, _ = send(ctx, sale_row())
    default = next(a for a in bakery.accounts.values() if a["conta_padrao"])
    assert bakery.sales[created.id]["pagamento"]["id_conta_financeira"] == default["id"]
    assert bakery.sales[created.id]["situacao"] == "EM_ANDAMENTO"


def test_the_rows_own_number_is_kept(ctx, bakery):
    columns = {**SALE_COLUMNS, "sale_number": "Nº"}
    created, intent = send(ctx, sale_row(**{"Nº": "5001"}), columns=columns)
    assert created.number == 5001 and intent == {**intent, "number": 5001, "number_reserved": False}


def test_new_client_is_created_as_cliente_and_reused_by_the_next_row(ctx, bakery):
    cpf = new_cpf(310_555_777)
    first, _ = send(ctx, sale_row(**{"Cliente": "Luíza Magalhães", "CPF/CNPJ": cpf, "E-mail": "luiza@gmail.com"}))
    second, _ = send(ctx, sale_row(**{"Cliente": "Luíza Magalhães", "CPF/CNPJ": cpf}), row_key="ffff0000ffff0000")
    luiza = [p for p in bakery.people.values() if p["nome"] == "Luíza Magalhães"]
    assert len(luiza) == 1 and luiza[0]["perfis"] == ["Cliente"] and luiza[0]["tipo_pessoa"] == "Física"
    assert luiza[0]["email"] == "luiza@gmail.com" and "[azulejo:7]" in luiza[0]["observacao"]
    assert bakery.sales[first.id]["id_cliente"] == bakery.sales[second.id]["id_cliente"] == luiza[0]["id"]


def test_client_found_by_email_then_by_exact_name(ctx, bakery):
    jose = by_name(bakery.people, "José Carlos Oliveira")
    by_email, _ = send(ctx, sale_row(**{"Cliente": "", "E-mail": "JOSE.OLIVEIRA@hotmail.com"}))
    by_name_only, _ = send(ctx, sale_row(**{"Cliente": "José Carlos Oliveira"}), row_key="0123456789abcdef")
    assert bakery.sales[by_email.id]["id_cliente"] == bakery.sales[by_name_only.id]["id_cliente"] == jose["id"]


def test_same_name_with_another_cpf_is_someone_else(ctx, bakery):
    cpf = new_cpf(271_828_182)
    created, _ = send(ctx, sale_row(**{"Cliente": "Fernanda Ribeiro Costa", "CPF/CNPJ": cpf}))
    client = bakery.people[bakery.sales[created.id]["id_cliente"]]
    assert client["id"] != by_name(bakery.people, "Fernanda Ribeiro Costa")["id"]
    assert client["documento"] == cpf.replace(".", "").replace("-", "")


def test_inactive_product_is_refused_naming_the_item_column(ctx, bakery):
    failure = refusal(ctx, sale_row(**{"Código": "", "Produto": "Panetone Artesanal 750g"}))
    assert failure == RowFailure('O produto "Panetone Artesanal 750g" está inativo no Conta Azul: '
                                 'reative-o ou troque o item na coluna "Produto".', "Produto", False)


def test_inactive_service_is_refused_by_its_code(ctx):
    failure = refusal(ctx, sale_row(**{"Código": "SRV-AULA"}))
    assert failure.column == "Código" and not failure.retryable
    assert failure.message.startswith('O serviço "Aula de Panificação" está inativo no Conta Azul')


def test_unknown_item_names_the_column(ctx):
    failure = refusal(ctx, sale_row(**{"Código": "", "Produto": "Pão de Mel"}))
    assert failure.column == "Produto" and '"Pão de Mel" não encontrado' in failure.message


def test_unknown_category_lists_the_three_closest_names(ctx):
    failure = refusal(ctx, sale_row(Categoria="Venda de Mercadoria"))
    assert failure.column == "Categoria"
    assert failure.message.startswith('Categoria de receita "Venda de Mercadoria" não encontrada no Conta Azul '
                                      'na coluna "Categoria": os nomes mais parecidos são "Vendas de Mercadorias", ')
    assert failure.message.count('"') == 2 * (1 + 1 + 3)


def test_expense_category_on_a_sale_is_named_as_such(ctx):
    failure = refusal(ctx, sale_row(Categoria="Aluguel"))
    assert failure.message == 'A categoria "Aluguel" é de despesa na coluna "Categoria": use uma categoria de receita'


def test_missing_cost_center_is_created_once(ctx, bakery):
    before = len(bakery.cost_centers)
    first, _ = send(ctx, sale_row(**{"Centro de custo": "Feira de Domingo"}))
    second, _ = send(ctx, sale_row(**{"Centro de custo": "Feira de Domingo"}), row_key="1111222233334444")
    center = by_name(bakery.cost_centers, "Feira de Domingo")
    assert len(bakery.cost_centers) == before + 1 and center["ativo"]
    assert bakery.sales[first.id]["id_centro_custo"] == bakery.sales[second.id]["id_centro_custo"] == center["id"]


def test_inactive_cost_center_is_refused(ctx):
    failure = refusal(ctx, sale_row(**{"Centro de custo": "Eventos"}))
    assert failure.column == "Centro de custo" and "está inativo" in failure.message


def test_unknown_seller_names_the_column_and_the_closest_sellers(ctx):
    failure = refusal(ctx, sale_row(Vendedor="Carla Lima"))
    assert failure.column == "Vendedor"
    assert failure.message.startswith('Vendedor "Carla Lima" não encontrado no Conta Azul na coluna "Vendedor": '
                                      'os nomes mais parecidos são "Carlos Eduardo Lima"')


@pytest.mark.parametrize("account, words", [("Poupança Caixa", "está inativa"), ("Nubank", "não encontrada")])
def test_unusable_account_is_refused(ctx, account, words):
    failure = refusal(ctx, sale_row(Conta=account))
    assert failure.column == "Conta" and words in failure.message


def test_conta_azuls_own_refusal_names_the_column_at_fault(ctx, bakery):
    created, _ = send(ctx, sale_row(**{"Código": "CF-500"}))
    product = by_name(bakery.products, "Café Torrado Aurora 500g")
    product["ativo"] = False  # someone deactivates it in Conta Azul between two cycles' lookups
    draft, columns = draft_of("sale", SALE_COLUMNS, sale_row(**{"Código": "CF-500"}))
    prepared_before = SALE.prepare(draft, columns, ctx)  # cached: still active for this cycle
    outcome = SALE.create(prepared_before, SALE.intent(prepared_before, "9999888877776666", ctx), ctx)
    assert isinstance(created, Created) and isinstance(outcome, RowFailure) and not outcome.retryable
    assert outcome.column == "Código" and outcome.message.startswith("Conta Azul recusou: O produto 'Café Torrado")
