"""Paging as plain iterators: callers never see `pagina` or the module's envelope.

Conta Azul's modules wrap lists differently (`items`/`totalItems`, `itens`/`total_itens`,
`itens`/`itens_totais`, bare lists) and accept only some page sizes; this module hides both.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any

STANDARD_PAGE_SIZES: tuple[int, ...] = (10, 20, 50, 100, 200, 500, 1000)
CONTRACT_PAGE_SIZES: tuple[int, ...] = (10, 20, 50)
SERVICE_PAGE_SIZES: tuple[int, ...] = (10, 20, 50, 100)

# Where the modules put a page's rows and its total: every name the client reads.
ITEM_KEYS: tuple[str, ...] = ("items", "itens")
TOTAL_KEYS: tuple[str, ...] = ("totalItems", "total_itens", "itens_totais", "total")


def choose_page_size(allowed: Sequence[int], requested: int | None = None) -> int:
    """The largest allowed size not above `requested` (the largest of all by default)."""
    fitting = [size for size in allowed if requested is None or size <= requested]
    return max(fitting) if fitting else min(allowed)


def page_items(body: Any) -> tuple[list[Any], int | None]:
    """The rows of one page and the total the envelope announces, if any."""
    if isinstance(body, list):
        return body, None
    if not isinstance(body, dict):
        return [], None
    rows = next((body[k] for k in ITEM_KEYS if isinstance(body.get(k), list)), [])
    total = next((body[k] for k in TOTAL_KEYS if isinstance(body.get(k), int)), None)
    return rows, total


def iterate_pages(fetch: Callable[[int, int], Any], size: int) -> Iterator[Any]:
    """Yield every row, calling `fetch(page, size)` lazily until the rows run out."""
    page, seen = 1, 0
    while True:
        rows, total = page_items(fetch(page, size))
        yield from rows
        seen += len(rows)
        if not rows or len(rows) < size or (total is not None and seen >= total):
            return
        page += 1
