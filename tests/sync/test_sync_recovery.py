"""Exactly once: what a crash or a lost answer leaves behind is found again, never sent twice."""
from __future__ import annotations

import uuid

from contaazul.resources.base import only_digits
from sheets_addon.sync.actions import Created, RowFailure, Unconfirmed, action_for
from sheets_addon.sync.actions.people import person_key
from tests.sync.sync_helpers import (CONTRACT_COLUMNS, CONTRACT_ROW, CUSTOMER_COLUMNS, FLOUR_BILL,
                                     PAYABLE_COLUMNS, SALE_COLUMNS, by_name, draft_of, new_cpf, sale_row)

KEY = "feedfacefeedface"


def prepare(ctx, kind, columns, *rows):
    action = action_for(kind)
    draft, columns = draft_of(kind, columns, *rows)
    prepared = action.prepare(draft, columns, ctx)
    assert not isinstance(prepared, RowFailure), prepared
    return action, prepared, action.intent(prepared, KEY, ctx)


def test_sale_created_before_a_crash_is_found_by_its_number_and_marker(ctx, make_ctx):
    sale, prepared, intent = prepare(ctx, "sale", SALE_COLUMNS, sale_row())
    assert sale.find_existing(intent, make_ctx()) is None  # crashed before the create
    created = sale.create(prepared, intent, ctx)
    assert sale.find_existing(intent, make_ctx()) == created  # crashed after it, before the ledger


def test_a_sale_with_our_number_but_not_our_marker_is_someone_elses(ctx, bakery):
    sale, prepared, intent = prepare(ctx, "sale", SALE_COLUMNS, sale_row())
    other = sale.create(prepared, {**intent, "marker": "[azulejo:7:otherrow0000]"}, ctx)
    assert other.number == intent["number"] and sale.find_existing(intent, ctx) is None


def test_a_crashed_order_is_not_mistaken_for_the_same_clients_other_order_that_day(ctx, make_ctx):
    sale, prepared, _ = prepare(ctx, "sale", SALE_COLUMNS, sale_row(Pedido="PED-0001"))
    sale.create(prepared, sale.intent(prepared, "order:PED-0001", ctx), ctx)
    _, crashed, _ = prepare(ctx, "sale", SALE_COLUMNS, sale_row(Pedido="PED-0002"))
    intent = sale.intent(crashed, "order:PED-0002", ctx)  # recorded, then the worker died
    assert sale.find_existing(intent, make_ctx()) is None  # PED-0001's sale is not PED-0002's


def test_a_reserved_number_taken_meanwhile_is_replaced_and_still_found(ctx, make_ctx, bakery):
    sale, prepared, intent = prepare(ctx, "sale", SALE_COLUMNS, sale_row())
    squatter, squatter_prepared, _ = prepare(make_ctx(), "sale", SALE_COLUMNS, sale_row(Pedido="P-2"))
    squatter.create(squatter_prepared, {**intent, "marker": "[azulejo:9:someoneelse0]"}, ctx)
    learned = []
    ctx.on_intent_update = learned.append
    created = sale.create(prepared, intent, ctx)
    assert isinstance(created, Created) and created.number == intent["number"] + 1
    assert learned == [{**intent, "number": created.number}]
    assert sale.find_existing(intent, make_ctx()) == created  # the old intent still finds it, by marker


def test_a_reserved_number_conta_azul_refused_for_another_reason_goes_to_the_next_row(ctx, bakery):
    sale, prepared, intent = prepare(ctx, "sale", SALE_COLUMNS, sale_row())
    bread = next(p for p in bakery.products.values() if p["codigo_sku"] == "PF-KG")
    bread["ativo"] = False  # switched off in Conta Azul between the lookup and the create
    refused = sale.create(prepared, intent, ctx)
    assert isinstance(refused, RowFailure) and "inativo" in refused.message
    bread["ativo"] = True
    _, _, next_intent = prepare(ctx, "sale", SALE_COLUMNS, sale_row(Pedido="P-2"))
    assert next_intent["number"] == intent["number"]  # no gap in the company's numbering


def test_5xx_on_a_create_is_unconfirmed_then_looked_up_then_sent_once(ctx, make_ctx, contaazul_sandbox, bakery):
    sale, prepared, intent = prepare(ctx, "sale", SALE_COLUMNS, sale_row())
    before = len(bakery.sales)
    contaazul_sandbox.configure_faults(fail_next=1, fail_status=500)
    outcome = sale.create(prepared, intent, ctx)
    assert isinstance(outcome, Unconfirmed) and outcome.retryable and outcome.intent == intent
    assert outcome.message.startswith("Conta Azul não confirmou")
    assert sale.find_existing(intent, make_ctx()) is None  # the stand-in failed it before recording
    created = sale.create(prepared, intent, ctx)
    assert isinstance(created, Created) and len(bakery.sales) == before + 1


def test_contract_is_found_again_only_once_created(ctx, make_ctx):
    contract, prepared, intent = prepare(ctx, "contract", CONTRACT_COLUMNS, CONTRACT_ROW)
    assert contract.find_existing(intent, make_ctx()) is None
    created = contract.create(prepared, intent, ctx)
    assert contract.find_existing(intent, make_ctx()) == created


def test_customer_created_is_found_by_document_and_marker(ctx, make_ctx):
    row = {"Nome": "Beatriz Conceição", "CPF/CNPJ": new_cpf(555_101_202), "E-mail": "bia.conceicao@yahoo.com.br"}
    customer, prepared, intent = prepare(ctx, "customer", CUSTOMER_COLUMNS, row)
    assert customer.find_existing(intent, make_ctx()) is None
    created = customer.create(prepared, intent, ctx)
    assert customer.find_existing(intent, make_ctx()) == created
    by_email = {**intent, "document": None}
    assert customer.find_existing(by_email, make_ctx()) == created


def test_customer_update_is_simply_sent_again(ctx, bakery):
    maria = by_name(bakery.people, "Maria Aparecida dos Santos")
    customer, prepared, intent = prepare(ctx, "customer", CUSTOMER_COLUMNS,
                                         {"Nome": maria["nome"], "CPF/CNPJ": maria["documento"]})
    assert intent["person_id"] == maria["id"] and customer.find_existing(intent, ctx) is None


def test_payable_is_found_by_the_protocol_id_the_hook_recorded(ctx, make_ctx):
    payable, prepared, intent = prepare(ctx, "payable", PAYABLE_COLUMNS, FLOUR_BILL)
    assert payable.find_existing(intent, make_ctx()) is None
    recorded = []
    ctx.on_intent_update = recorded.append
    created = payable.create(prepared, intent, ctx)
    [with_protocol] = recorded
    assert with_protocol["protocol_id"] and payable.find_existing(with_protocol, make_ctx()) == created
    assert payable.find_existing(intent, make_ctx()) == created  # without it: due date, value, description
    forgotten = {**with_protocol, "protocol_id": str(uuid.uuid4())}
    assert payable.find_existing(forgotten, make_ctx()) == created  # a protocol Conta Azul no longer knows


def test_a_lost_bill_is_not_taken_for_its_identical_twin_that_another_row_holds(ctx, make_ctx):
    payable, prepared, intent = prepare(ctx, "payable", PAYABLE_COLUMNS, FLOUR_BILL)
    held = payable.create(prepared, intent, ctx)
    twin = payable.intent(prepared, KEY + "#2", ctx)  # an identical row, its POST lost before Conta Azul
    assert payable.find_existing(twin, make_ctx()) == held  # the search alone cannot tell twins apart
    assert payable.find_existing(twin, make_ctx(held_by_another_row={held.id}.__contains__)) is None


def test_payable_still_pending_stays_unconfirmed_until_its_protocol_ends(ctx, make_ctx, ca, contaazul_sandbox):
    contaazul_sandbox.state.settings.protocol_delay_seconds = 60
    ca.protocol_timeout = 0
    payable, prepared, intent = prepare(ctx, "payable", PAYABLE_COLUMNS, FLOUR_BILL)
    outcome = payable.create(prepared, intent, ctx)
    assert isinstance(outcome, Unconfirmed) and outcome.intent["protocol_id"]
    assert outcome.message.startswith("Conta Azul ainda está processando")
    assert isinstance(payable.find_existing(outcome.intent, make_ctx()), Unconfirmed)
    contaazul_sandbox.advance_clock(61)
    found = payable.find_existing(outcome.intent, make_ctx())
    assert isinstance(found, Created) and found.summary == "Conta a pagar de R$ 5.280,00 criada"


def test_a_refused_protocol_means_nothing_was_recorded(ctx, bakery):
    payable, prepared, intent = prepare(ctx, "payable", PAYABLE_COLUMNS, FLOUR_BILL)
    recorded = []
    ctx.on_intent_update = recorded.append
    by_name(bakery.cost_centers, "Produção")["ativo"] = False
    assert isinstance(payable.create(prepared, intent, ctx), RowFailure)
    assert payable.find_existing(recorded[0], ctx) is None


def test_5xx_on_a_payable_is_unconfirmed_and_nothing_is_found(ctx, contaazul_sandbox):
    payable, prepared, intent = prepare(ctx, "payable", PAYABLE_COLUMNS, FLOUR_BILL)
    contaazul_sandbox.configure_faults(fail_next=1, fail_status=503)
    outcome = payable.create(prepared, intent, ctx)
    assert isinstance(outcome, Unconfirmed) and "protocol_id" not in outcome.intent
    assert payable.find_existing(outcome.intent, ctx) is None


def test_a_client_another_worker_created_since_the_lookup_is_taken_not_refused(ctx, make_ctx, bakery):
    cpf = new_cpf(555_303_404)
    row = sale_row(Cliente="Rita de Cássia Moura", **{"CPF/CNPJ": cpf})
    for key in (person_key("document", cpf), person_key("name", row["Cliente"])):
        ctx.cache.fetch(key, list)  # this cycle looked her up: nobody yet
    _, theirs, _ = prepare(make_ctx(), "sale", SALE_COLUMNS, row)  # another worker's cycle creates her

    _, mine, _ = prepare(ctx, "sale", SALE_COLUMNS, row)  # Conta Azul refuses a second person with her CPF

    assert mine.refs["client"] == theirs.refs["client"]
    assert [p["nome"] for p in bakery.people.values() if p["documento"] == only_digits(cpf)] == ["Rita de Cássia Moura"]
