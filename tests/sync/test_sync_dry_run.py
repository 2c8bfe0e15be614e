"""A dry run looks things up, creates nothing, and shows the exact body it would send."""
from __future__ import annotations

import json
from decimal import Decimal

import pytest

from sheets_addon.sync.actions import Preview, RowFailure, preview, row_marker
from tests.sync.sync_helpers import (CONTRACT_COLUMNS, CONTRACT_ROW, CUSTOMER_COLUMNS, FLOUR_BILL, PAYABLE_COLUMNS,
                                     SALE_COLUMNS, counts, draft_of, new_cpf, sale_row)

NEWCOMER = {"Cliente": "Vinícius Araújo", "CPF/CNPJ": new_cpf(737_373_737)}
CASES = {
    "sale": (SALE_COLUMNS, sale_row(**NEWCOMER, **{"Centro de custo": "Feira de Domingo"})),
    "contract": (CONTRACT_COLUMNS, {**CONTRACT_ROW, **NEWCOMER}),
    "customer": (CUSTOMER_COLUMNS, {"Nome": "Vinícius Araújo", "CPF/CNPJ": NEWCOMER["CPF/CNPJ"]}),
    "payable": (PAYABLE_COLUMNS, {**FLOUR_BILL, "Fornecedor": "Vinícius Araújo", "Centro de custo": "Feira"}),
}


@pytest.mark.parametrize("kind", sorted(CASES))
def test_dry_run_creates_nothing_and_shows_the_body(kind, make_ctx, bakery):
    columns, row = CASES[kind]
    draft, columns = draft_of(kind, columns, row)
    before = counts(bakery)
    shown = preview(kind, draft, columns, "d2d2d2d2d2d2d2d2", make_ctx(dry_run=True))
    assert isinstance(shown, Preview) and counts(bakery) == before
    assert any("será criado" in plan and "Vinícius Araújo" in plan for plan in shown.planned)
    wire = json.loads(shown.json(), parse_float=Decimal)  # what goes over the wire, exact money
    assert (wire.get("observacoes") or wire["observacao"]).endswith(row_marker(7, "d2d2d2d2d2d2d2d2"))


def test_sale_preview_names_what_it_would_create_in_place_of_ids(make_ctx, bakery):
    draft, columns = draft_of("sale", *CASES["sale"])
    shown = preview("sale", draft, columns, "d2d2d2d2d2d2d2d2", make_ctx(dry_run=True))
    assert shown.planned == ('centro de custo "Feira de Domingo" será criado',
                             'cliente "Vinícius Araújo" será criado')
    body = shown.payload
    assert body["id_cliente"] == '<cliente "Vinícius Araújo" a criar>'
    assert body["id_centro_custo"] == '<centro de custo "Feira de Domingo" a criar>'
    assert body["itens"] == [{"id": next(p["id"] for p in bakery.products.values() if p["codigo_sku"] == "PF-KG"),
                              "quantidade": Decimal("2"), "valor": Decimal("18.90")}]
    assert [p["valor"] for p in body["condicao_pagamento"]["parcelas"]] == [Decimal("12.60")] * 3
    assert body["numero"] == max(s["numero"] for s in bakery.sales.values()) + 1


def test_customer_preview_says_which_customer_it_would_update(make_ctx, bakery):
    moinho = next(p for p in bakery.people.values() if p["nome"] == "Moinho Paulista Farinhas Ltda")
    draft, columns = draft_of("customer", CUSTOMER_COLUMNS, {"Nome": "Moinho Paulista", "E-mail": moinho["email"]})
    shown = preview("customer", draft, columns, "d2d2d2d2d2d2d2d2", make_ctx(dry_run=True))
    assert shown.planned == ('cliente "Moinho Paulista Farinhas Ltda" será atualizado',)
    assert shown.payload == {"nome": "Moinho Paulista", "email": moinho["email"],  # unmapped "ativo" unsent
                             "perfis": [{"tipo_perfil": "Fornecedor"}, {"tipo_perfil": "Cliente"}]}


def test_dry_run_still_refuses_what_a_real_run_would(make_ctx):
    draft, columns = draft_of("sale", SALE_COLUMNS, sale_row(Código="", Produto="Broa de Milho"))
    failure = preview("sale", draft, columns, "d2d2d2d2d2d2d2d2", make_ctx(dry_run=True))
    assert isinstance(failure, RowFailure) and failure.column == "Produto"


def test_create_refuses_to_run_in_a_dry_run(make_ctx):
    from sheets_addon.sync.actions import action_for

    ctx = make_ctx(dry_run=True)
    draft, columns = draft_of("sale", SALE_COLUMNS, sale_row())
    sale = action_for("sale")
    prepared = sale.prepare(draft, columns, ctx)
    with pytest.raises(RuntimeError):
        sale.create(prepared, sale.intent(prepared, "d2d2d2d2d2d2d2d2", ctx), ctx)
