"""Paging across real pages for each envelope, in allowed sizes, fetching no more than needed."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone


def paged_equals_whole(make_client, store, stats, size, listing):
    """List once in the largest pages, then in `size`, and compare rows and request counts."""
    whole = list(listing(make_client(store)))
    before = stats.answered()
    paged = list(listing(make_client(store, page_size=size)))
    assert [r["id"] for r in paged] == [r["id"] for r in whole]
    assert len({r["id"] for r in paged}) == len(paged)
    assert stats.answered() - before == -(-len(paged) // size)
    assert stats.status(400) == 0
    return paged


def test_people_items_total_items(make_client, store, stats, contaazul_sandbox):
    contaazul_sandbox.seed("people", 120)
    rows = paged_equals_whole(make_client, store, stats, 50, lambda ca: ca.people.search(profile="Cliente"))
    assert len(rows) >= 100


def test_sales_itens_total_itens(make_client, store, stats, contaazul_sandbox):
    contaazul_sandbox.seed("sales", 45)
    since = datetime.now(timezone.utc) - timedelta(days=360)  # one change window: pages alone
    rows = paged_equals_whole(make_client, store, stats, 20,
                              lambda ca: ca.sales.search(changed_from=since))
    assert len(rows) >= 45


def test_receivables_itens_itens_totais(make_client, store, stats, contaazul_sandbox):
    contaazul_sandbox.seed("receivables", 25)
    today = date.today()
    rows = paged_equals_whole(make_client, store, stats, 10, lambda ca: ca.receivables.search(
        today - timedelta(days=3650), today + timedelta(days=3650)))
    assert len(rows) >= 25


def test_categories_itens_itens_totais(make_client, store, stats):
    rows = paged_equals_whole(make_client, store, stats, 50, lambda ca: ca.categories.list())
    assert len(rows) > 50


def test_products(make_client, store, stats, contaazul_sandbox):
    contaazul_sandbox.seed("products", 30)
    rows = paged_equals_whole(make_client, store, stats, 20, lambda ca: ca.products.search())
    assert len(rows) >= 30
