"""One paging helper for every list: validates `pagina`/`tamanho_pagina` and builds the envelope.

Each endpoint differs only in its envelope names and the page sizes it accepts, so each declares
a `Paging` and calls `answer`.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from .errors import BadRequest
from .validation import Query, as_integer

STANDARD_SIZES = (10, 20, 50, 100, 200, 500, 1000)
SERVICE_SIZES = (10, 20, 50, 100)


@dataclass(frozen=True)
class Paging:
    """How one list endpoint pages: envelope keys, accepted sizes (or a maximum), default size."""

    items_key: str = "itens"
    total_key: str = "itens_totais"
    sizes: tuple[int, ...] | None = STANDARD_SIZES
    max_size: int | None = None
    default_size: int = 10

    def read(self, query: Query) -> tuple[int, int]:
        """(pagina, tamanho_pagina) from the query, refusing what Conta Azul refuses."""
        page = query.raw("pagina")
        page = 1 if page in (None, "") else _page_number(page)
        size = query.raw("tamanho_pagina")
        if size in (None, ""):
            return page, self.default_size
        try:
            size = as_integer(size, "tamanho_pagina", 1)
        except BadRequest:
            raise BadRequest(self._size_message()) from None
        if (self.sizes and size not in self.sizes) or (self.max_size and size > self.max_size):
            raise BadRequest(self._size_message())
        return page, size

    def _size_message(self) -> str:
        if self.max_size:
            return f"O parâmetro 'tamanho_pagina' deve ser um número entre 1 e {self.max_size}."
        allowed = ", ".join(str(size) for size in self.sizes or ())
        return f"O parâmetro 'tamanho_pagina' deve ser um dos valores: {allowed}."

    def answer(self, rows: Sequence[Any], query: Query, present: Callable[[Any], dict],
               **extra: Any) -> dict:
        """The page of rows the query asks for, presented, inside this endpoint's envelope."""
        page, size = self.read(query)
        start = (page - 1) * size
        body = {self.items_key: [present(row) for row in rows[start:start + size]],
                self.total_key: len(rows)}
        body.update(extra)
        return body


def _page_number(value: Any) -> int:
    try:
        return as_integer(value, "pagina", 1, 10_000_000)
    except BadRequest:
        raise BadRequest("O parâmetro 'pagina' deve ser um número inteiro maior ou igual a 1.") from None
