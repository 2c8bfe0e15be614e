"""Input checks that fail the way Conta Azul does: a 400 whose Portuguese message names the field.

`Fields` reads one JSON object of a request body, `Query` reads the query string; both share the
converters below, so an invalid uuid, date or enum reads the same wherever it is sent.
"""
from __future__ import annotations

import re
import uuid as uuidlib
from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from .errors import BadRequest

CENT = Decimal("0.01")
MAX_MONEY = Decimal("999999999999.99")
MAX_QUANTITY = Decimal("9999999")
MAX_TEXT = 5000
_DATETIME_FORMATS = ("%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S")
_DATE_PATTERN = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _shown(value: Any) -> str:
    text = value if isinstance(value, str) else str(value).lower() if isinstance(value, bool) else str(value)
    return text if len(text) <= 80 else text[:77] + "..."


def invalid_value(value: Any, name: str, what: str) -> BadRequest:
    """The "O valor 'x' fornecido no parâmetro 'y' não é ..." error Conta Azul answers."""
    return BadRequest(f"O valor '{_shown(value)}' fornecido no parâmetro '{name}' {what}.")


def as_uuid(value: Any, name: str) -> str:
    """A canonical lowercase uuid string, or the exact uuid error message."""
    if isinstance(value, str) and len(value) in (32, 36):
        try:
            parsed = uuidlib.UUID(value)
        except ValueError:
            pass
        else:
            return str(parsed)
    raise invalid_value(value, name, "não é um identificador (uuid) válido")


def as_date(value: Any, name: str) -> date:
    """A date written YYYY-MM-DD (the only format Conta Azul accepts)."""
    if isinstance(value, str) and _DATE_PATTERN.match(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise invalid_value(value, name, "não é uma data válida (AAAA-MM-DD)")


def as_local_datetime(value: Any, name: str) -> datetime:
    """A São Paulo local date-time without zone (`2026-01-01T00:00:00`); a bare date means midnight."""
    if isinstance(value, str):
        if _DATE_PATTERN.match(value):
            return datetime.combine(as_date(value, name), datetime.min.time())
        for layout in _DATETIME_FORMATS:
            try:
                return datetime.strptime(value, layout)
            except ValueError:
                continue
    raise invalid_value(value, name, "não é uma data e hora válida (AAAA-MM-DDTHH:MM:SS)")


def as_number(value: Any, name: str) -> Decimal:
    """A JSON number (or numeric text) as Decimal; booleans, NaN and infinities are refused."""
    if isinstance(value, bool) or not isinstance(value, (int, Decimal, str, float)):
        raise invalid_value(value, name, "não é um número válido")
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        raise invalid_value(value, name, "não é um número válido") from None
    if not number.is_finite():
        raise invalid_value(value, name, "não é um número válido")
    return number


def as_money(value: Any, name: str, *, positive: bool = False) -> Decimal:
    """Reais with cents; negative or absurd amounts are refused."""
    amount = as_number(value, name)
    if amount < 0 or (positive and amount == 0):
        raise invalid_value(value, name, "deve ser um valor maior que zero" if positive else "não pode ser negativo")
    if amount > MAX_MONEY:
        raise invalid_value(value, name, "excede o valor máximo permitido")
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def as_integer(value: Any, name: str, minimum: int | None = None, maximum: int | None = None) -> int:
    """A whole number within [minimum, maximum]."""
    if isinstance(value, bool):
        raise invalid_value(value, name, "não é um número inteiro válido")
    if isinstance(value, int):
        number = value
    elif isinstance(value, str) and re.fullmatch(r"\s*-?\d{1,18}\s*", value):
        number = int(value)
    else:
        raise invalid_value(value, name, "não é um número inteiro válido")
    if (minimum is not None and number < minimum) or (maximum is not None and number > maximum):
        bounds = f"entre {minimum} e {maximum}" if maximum is not None else f"maior ou igual a {minimum}"
        raise invalid_value(value, name, f"deve ser um número {bounds}")
    return number


def as_boolean(value: Any, name: str) -> bool:
    """JSON true/false, or the texts true/false in a query string."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "false"):
        return value.strip().lower() == "true"
    raise invalid_value(value, name, "não é um valor booleano válido (true ou false)")


def as_choice(value: Any, name: str, allowed: Iterable[str]) -> str:
    """One of a fixed set of values, compared exactly (accents and case matter, as in Conta Azul)."""
    options = list(allowed)
    if isinstance(value, str) and value in options:
        return value
    raise invalid_value(value, name, f"não é válido. Valores aceitos: {', '.join(options)}")


def as_text(value: Any, name: str, max_length: int = MAX_TEXT, kind: str = "campo") -> str:
    """A string no longer than max_length."""
    if not isinstance(value, str):
        raise BadRequest(f"O {kind} '{name}' deve ser um texto.")
    if len(value) > max_length:
        raise BadRequest(f"O {kind} '{name}' deve ter no máximo {max_length} caracteres.")
    return value


def check_period(start: Any, end: Any) -> None:
    """Conta Azul's own message when a range is upside down."""
    if start is not None and end is not None and start > end:
        raise BadRequest("A data de início não pode ser posterior à data de fim.")


class Fields:
    """One JSON object of a request body; each getter validates a field and names it on failure."""

    kind = "campo"

    def __init__(self, data: Any, name: str = "body", prefix: str = ""):
        if not isinstance(data, Mapping):
            raise BadRequest(f"O {self.kind} '{name}' deve ser um objeto.")
        self.data = data
        self.prefix = prefix

    def name(self, key: str) -> str:
        return self.prefix + key

    def has(self, key: str) -> bool:
        return self.data.get(key) is not None

    def raw(self, key: str, required: bool = False) -> Any:
        value = self.data.get(key)
        if isinstance(value, str) and not value.strip() and required:
            value = None
        if value is None and required:
            raise BadRequest(f"O {self.kind} '{self.name(key)}' é obrigatório.")
        return value

    def _get(self, key: str, required: bool, convert, *args: Any, **kwargs: Any) -> Any:
        value = self.raw(key, required)
        return None if value is None else convert(value, self.name(key), *args, **kwargs)

    def text(self, key: str, required: bool = False, max_length: int = MAX_TEXT) -> str | None:
        return self._get(key, required, as_text, max_length, self.kind)

    def uuid(self, key: str, required: bool = False) -> str | None:
        return self._get(key, required, as_uuid)

    def date(self, key: str, required: bool = False) -> date | None:
        return self._get(key, required, as_date)

    def local_datetime(self, key: str, required: bool = False) -> datetime | None:
        return self._get(key, required, as_local_datetime)

    def number(self, key: str, required: bool = False) -> Decimal | None:
        return self._get(key, required, as_number)

    def quantity(self, key: str, required: bool = False) -> Decimal | None:
        value = self.number(key, required)
        if value is not None and not (0 < value <= MAX_QUANTITY):
            raise invalid_value(self.raw(key), self.name(key), "deve ser uma quantidade maior que zero")
        return value

    def money(self, key: str, required: bool = False, positive: bool = False) -> Decimal | None:
        return self._get(key, required, as_money, positive=positive)

    def integer(self, key: str, required: bool = False, minimum: int | None = None,
                maximum: int | None = None) -> int | None:
        return self._get(key, required, as_integer, minimum, maximum)

    def boolean(self, key: str, required: bool = False) -> bool | None:
        return self._get(key, required, as_boolean)

    def choice(self, key: str, allowed: Iterable[str], required: bool = False) -> str | None:
        return self._get(key, required, as_choice, allowed)

    def object(self, key: str, required: bool = False) -> "Fields | None":
        value = self.raw(key, required)
        return None if value is None else Fields(value, self.name(key), self.prefix)

    def objects(self, key: str, required: bool = False, min_items: int = 0,
                max_items: int | None = None) -> list["Fields"]:
        """A list of objects; each item's fields are named `key[i].field` in errors."""
        values = self._list(key, required, min_items, max_items)
        return [Fields(item, f"{self.name(key)}[{index}]", f"{self.name(key)}[{index}].")
                for index, item in enumerate(values)]

    def uuids(self, key: str, required: bool = False, min_items: int = 0,
              max_items: int | None = None) -> list[str]:
        values = self._list(key, required, min_items, max_items)
        return [as_uuid(value, self.name(key)) for value in values]

    def _list(self, key: str, required: bool, min_items: int, max_items: int | None) -> list:
        value = self.raw(key, required)
        if value is None:
            value = []
        if not isinstance(value, list):
            raise BadRequest(f"O {self.kind} '{self.name(key)}' deve ser uma lista.")
        if len(value) < min_items:
            raise BadRequest(f"O {self.kind} '{self.name(key)}' deve ter pelo menos {min_items} item(ns).")
        if max_items is not None and len(value) > max_items:
            raise BadRequest(f"O {self.kind} '{self.name(key)}' aceita no máximo {max_items} itens.")
        return value


class Query(Fields):
    """The query string; multi-value filters accept repeated keys or comma-separated values.

    `max_change_days`: the longest `data_alteracao_de/_ate` window answered (0: no cap).
    """

    kind = "parâmetro"

    def __init__(self, args: Any, max_change_days: int = 0):
        self.args = args
        self.max_change_days = max_change_days
        super().__init__({key: args.get(key) for key in args.keys()}, "query")

    def _list(self, key: str, required: bool, min_items: int, max_items: int | None) -> list:
        values = [part.strip() for raw in self.args.getlist(key) for part in raw.split(",") if part.strip()]
        if required and not values:
            raise BadRequest(f"O {self.kind} '{key}' é obrigatório.")
        if max_items is not None and len(values) > max_items:
            raise BadRequest(f"O {self.kind} '{key}' aceita no máximo {max_items} valores.")
        return values

    def texts(self, key: str) -> list[str]:
        return self._list(key, False, 0, None)

    def choices(self, key: str, allowed: Iterable[str]) -> list[str]:
        options = list(allowed)
        return [as_choice(value, key, options) for value in self.texts(key)]

    def integers(self, key: str) -> list[int]:
        return [as_integer(value, key) for value in self.texts(key)]

    def changed_range(self, start_key: str = "data_alteracao_de",
                      end_key: str = "data_alteracao_ate") -> tuple[datetime | None, datetime | None]:
        """A São Paulo local date-time range, checked for order and, when whole, for its length."""
        start, end = self.local_datetime(start_key), self.local_datetime(end_key)
        check_period(start, end)
        if self.max_change_days and start and end and end - start > timedelta(days=self.max_change_days):
            raise BadRequest(f"O período entre '{start_key}' e '{end_key}' não pode ser maior que "
                             f"{self.max_change_days} dias.")
        return start, end

    def date_range(self, start_key: str, end_key: str, required: bool = False) -> tuple[date | None, date | None]:
        start, end = self.date(start_key, required), self.date(end_key, required)
        check_period(start, end)
        return start, end
