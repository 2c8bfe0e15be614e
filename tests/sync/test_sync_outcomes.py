"""Client errors -> row outcomes, the column at fault, the cycle's cache: no network needed."""
from __future__ import annotations

import re

import pytest

from contaazul import (AuthenticationError, NetworkError, NotFoundError, ProtocolPendingError, RateLimitedError,
                       ServerError, ValidationError)
from sheets_addon.sync.actions import LookupCache, RowFailure, Unconfirmed
from sheets_addon.sync.actions.context import row_marker, with_marker
from sheets_addon.sync.actions.numbering import CycleNumbering
from sheets_addon.sync.actions.outcomes import RowProblem, column_at_fault, settle
from sheets_addon.sync.actions.references import closest
from tests.sync.sync_helpers import PAYABLE_COLUMNS, SALE_COLUMNS

INTENT = {"kind": "sale", "row_key": "abc", "marker": "[azulejo:7:abc]", "number": 1042}


def raising(error: Exception):
    def step():
        raise error
    return step


@pytest.mark.parametrize("message, column", [
    ("A soma das parcelas (R$ 50,00) é diferente do valor total da venda (R$ 99,99).", "Condição"),
    ("O valor 'x' fornecido no parâmetro 'id_conta_financeira' não é um identificador (uuid) válido.", "Conta"),
    ("O produto 'Broa de Milho' (SKU BR-MIL) está inativo e não pode ser usado.", "Código"),
    ("A categoria 'Aluguel' não é uma categoria de receita.", "Categoria"),
    ("O cliente 'f3c1…' não foi encontrado.", "CPF/CNPJ"),
    ("Já existe uma venda com o número 1042.", None),  # a number we reserved: no column to fix
    ("O desconto (R$ 90,00) não pode ser maior que o valor dos itens (R$ 80,00).", "Desconto"),
    ("Algo que não sabemos ligar a uma coluna.", None),
])
def test_conta_azuls_message_points_at_a_column(message, column):
    assert column_at_fault(message, SALE_COLUMNS) == column


def test_the_supplier_columns_on_a_payable_and_the_number_column_of_a_sale():
    assert column_at_fault("O contato 'x' não foi encontrado.", PAYABLE_COLUMNS) == "CNPJ"
    numbered = {**SALE_COLUMNS, "sale_number": "Nº"}
    assert column_at_fault("Já existe uma venda com o número 1042.", numbered) == "Nº"


def test_a_refusal_is_a_row_failure_with_conta_azuls_words():
    failure = settle(raising(ValidationError("A categoria 'Aluguel' não é uma categoria de receita.")), SALE_COLUMNS)
    assert failure == RowFailure("Conta Azul recusou: A categoria 'Aluguel' não é uma categoria de receita "
                                 '(confira a coluna "Categoria")', "Categoria", False)
    assert settle(raising(NotFoundError("Venda não encontrada.")), {}).message == \
        "Conta Azul recusou: Venda não encontrada"


@pytest.mark.parametrize("error", [RateLimitedError("429"), ServerError("500"), NetworkError("reset")])
def test_conta_azul_down_is_worth_another_try(error):
    assert settle(raising(error), SALE_COLUMNS) == RowFailure(
        "Conta Azul indisponível agora; tentaremos de novo", None, True)


def test_a_create_that_may_have_happened_is_unconfirmed():
    lost = ServerError("500", maybe_applied=True)
    assert settle(raising(lost), SALE_COLUMNS, INTENT) == Unconfirmed(
        "Conta Azul não confirmou se registrou a linha; vamos conferir no Conta Azul antes de tentar de novo", INTENT)
    assert settle(raising(lost), SALE_COLUMNS).retryable  # outside a create: only a retry
    pending = settle(raising(ProtocolPendingError("pending", protocol_id="p-1")), PAYABLE_COLUMNS, INTENT)
    assert isinstance(pending, Unconfirmed) and pending.intent == {**INTENT, "protocol_id": "p-1"}


def test_authentication_pauses_the_flow_not_the_row():
    with pytest.raises(AuthenticationError):
        settle(raising(AuthenticationError("The Token has expired.", status=401)), SALE_COLUMNS, INTENT)


def test_a_row_problem_is_returned_as_its_failure():
    assert settle(raising(RowProblem("Vendedor não encontrado", "Vendedor")), {}) == RowFailure(
        "Vendedor não encontrado", "Vendedor", False)


def test_cache_asks_once_keeps_not_found_but_never_an_error():
    cache, calls = LookupCache(), []
    assert cache.fetch(("person", "email", "a@b.com"), lambda: calls.append(1)) is None
    assert cache.fetch(("person", "email", "a@b.com"), lambda: calls.append(2)) is None and calls == [1]
    with pytest.raises(NetworkError):
        cache.fetch(("categories", "RECEITA"), raising(NetworkError("down")))
    assert cache.fetch(("categories", "RECEITA"), lambda: ["Vendas"]) == ["Vendas"]
    cache.remember(("person", "email", "a@b.com"), [{"id": "p"}])
    assert cache.fetch(("person", "email", "a@b.com"), lambda: None) == [{"id": "p"}]


def test_a_cycle_numbers_counting_up_from_conta_azuls_first_free_one_and_takes_back_the_last():
    numbers = CycleNumbering()
    assert [numbers.reserve("sale", 1042) for _ in range(3)] == [1042, 1043, 1044]
    assert numbers.reserve("sale", 1050) == 1050 and numbers.reserve("sale", 1042) == 1051
    numbers.release("sale", 1049)  # not the last handed out: someone may hold 1050 and 1051
    assert numbers.reserve("sale", 1042) == 1052
    numbers.release("sale", 1052)
    assert numbers.reserve("sale", 1042) == 1052 and numbers.reserve("contract", 17) == 17


def test_marker_and_notes():
    assert re.fullmatch(r"\[azulejo:7:[0-9a-f]{12}\]", row_marker(7, "order:PED-0001"))
    alike = ["order:PED-0001", "order:PED-0002", "row:0123456789abcdef#1", "row:0123456789abcdef#2"]
    assert len({row_marker(7, key) for key in alike}) == 4  # keys alike at the start, markers not
    assert with_marker("Entregar cedo  ", "[azulejo:7:x]") == "Entregar cedo\n[azulejo:7:x]"
    assert with_marker(None, "[azulejo:7:x]") == "[azulejo:7:x]"


def test_closest_names_ignore_case_and_accents():
    names = ["Vendas de Mercadorias", "Vendas de Produtos", "Serviços Prestados", "Vendas Online", "Juros Recebidos"]
    assert closest("venda de mercadoria", names)[:2] == ["Vendas de Mercadorias", "Vendas de Produtos"]
    assert closest("servicos prestados", names)[0] == "Serviços Prestados"
