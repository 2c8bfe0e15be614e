"""Helpers every record kind uses: finding a referenced record, stamping changes, ordering."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from ..errors import BadRequest, NotFound
from ..validation import CENT
from ..world import Company, World


def referenced(collection: dict[str, dict], record_id: str | None, message: str) -> dict | None:
    """The record a body refers to; 400 with `message` (formatted with the id) when it is unknown."""
    if record_id is None:
        return None
    record = collection.get(record_id)
    if record is None or record.get("excluido"):
        raise BadRequest(message.format(id=record_id))
    return record


def found(collection: dict[str, dict], record_id: str, message: str) -> dict:
    """The record a path names; 404 when it does not exist for this company."""
    record = collection.get(record_id)
    if record is None or record.get("excluido"):
        raise NotFound(message)
    return record


def stamp(record: dict, now: datetime, *, created: bool = False) -> dict:
    """Keeps data_criacao/data_alteracao current: every change moves data_alteracao."""
    if created:
        record["data_criacao"] = now
    record["data_alteracao"] = now
    return record


def new_record(world: World, company: Company, now: datetime | None = None, **fields: Any) -> dict:
    """A record with a fresh uuid, id_legado and timestamps."""
    record = {"id": world.new_id(), "id_legado": company.next_legacy_id(), **fields}
    return stamp(record, now or world.now(), created=True)


def cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def brl(value: Decimal) -> str:
    """R$ 1.234,56, for messages a person reads."""
    text = f"{cents(value):,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")
    return f"R$ {text}"


def ordered(records: Iterable[dict], key: Callable[[dict], Any], descending: bool = False) -> list[dict]:
    """Records sorted by key, None last, ties broken by creation for stable paging."""
    def sort_key(record: dict) -> tuple:
        value = key(record)
        return (value is None, value if value is not None else 0, record.get("id_legado", 0))
    return sorted(records, key=sort_key, reverse=descending)


def live(collection: dict[str, dict]) -> list[dict]:
    """Records not deleted."""
    return [record for record in collection.values() if not record.get("excluido")]
