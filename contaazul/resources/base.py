"""What every resource shares: a handle on the client and the small matching rules.

"Exact" name matching means equal after trimming (and Unicode NFC, so a composed and a
decomposed "ã" are the same text). Case and accents still count: "Sao Paulo" is not
"São Paulo", because a category or person picked by a looser rule could be the wrong one.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any

from ..paging import STANDARD_PAGE_SIZES
from ..wire import SAO_PAULO

if TYPE_CHECKING:
    from ..client import ContaAzul

Record = dict[str, Any]
MAX_CHANGE_WINDOW = timedelta(days=365)


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

    def _changed_pages(self, path: str, params: Mapping[str, Any], changed_from: datetime | None,
                       changed_until: datetime | None,
                       sizes: Sequence[int] = STANDARD_PAGE_SIZES) -> Iterator[Record]:
        """Every row of a list, its change window asked for in windows Conta Azul answers.

        Windows share their boundary instant (the filter includes both ends), so a row stamped
        on it comes in both: it is given once. A row changed again while the windows are read
        comes once per version (its `data_alteracao` differs); callers keep the latest.
        """
        seen: set[tuple[Any, Any]] = set()
        for window in changed_windows(changed_from, changed_until):
            for row in self._pages(path, {**params, **window}, sizes):
                version = (row.get("id"), row.get("data_alteracao"))
                if version not in seen:
                    seen.add(version)
                    yield row


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


def changed_windows(changed_from: datetime | None, changed_until: datetime | None) -> list[dict[str, Any]]:
    """`data_alteracao_de/_ate` pairs covering the change window, oldest first, each at most
    `MAX_CHANGE_WINDOW` long (Conta Azul is reported to refuse longer ones), always both ends
    (some endpoints answer 500 to only one). No window at all: one request without the filter.

    The days are counted on São Paulo's clock, the one the filter is read in, so a window that
    spans a daylight-saving change (before 2019) is not an hour too long there.
    """
    if changed_from is None and changed_until is None:
        return [{}]
    if changed_from is None:
        raise ValueError("a change window needs its start (changed_from)")
    if any(moment is not None and moment.utcoffset() is None for moment in (changed_from, changed_until)):
        raise ValueError("naive datetime: give a timezone so it can be converted to São Paulo time")
    until = (changed_until or datetime.now(timezone.utc)).astimezone(SAO_PAULO)
    start = changed_from.astimezone(SAO_PAULO).replace(microsecond=0)  # sent to the second
    windows = [{"data_alteracao_de": start, "data_alteracao_ate": min(start + MAX_CHANGE_WINDOW, until)}]
    while windows[-1]["data_alteracao_ate"] < until:
        start = windows[-1]["data_alteracao_ate"]
        windows.append({"data_alteracao_de": start, "data_alteracao_ate": min(start + MAX_CHANGE_WINDOW, until)})
    return windows
