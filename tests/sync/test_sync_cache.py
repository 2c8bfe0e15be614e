"""Lookups cached per cycle: many rows of one client and product cost a handful of calls."""
from __future__ import annotations

from collections import Counter

from sheets_addon.sync.actions import Created, RowFailure, action_for
from tests.sync.sync_helpers import FLOUR_BILL, PAYABLE_COLUMNS, SALE_COLUMNS, by_name, draft_of, new_cpf, sale_row

ROWS = 20


def run_rows(kind, columns, rows, ctx):
    action = action_for(kind)
    for index, row in enumerate(rows):
        draft, mapped = draft_of(kind, columns, row)
        prepared = action.prepare(draft, mapped, ctx)
        assert not isinstance(prepared, RowFailure), prepared
        assert isinstance(action.create(prepared, action.intent(prepared, f"{index:016x}", ctx), ctx), Created)


def requests_beyond(creates: str, contaazul_sandbox, before: Counter) -> tuple[int, Counter]:
    calls = Counter(contaazul_sandbox.stats()["by_route"]) - before
    return sum(calls.values()) - calls[creates], calls


def test_twenty_sales_of_one_client_and_product_cost_seven_lookups(ctx, contaazul_sandbox, bakery):
    maria = by_name(bakery.people, "Maria Aparecida dos Santos")
    rows = [sale_row(Pedido=f"P-{n}", **{"CPF/CNPJ": maria["documento"], "Categoria": "Vendas de Mercadorias",
                                         "Centro de custo": "Delivery", "Vendedor": "Juliana Ferreira"})
            for n in range(ROWS)]
    before = Counter(contaazul_sandbox.stats()["by_route"])
    run_rows("sale", SALE_COLUMNS, rows, ctx)
    lookups, calls = requests_beyond("POST /v1/venda", contaazul_sandbox, before)
    assert calls["POST /v1/venda"] == ROWS
    # person, product, categories, seller, accounts, cost centres, next number: once each
    assert lookups == 7, calls


def test_a_new_client_is_looked_up_and_created_once_for_all_its_rows(ctx, contaazul_sandbox, bakery):
    newcomer = {"Cliente": "Rafael Nascimento", "CPF/CNPJ": new_cpf(909_090_901), "E-mail": "rafa@uol.com.br"}
    rows = [sale_row(Pedido=f"N-{n}", **newcomer) for n in range(ROWS)]
    before = Counter(contaazul_sandbox.stats()["by_route"])
    run_rows("sale", SALE_COLUMNS, rows, ctx)
    _, calls = requests_beyond("POST /v1/venda", contaazul_sandbox, before)
    # by document, e-mail and name, each once per profile: Conta Azul's search keeps to clients unless told
    assert calls["POST /v1/pessoas"] == 1 and calls["GET /v1/pessoas"] == 3 * 3
    assert len([p for p in bakery.people.values() if p["nome"] == "Rafael Nascimento"]) == 1


def test_twenty_bills_of_one_supplier_cost_six_lookups(ctx, contaazul_sandbox):
    rows = [{**FLOUR_BILL, "Descrição": f"Farinha - semana {n}", "Parcelas": ""} for n in range(ROWS)]
    before = Counter(contaazul_sandbox.stats()["by_route"])
    run_rows("payable", PAYABLE_COLUMNS, rows, ctx)
    creates = "POST /v1/financeiro/eventos-financeiros/<any('contas-a-pagar', 'contas-a-receber'):kind>"
    lookups, calls = requests_beyond(creates, contaazul_sandbox, before)
    assert calls[creates] == ROWS
    protocol_polls = calls["GET /v1/protocolo/<protocol_id>"]
    # the supplier by name (once per profile, since a namesake of another profile would make it
    # ambiguous), categories, accounts, cost centres
    assert lookups - protocol_polls == 3 + 3, calls
