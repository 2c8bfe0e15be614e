"""What goes over the wire: JSON with exact money, dates, and São Paulo timestamps.

Money never passes through `float`: answers are parsed with `parse_float=Decimal` and requests
are written by a small encoder that prints a `Decimal` as its own digits. Conta Azul's change
filters want São Paulo local time without offset or milliseconds, and its answers often carry
timestamps without a zone, which are São Paulo time too.
"""
from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

SAO_PAULO = ZoneInfo("America/Sao_Paulo")
_FLOAT_REFUSED = "floats lose cents: give money and quantities as Decimal"


def loads(text: str | bytes) -> Any:
    """Parse a JSON answer, numbers with decimals as `Decimal`."""
    return json.loads(text, parse_float=Decimal)


def dumps(value: Any) -> str:
    """Write JSON for a request body, `Decimal` as exact number text, dates as `YYYY-MM-DD`."""
    return _encode(value)


def _encode(value: Any) -> str:
    if value is None or isinstance(value, (bool, str)):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal):
        return decimal_text(value)
    if isinstance(value, float):
        raise TypeError(_FLOAT_REFUSED)
    if isinstance(value, (date, datetime)):
        return json.dumps(scalar_text(value))
    if isinstance(value, Mapping):
        pairs = (f"{json.dumps(str(k), ensure_ascii=False)}:{_encode(v)}" for k, v in value.items())
        return "{" + ",".join(pairs) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ",".join(_encode(v) for v in value) + "]"
    raise TypeError(f"cannot send a {type(value).__name__} to Conta Azul")


def decimal_text(value: Decimal) -> str:
    """A `Decimal` as plain number text (no exponent), refusing NaN and infinity."""
    if not value.is_finite():
        raise ValueError(f"{value} is not a number Conta Azul can store")
    text = format(value, "f")
    return "0" if text in ("-0", "") else text


def scalar_text(value: Any) -> str:
    """One value as Conta Azul reads it in a query string or date field."""
    if isinstance(value, datetime):
        return sao_paulo_timestamp(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return decimal_text(value)
    if isinstance(value, float):
        raise TypeError(_FLOAT_REFUSED)
    return str(value)


def query_params(params: Mapping[str, Any] | None) -> list[tuple[str, str]]:
    """Query parameters with `None` dropped and lists sent as repeated keys."""
    pairs: list[tuple[str, str]] = []
    for key, value in (params or {}).items():
        values = value if isinstance(value, (list, tuple, set, frozenset)) else [value]
        pairs.extend((key, scalar_text(v)) for v in values if v is not None)
    return pairs


def sao_paulo_timestamp(moment: datetime) -> str:
    """An aware datetime as São Paulo local time, `YYYY-MM-DDTHH:MM:SS`, no offset, no millis."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(
            "naive datetime: give a timezone so it can be converted to São Paulo time"
        )
    return moment.astimezone(SAO_PAULO).replace(microsecond=0, tzinfo=None).isoformat()


def parse_timestamp(text: str) -> datetime:
    """A timestamp from an answer as an aware datetime; without a zone it is São Paulo time."""
    value = text.strip()
    if value.endswith(("Z", "z")):
        value = value[:-1] + "+00:00"
    moment = datetime.fromisoformat(value)
    return moment if moment.tzinfo else moment.replace(tzinfo=SAO_PAULO)


def parse_date(text: str) -> date:
    """A `YYYY-MM-DD` date from an answer (a timestamp keeps only its date part)."""
    return date.fromisoformat(text.strip()[:10])
