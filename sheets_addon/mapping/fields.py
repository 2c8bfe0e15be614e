"""What a target field is (`Field`) and how a cell becomes its value (`read_field`).

A field's `type` picks its parser; money fields refuse negative amounts here, once, instead
of in every kind. `one_of` names a group of which at least one field must be filled (a
client is found by name, document or e-mail); `per_item` marks the fields that change from
row to row within one order (product, quantity, price), every other field of a sale or
contract must agree across the order's rows.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Any

from . import messages as msg
from . import parsers as p
from .cells import CellValue
from .errors import ParseError


DEFAULT_TEXT_LENGTH = 200


class FieldType(StrEnum):
    TEXT = "text"
    LONG_TEXT = "long_text"
    MONEY = "money"                # >= 0
    AMOUNT = "amount"              # > 0
    QUANTITY = "quantity"
    PERCENT = "percent"
    DISCOUNT = "discount"          # reais, or a percentage when written with "%"
    WHOLE_NUMBER = "whole_number"
    DATE = "date"
    DATE_LIST = "date_list"
    END_DATE = "end_date"          # a date or "sem fim"
    DAY_OF_MONTH = "day_of_month"
    DOCUMENT = "document"
    EMAIL = "email"
    PHONE = "phone"
    UF = "uf"
    CEP = "cep"
    PAYMENT_TYPE = "payment_type"
    PAYMENT_CONDITION = "payment_condition"
    INSTALLMENTS = "installments"
    FREQUENCY = "frequency"
    BOOLEAN = "boolean"
    SALE_STATUS = "sale_status"
    PERSON_TYPE = "person_type"


@dataclass(frozen=True)
class Field:
    """One thing a row can carry for a target kind, as the sidebar shows it."""

    key: str
    label: str
    type: FieldType
    required: bool = False
    help: str = ""
    synonyms: tuple[str, ...] = ()
    max_length: int | None = None
    one_of: str | None = None
    per_item: bool = False

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready description, for the sidebar and the flows API."""
        return {**asdict(self), "type": str(self.type), "synonyms": list(self.synonyms)}


def one_of_groups(fields: Sequence[Field]) -> dict[str, list[Field]]:
    """Group name -> its fields, for the "at least one of them" rule."""
    groups: dict[str, list[Field]] = {}
    for field in fields:
        if field.one_of:
            groups.setdefault(field.one_of, []).append(field)
    return groups


def read_field(field: Field, value: CellValue) -> Any:
    """The typed value of a non-blank cell for `field`; raises `ParseError`."""
    if field.type in (FieldType.TEXT, FieldType.LONG_TEXT):
        return p.parse_text(value, max_length=field.max_length or DEFAULT_TEXT_LENGTH,
                            multiline=field.type is FieldType.LONG_TEXT)
    return _PARSERS[field.type](value)


def _non_negative_money(value: CellValue) -> Decimal:
    amount = p.parse_money(value)
    if amount < 0:
        raise ParseError(msg.MONEY_INVALID, msg.NOT_NEGATIVE)
    return amount


def _positive_money(value: CellValue) -> Decimal:
    amount = _non_negative_money(value)
    if amount == 0:
        raise ParseError(msg.MONEY_INVALID, msg.NOT_ZERO)
    return amount


_PARSERS: dict[FieldType, Callable[[CellValue], Any]] = {
    FieldType.MONEY: _non_negative_money,
    FieldType.AMOUNT: _positive_money,
    FieldType.QUANTITY: p.parse_quantity,
    FieldType.PERCENT: p.parse_percent,
    FieldType.DISCOUNT: p.parse_discount,
    FieldType.WHOLE_NUMBER: p.parse_whole_number,
    FieldType.DATE: p.parse_date,
    FieldType.DATE_LIST: p.parse_date_list,
    FieldType.END_DATE: p.parse_end_date,
    FieldType.DAY_OF_MONTH: p.parse_day_of_month,
    FieldType.DOCUMENT: p.parse_document,
    FieldType.EMAIL: p.parse_email,
    FieldType.PHONE: p.parse_phone,
    FieldType.UF: p.parse_uf,
    FieldType.CEP: p.parse_cep,
    FieldType.PAYMENT_TYPE: p.parse_payment_type,
    FieldType.PAYMENT_CONDITION: p.parse_payment_condition,
    FieldType.INSTALLMENTS: p.parse_installment_count,
    FieldType.FREQUENCY: p.parse_frequency,
    FieldType.BOOLEAN: p.parse_boolean,
    FieldType.SALE_STATUS: p.parse_sale_status,
    FieldType.PERSON_TYPE: p.parse_person_type,
}
