"""Contracts: next number, create (201), list within dates in pages of ≤ 50, `{"error"}` errors."""
from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from contaazul import NotFoundError, ValidationError


@pytest.fixture
def contract_body(ca, customer):
    product = next(iter(ca.products.search(status="ATIVO")))
    account = ca.financial_accounts.default() or next(iter(ca.financial_accounts.list()))
    start = date.today()
    return {
        "id_cliente": customer["id"],
        "termos": {"tipo_frequencia": "MENSAL", "tipo_expiracao": "DATA", "data_inicio": start,
                   "data_fim": start + timedelta(days=365), "intervalo_frequencia": 1,
                   "dia_emissao_venda": 5, "numero": ca.contracts.next_number()},
        "condicao_pagamento": {"tipo_pagamento": "BOLETO_BANCARIO", "dia_vencimento": 10,
                               "primeira_data_vencimento": start + timedelta(days=10),
                               "id_conta_financeira": account["id"]},
        "itens": [{"id": product["id"], "quantidade": Decimal("1"), "valor": Decimal("149.90")}],
    }


def test_create_get_and_list(ca, contract_body):
    created = ca.contracts.create(contract_body)
    assert created["id"] and "id_venda" in created
    assert ca.contracts.get(created["id"])["id"] == created["id"]
    start = contract_body["termos"]["data_inicio"]
    listed = {c["id"] for c in ca.contracts.list(start - timedelta(days=1), start + timedelta(days=400))}
    assert created["id"] in listed


def test_next_number_moves_on(ca, contract_body):
    before = ca.contracts.next_number()
    ca.contracts.create(contract_body)
    assert ca.contracts.next_number() > before


def test_errors_in_the_error_shape_keep_the_message(ca, contract_body):
    start = contract_body["termos"]["data_inicio"]
    with pytest.raises(ValidationError) as caught:
        list(ca.contracts.list(start, start - timedelta(days=1)))
    assert caught.value.message == "A data de início não pode ser posterior à data de fim."
    contract_body["termos"]["data_fim"] = start - timedelta(days=1)
    with pytest.raises(ValidationError) as caught:
        ca.contracts.create(contract_body)
    assert caught.value.message and caught.value.status == 400


def test_unknown_contract(ca):
    with pytest.raises(NotFoundError):
        ca.contracts.get("00000000-0000-4000-8000-000000000000")


def test_pages_of_at_most_50(make_client, store, customer, contract_body, stats):
    ca = make_client(store, page_size=1000)
    start = contract_body["termos"]["data_inicio"]
    for _ in range(3):
        ca.contracts.create({**contract_body, "termos": {**contract_body["termos"],
                                                          "numero": ca.contracts.next_number()}})
    rows = list(ca.contracts.list(start - timedelta(days=1), start + timedelta(days=400)))
    assert len({r["id"] for r in rows}) == len(rows) >= 3
    assert stats.status(400) == 0
