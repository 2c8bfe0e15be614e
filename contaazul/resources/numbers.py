"""Reading "next number" answers, which come as a bare number or wrapped in an object."""
from __future__ import annotations

from decimal import Decimal
from typing import Any

from ..errors import ServerError
from .base import Resource

_KEYS = ("numero", "proximo_numero", "proximoNumero", "next_number", "value", "valor")


def next_number_from(body: Any, path: str) -> int:
    """The integer in a `proximo-numero` answer: `42`, `"42"` or `{"numero": 42}`."""
    if isinstance(body, dict):
        known = [body[k] for k in _KEYS if k in body]
        numeric = [v for v in body.values() if _as_int(v) is not None]
        body = known[0] if known else (numeric[0] if len(numeric) == 1 else None)
    number = _as_int(body)
    if number is None:
        raise ServerError("unexpected answer for the next number", method="GET", path=path)
    return number


def _as_int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, Decimal) and value == value.to_integral_value():
        return int(value)
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


class Numbered(Resource):
    """A resource whose records take the next free number from `{path}/proximo-numero`."""

    path: str

    def next_number(self) -> int:
        """The next free number, whichever shape the answer has."""
        path = f"{self.path}/proximo-numero"
        return next_number_from(self._get(path), path)
