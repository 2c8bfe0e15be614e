"""What every resource shares: a handle on the client and the small matching rules.

"Exact" name matching means equal after trimming (and Unicode NFC, so a composed and a
decomposed "ã" are the same text). Case and accents still count: "Sao Paulo" is not
"São Paulo", because a category or person picked by a looser rule could be the wrong one.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

from ..paging import STANDARD_PAGE_SIZES

if TYPE_CHECKING:
    from ..client import ContaAzul

Record = dict[str, Any]


class Resource:
    """A group of operations on one kind of Conta Azul record."""

    def __init__(self, client: ContaAzul) -> None:
        self._client = client

    def _get(self, path: str, params: Mapping[str, Any] | None = None) -> Any:
        return self._client._request("GET", path, params=params)

    def _post(self, path: str, body: Any) -> Any:
        return self._client._request("POST", path, json=body)

    def _pages(self, path: str, params: Mapping[str, Any] | None = None,
               sizes: Sequence[int] = STANDARD_PAGE_SIZES) -> Iterator[Record]:
        return self._client._pages(path, params, sizes)


def exact_text(value: Any) -> str:
    """Text as compared for an exact match: trimmed, NFC-normalised, nothing else."""
    return unicodedata.normalize("NFC", str(value or "")).strip()


def exact_matches(rows: Iterable[Record], wanted: str, field: str) -> list[Record]:
    """The rows whose `field` equals `wanted` exactly (see `exact_text`)."""
    target = exact_text(wanted)
    return [row for row in rows if exact_text(row.get(field)) == target]


def first_exact(rows: Iterable[Record], wanted: str, field: str) -> Record | None:
    """The first row whose `field` equals `wanted` exactly, without reading further pages."""
    target = exact_text(wanted)
    return next((row for row in rows if exact_text(row.get(field)) == target), None)


def only_digits(text: Any) -> str:
    return re.sub(r"\D", "", str(text or ""))


def document_key(text: Any) -> str:
    """A CPF or CNPJ as compared: digits and letters, upper case ("12.abc.345/01de-35" ->
    "12ABC34501DE35"), since a CNPJ may carry letters from July 2026 on."""
    return re.sub(r"[^0-9A-Z]", "", str(text or "").upper())


def is_active(record: Mapping[str, Any]) -> bool:
    """Whether a product/service/person is active: `ativo` in details, `status` in lists."""
    if isinstance(record.get("ativo"), bool):
        return record["ativo"]
    return str(record.get("status") or "").upper() == "ATIVO"


def changed_window(changed_from: datetime | None, changed_until: datetime | None) -> dict[str, Any]:
    """`data_alteracao_de/_ate`, always both: some endpoints answer 500 to only one of them."""
    if changed_from is None and changed_until is None:
        return {}
    if changed_from is None:
        raise ValueError("a change window needs its start (changed_from)")
    return {
        "data_alteracao_de": changed_from,
        "data_alteracao_ate": changed_until or datetime.now(timezone.utc),
    }
