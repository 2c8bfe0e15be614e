"""Contracts: terms, payment and items as Conta Azul keeps them; payment type required."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from sheets_addon.sync.actions import Created, RowFailure, action_for, row_marker
from sheets_addon.sync.actions.contract import open_ended_until
from tests.sync.sync_helpers import CONTRACT_COLUMNS, CONTRACT_ROW, by_name, draft_of

CONTRACT = action_for("contract")


def test_monthly_contract_without_end(ctx, bakery):
    draft, columns = draft_of("contract", CONTRACT_COLUMNS, CONTRACT_ROW)
    prepared = CONTRACT.prepare(draft, columns, ctx)
    intent = CONTRACT.intent(prepared, "5eed5eed5eed5eed", ctx)
    created = CONTRACT.create(prepared, intent, ctx)
    assert isinstance(created, Created) and created.summary == f"Contrato {intent['number']} criado"
    contract = bakery.contracts[created.id]
    assert (contract["numero"], contract["tipo_frequencia"], contract["intervalo_frequencia"]) == (
        intent["number"], "MENSAL", 1)
    assert contract["tipo_expiracao"] == "NUNCA" and contract["data_inicio"] == date(2026, 4, 1)
    assert contract["data_fim"] == date(2126, 4, 1)  # required by both contract specs; a century on
    assert contract["pagamento"]["tipo_pagamento"] == "BOLETO_BANCARIO"
    assert contract["pagamento"]["dia_vencimento"] == 10
    assert contract["pagamento"]["primeira_data_vencimento"] == date(2026, 4, 10)
    assert contract["total"] == Decimal("1050.00")
    assert contract["id_cliente"] == by_name(bakery.people, "Café Bom Dia Ltda")["id"] == intent["client_id"]
    assert contract["observacoes"].endswith(row_marker(7, "5eed5eed5eed5eed"))


def test_yearly_contract_with_an_end_date(ctx, bakery):
    row = {**CONTRACT_ROW, "Frequência": "anual", "Fim": "31/03/2028", "Código": "SRV-CB", "Produto": ""}
    draft, columns = draft_of("contract", CONTRACT_COLUMNS, row)
    prepared = CONTRACT.prepare(draft, columns, ctx)
    created = CONTRACT.create(prepared, CONTRACT.intent(prepared, "abcabcabcabcabc0", ctx), ctx)
    contract = bakery.contracts[created.id]
    assert (contract["tipo_frequencia"], contract["tipo_expiracao"], contract["data_fim"]) == (
        "ANUAL", "DATA", date(2028, 3, 31))


def test_payment_type_is_required_by_conta_azul(ctx):
    draft, columns = draft_of("contract", CONTRACT_COLUMNS, {**CONTRACT_ROW, "Pagamento": ""})
    failure = CONTRACT.prepare(draft, columns, ctx)
    assert failure == RowFailure('O Conta Azul exige a forma de pagamento de um contrato: preencha a coluna '
                                 '"Pagamento" (Pix, boleto, cartão…).', "Pagamento", False)


def test_an_open_ended_contract_ends_a_century_on_even_from_a_29th_of_february():
    assert open_ended_until(date(2026, 4, 1)) == date(2126, 4, 1)
    assert open_ended_until(date(2028, 2, 29)) == date(2128, 2, 29)
    assert open_ended_until(date(2000, 2, 29)) == date(2100, 2, 28)  # 2100 has no 29th of February
