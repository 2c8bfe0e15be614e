"""Products and services: status filters, exact lookups, inactive items kept visible."""
from __future__ import annotations

import pytest

from contaazul import is_active


@pytest.mark.parametrize("kind", ["products", "services"])
def test_status_filter_splits_active_from_inactive(ca, kind):
    catalog = getattr(ca, kind)
    active = list(catalog.search(status="ATIVO"))
    inactive = list(catalog.search(status="INATIVO"))
    assert active and inactive
    assert all(is_active(item) for item in active)
    assert not any(is_active(item) for item in inactive)


@pytest.mark.parametrize("kind, code, name", [("products", "codigo_sku", "nome"),
                                              ("services", "codigo", "descricao")])
def test_find_by_code_and_exact_name_include_inactive_items(ca, kind, code, name):
    catalog = getattr(ca, kind)
    item = next(iter(catalog.search(status="INATIVO")))
    assert catalog.find_by_code(item[code])["id"] == item["id"]
    assert item["id"] in {found["id"] for found in catalog.find_by_name(item[name])}
    assert catalog.find_by_name(item[name][:-1]) == [] or all(
        found[name].strip() == item[name][:-1].strip() for found in catalog.find_by_name(item[name][:-1]))
    assert catalog.find_by_code("nao-existe-123") is None


def test_product_detail_has_active_flag_and_price(ca):
    row = next(iter(ca.products.search(status="ATIVO")))
    detail = ca.products.get(row["id"])
    assert detail["ativo"] is True and is_active(detail)
    assert "valor_venda" in detail["estoque"]


@pytest.mark.parametrize("envelope", [
    pytest.param("itens", marks=pytest.mark.sandbox(services_envelope="itens")),
    pytest.param("items", marks=pytest.mark.sandbox(services_envelope="items")),
])
def test_services_pages_in_allowed_sizes_whatever_the_envelope(make_client, store, contaazul_sandbox,
                                                             envelope, stats):
    contaazul_sandbox.seed("services", 45)
    everything = list(make_client(store).services.search())
    before = stats.answered()
    paged = list(make_client(store, page_size=20).services.search())
    assert [s["id"] for s in paged] == [s["id"] for s in everything]
    assert len(paged) >= 45
    assert stats.answered() - before == -(-len(paged) // 20)
