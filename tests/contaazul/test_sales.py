"""Sales: next number, create with exact money, search by window/number/status, items, conflicts."""
from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import pytest

from contaazul import ConflictError, NotFoundError, ValidationError
from contaazul.resources.base import changed_windows
from contaazul.wire import sao_paulo_timestamp


@pytest.fixture
def sale_body(ca, customer):
    """Build a sale body for `customer` with an active product, paid in the given installments."""
    product = next(iter(ca.products.search(status="ATIVO")))
    account = ca.financial_accounts.default() or next(iter(ca.financial_accounts.list()))

    def build(price: Decimal, quantity: Decimal, installments: list[Decimal], **overrides) -> dict:
        body = {
            "id_cliente": customer["id"],
            "numero": ca.sales.next_number(),
            "situacao": "APROVADO",
            "data_venda": date.today(),
            "itens": [{"id": product["id"], "quantidade": quantity, "valor": price}],
            "condicao_pagamento": {
                "tipo_pagamento": "PIX_PAGAMENTO_INSTANTANEO",
                "id_conta_financeira": account["id"],
                "opcao_condicao_pagamento": "À vista" if len(installments) == 1 else f"{len(installments)}x",
                "parcelas": [
                    {"data_vencimento": date.today() + timedelta(days=30 * i), "valor": value}
                    for i, value in enumerate(installments)
                ],
            },
        }
        body.update(overrides)
        return body

    return build


def test_a_change_window_of_years_is_asked_for_a_year_at_a_time(ca, contaazul_sandbox, stats):
    """Conta Azul is reported to refuse change windows over 365 days (the stand-in does)."""
    now = datetime.now(timezone.utc)
    since = now - timedelta(days=3 * 365 + 40)
    windows = changed_windows(since, now)
    assert len(windows) == 4
    long_ago = list(contaazul_sandbox.company().sales.values())[:3]
    stamps = [windows[0]["data_alteracao_de"] + timedelta(days=10),
              windows[0]["data_alteracao_ate"],  # on the boundary: in both windows, given once
              windows[2]["data_alteracao_de"] + timedelta(days=100)]
    for sale, stamp in zip(long_ago, stamps, strict=True):
        sale["data_alteracao"] = stamp.replace(tzinfo=None)  # São Paulo time, as the stand-in keeps it
    before = stats.answered()

    found = [sale["id"] for sale in ca.sales.search(changed_from=since, changed_until=now)]

    assert {sale["id"] for sale in long_ago} <= set(found) and len(found) == len(set(found))
    assert stats.answered() - before == 4 and stats.status(400) == 0  # one page per window here


def test_change_windows_count_days_on_sao_paulos_clock_across_daylight_saving():
    """São Paulo kept daylight-saving time until 2019: a year then is not always 365 × 24 hours."""
    since = datetime(2016, 10, 15, 12, tzinfo=timezone.utc)  # a year on is in daylight-saving time
    for window in changed_windows(since, datetime(2019, 6, 1, tzinfo=timezone.utc)):
        start, end = (datetime.fromisoformat(sao_paulo_timestamp(window[key]))
                      for key in ("data_alteracao_de", "data_alteracao_ate"))
        assert end - start <= timedelta(days=365)


def test_next_number_is_an_int(ca):
    number = ca.sales.next_number()
    assert isinstance(number, int) and number > 0


def test_create_keeps_cents_exact_and_is_found_again(ca, sale_body):
    started = datetime.now(timezone.utc) - timedelta(minutes=1)
    thirds = [Decimal("33.33")] * 3
    body = sale_body(Decimal("33.33"), Decimal("3"), thirds)
    created = ca.sales.create(body)
    sale = ca.sales.get(created["id"])
    assert ca.sales.find_by_number(body["numero"])["id"] == created["id"]
    row = ca.sales.find_by_number(body["numero"])
    assert row["total"] == Decimal("99.99") and isinstance(row["total"], Decimal)
    [item] = list(ca.sales.items(created["id"]))
    assert item["valor"] == Decimal("33.33") and item["quantidade"] == 3
    assert created["id"] in {s["id"] for s in ca.sales.search(changed_from=started)}
    assert sale["venda"]["id"] == created["id"] and sale["cliente"]["id"] == body["id_cliente"]
    assert ca.sales.get(row["id_legado"])["venda"]["id"] == created["id"]


def test_search_by_status(ca, sale_body):
    ca.sales.create(sale_body(Decimal("10.00"), Decimal("1"), [Decimal("10.00")], situacao="EM_ANDAMENTO"))
    rows = list(ca.sales.search(statuses=["EM_ANDAMENTO"]))
    assert rows and all(r["situacao"]["nome"] == "EM_ANDAMENTO" for r in rows)


def test_installments_must_add_up(ca, sale_body):
    with pytest.raises(ValidationError) as caught:
        ca.sales.create(sale_body(Decimal("50.00"), Decimal("2"), [Decimal("50.00"), Decimal("49.99")]))
    assert "parcelas" in caught.value.message


@pytest.mark.parametrize("kind", ["products", "services"])
def test_inactive_items_are_refused(ca, sale_body, kind):
    inactive = next(iter(getattr(ca, kind).search(status="INATIVO")))
    body = sale_body(Decimal("10.00"), Decimal("1"), [Decimal("10.00")])
    body["itens"][0]["id"] = inactive["id"]
    with pytest.raises(ValidationError) as caught:
        ca.sales.create(body)
    assert "inativo" in caught.value.message


def test_bad_uuid_message_is_conta_azuls_verbatim(ca, sale_body):
    body = sale_body(Decimal("10.00"), Decimal("1"), [Decimal("10.00")])
    body["condicao_pagamento"]["id_conta_financeira"] = "x"
    with pytest.raises(ValidationError) as caught:
        ca.sales.create(body)
    assert caught.value.message == (
        "O valor 'x' fornecido no parâmetro 'id_conta_financeira' não é um identificador (uuid) válido.")


def test_stale_versao_is_a_conflict(ca, sale_body):
    body = sale_body(Decimal("10.00"), Decimal("1"), [Decimal("10.00")])
    created = ca.sales.create(body)
    current = ca.sales.find_by_number(body["numero"])["versao"]
    ca.sales.update(created["id"], {**body, "observacoes": "primeira", "versao": current})
    with pytest.raises(ConflictError) as caught:
        ca.sales.update(created["id"], {**body, "observacoes": "segunda", "versao": current})
    assert caught.value.status == 409 and caught.value.message
    with pytest.raises(ValueError):
        ca.sales.update(created["id"], body)


def test_sellers_are_a_list(ca):
    sellers = ca.sales.sellers()
    assert isinstance(sellers, list)
    assert all("id" in s and "nome" in s for s in sellers)


def test_unknown_sale_is_not_found(ca):
    with pytest.raises(NotFoundError):
        ca.sales.get(str(uuid.uuid4()))


def test_search_by_seller(ca, sale_body):
    seller = ca.sales.sellers()[0]
    ca.sales.create(sale_body(Decimal("10.00"), Decimal("1"), [Decimal("10.00")], id_vendedor=seller["id"]))
    rows = list(ca.sales.search(seller_ids=[seller["id"]]))
    assert rows
    assert all(ca.sales.get(r["id"])["vendedor"]["id"] == seller["id"] for r in rows)
