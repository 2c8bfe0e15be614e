"""JSON in and out: money parsed as Decimal and written back as plain numbers, dates as ISO text."""
from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from flask import request
from flask.json.provider import DefaultJSONProvider

from .errors import BadRequest

MESSAGE_EMPTY_BODY = "O corpo da requisição é obrigatório."
MESSAGE_INVALID_JSON = "O corpo da requisição não é um JSON válido."
MESSAGE_NOT_OBJECT = "O corpo da requisição deve ser um objeto JSON."


def json_default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() and value.as_tuple().exponent >= 0 else float(value)
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


class SandboxJSONProvider(DefaultJSONProvider):
    """Writes Decimal as a JSON number (Flask's default would write a string) and dates as ISO."""

    default = staticmethod(json_default)
    ensure_ascii = False
    sort_keys = False


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def read_json_body(*, allow_list: bool = False) -> Any:
    """The request's JSON body, money as Decimal; a 400 in Conta Azul's shape when it is not JSON."""
    raw = request.get_data(cache=True)
    if not raw.strip():
        raise BadRequest(MESSAGE_EMPTY_BODY)
    try:
        body = json.loads(raw.decode("utf-8"), parse_float=Decimal, parse_constant=_reject_constant)
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise BadRequest(MESSAGE_INVALID_JSON) from None
    if isinstance(body, dict) or (allow_list and isinstance(body, list)):
        return body
    raise BadRequest(MESSAGE_NOT_OBJECT)
