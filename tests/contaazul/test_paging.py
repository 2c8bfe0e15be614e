"""Envelopes and page sizes, without a network."""
from __future__ import annotations

import pytest

from contaazul.paging import (
    CONTRACT_PAGE_SIZES,
    SERVICE_PAGE_SIZES,
    STANDARD_PAGE_SIZES,
    choose_page_size,
    iterate_pages,
    page_items,
)


@pytest.mark.parametrize("body, rows, total", [
    ({"items": [1, 2], "totalItems": 5}, [1, 2], 5),
    ({"itens": [1], "total_itens": 9, "totais": {}}, [1], 9),
    ({"itens": [], "itens_totais": 0}, [], 0),
    ([1, 2, 3], [1, 2, 3], None),
    (None, [], None),
])
def test_every_envelope(body, rows, total):
    assert page_items(body) == (rows, total)


def test_page_sizes_are_only_allowed_ones():
    assert choose_page_size(STANDARD_PAGE_SIZES) == 1000
    assert choose_page_size(CONTRACT_PAGE_SIZES) == 50
    assert choose_page_size(SERVICE_PAGE_SIZES) == 100
    assert choose_page_size(STANDARD_PAGE_SIZES, 300) == 200
    assert choose_page_size(SERVICE_PAGE_SIZES, 500) == 100
    assert choose_page_size(STANDARD_PAGE_SIZES, 3) == 10


def test_iterates_lazily_and_stops_on_total_or_short_page():
    data = list(range(25))
    calls = []

    def fetch(page, size):
        calls.append(page)
        return {"itens": data[(page - 1) * size: page * size], "itens_totais": len(data)}

    assert list(iterate_pages(fetch, 10)) == data
    assert calls == [1, 2, 3]
    calls.clear()
    exact = data[:20]
    assert list(iterate_pages(lambda p, s: exact[(p - 1) * s: p * s], 10)) == exact  # bare lists
    iterator = iterate_pages(fetch, 10)
    assert next(iterator) == 0 and calls == [1]
