"""Payables and receivables: 202 protocol followed to SUCCESS or ERROR; search by due window."""
from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from contaazul import ProtocolFailedError, ProtocolPendingError, ValidationError


@pytest.fixture
def event_body(ca, customer):
    account = ca.financial_accounts.default() or next(iter(ca.financial_accounts.list()))

    def build(kind: str, value: Decimal = Decimal("250.75"), description: str | None = None, **overrides) -> dict:
        category = next(iter(ca.categories.list(kind=kind, only_children=True)))
        body = {
            "data_competencia": date.today(),
            "valor": value,
            "descricao": description or f"Teste {kind}",
            "observacao": "criado pelos testes do cliente",
            "contato": customer["id"],
            "conta_financeira": account["id"],
            "rateio": [{"id_categoria": category["id"], "valor": value}],
            "condicao_pagamento": {"parcelas": [{
                "descricao": "Parcela 1",
                "data_vencimento": date.today() + timedelta(days=15),
                "conta_financeira": account["id"],
                "detalhe_valor": {"valor_bruto": value, "valor_liquido": value},
            }]},
        }
        body.update(overrides)
        return body

    return build


def test_receivable_protocol_succeeds_and_is_found(ca, event_body):
    done = ca.receivables.create_and_wait(event_body("RECEITA"))
    assert done["status"] == "SUCCESS" and done["evento_financeiro_id"]
    today = date.today()
    rows = list(ca.receivables.search(today, today + timedelta(days=30), text="Teste RECEITA"))
    assert rows and rows[0]["total"] == Decimal("250.75")


def test_a_search_row_is_an_installment_whose_event_is_asked_for(ca, event_body):
    done = ca.receivables.create_and_wait(event_body("RECEITA", description="Teste parcela"))
    today = date.today()
    [row] = ca.receivables.search(today, today + timedelta(days=30), text="Teste parcela")
    assert row["id"] != done["evento_financeiro_id"] and "id_evento" not in row
    assert ca.installments.event_id(row["id"]) == done["evento_financeiro_id"]
    assert ca.installments.get(row["id"])["evento"]["tipo"] == "RECEITA"


def test_payable_protocol_succeeds(ca, event_body):
    protocol = ca.payables.create(event_body("DESPESA", Decimal("0.01")))
    assert protocol["protocolo"] and protocol["status"] in ("PENDING", "SUCCESS")
    done = ca.protocols.wait(protocol["protocolo"])
    assert done["status"] == "SUCCESS"


def test_wait_with_no_time_left_still_asks_once(ca, event_body, contaazul_sandbox):
    protocol = ca.payables.create(event_body("DESPESA", Decimal("0.02")))
    contaazul_sandbox.advance_clock(60)
    assert ca.protocols.wait(protocol["protocolo"], timeout=0)["status"] == "SUCCESS"


def test_protocol_error_is_a_validation_error_with_its_message(ca, event_body):
    wrong_kind = event_body("DESPESA")  # an expense category on a receivable
    with pytest.raises(ProtocolFailedError) as caught:
        ca.receivables.create_and_wait(wrong_kind)
    assert isinstance(caught.value, ValidationError) and caught.value.protocol_id
    assert caught.value.message and not caught.value.retryable


def test_still_pending_is_retryable_and_names_the_protocol(ca, event_body, contaazul_sandbox):
    with pytest.raises(ProtocolPendingError) as caught:
        ca.payables.create_and_wait(event_body("DESPESA"), timeout=0)
    assert caught.value.retryable and caught.value.protocol_id
    assert ca.protocols.wait(caught.value.protocol_id)["status"] == "SUCCESS"


def test_bad_uuid_is_refused_at_once(ca, event_body):
    with pytest.raises(ValidationError) as caught:
        ca.payables.create(event_body("DESPESA", conta_financeira="x"))
    assert "identificador (uuid)" in caught.value.message


def test_search_requires_and_sends_the_due_window(ca, event_body, make_client, store, contaazul_sandbox,
                                                  stats):
    contaazul_sandbox.seed("payables", 35)
    today = date.today()
    window = (today - timedelta(days=3650), today + timedelta(days=3650))
    everything = list(ca.payables.search(*window))
    before = stats.answered()
    paged = list(make_client(store, page_size=10).payables.search(*window))
    assert [r["id"] for r in paged] == [r["id"] for r in everything] and len(paged) >= 35
    assert stats.answered() - before == -(-len(paged) // 10)
