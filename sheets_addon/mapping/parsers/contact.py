"""E-mail addresses and Brazilian phone numbers."""
from __future__ import annotations

import re

from .. import messages as msg
from ..cells import CellValue
from ..errors import ParseError
from .base import digits_only, typed_or_text, whole_number

EMAIL_MAX_LENGTH = 254
CONTAAZUL_EMAIL_LIMIT = 100  # a person's `email` in Conta Azul (official `criarpessoa` page)
_EMAIL = re.compile(
    r"[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
    r"@([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}"
)
_PHONE_CHARACTERS = re.compile(r"\+?[0-9\s().\-/]+")
# Area codes (DDD) in use in Brazil.
AREA_CODES = frozenset(
    "11 12 13 14 15 16 17 18 19 21 22 24 27 28 31 32 33 34 35 37 38 41 42 43 44 45 46 47 48 49 "
    "51 53 54 55 61 62 63 64 65 66 67 68 69 71 73 74 75 77 79 81 82 83 84 85 86 87 88 89 "
    "91 92 93 94 95 96 97 98 99".split()
)
_SERVICE_PREFIXES = ("0800", "0300", "0500", "0900")


def parse_email(value: CellValue) -> str:
    """One e-mail address, lower-cased ("Ana@Padaria.com.br" -> "ana@padaria.com.br")."""
    raw = typed_or_text(value, msg.EMAIL_INVALID, msg.EMAIL_HINT, limit=EMAIL_MAX_LENGTH + 10)
    text = str(raw).lower().removeprefix("mailto:").strip()
    if re.search(r"[;,\s]", text) and text.count("@") > 1:
        raise ParseError(msg.EMAIL_INVALID, msg.EMAIL_ONLY_ONE)
    if len(text) > EMAIL_MAX_LENGTH or not _EMAIL.fullmatch(text):
        raise ParseError(msg.EMAIL_INVALID, msg.EMAIL_HINT)
    if len(text) > CONTAAZUL_EMAIL_LIMIT:  # every e-mail of a row goes to a person in Conta Azul
        raise ParseError(msg.EMAIL_TOO_LONG, msg.email_too_long(CONTAAZUL_EMAIL_LIMIT, len(text)))
    return text


def parse_phone(value: CellValue) -> str:
    """A Brazilian phone as digits, area code first when given ("(11) 98765-4321" -> "11987654321").

    "+55", a trunk "0" and a carrier code ("0 21 11 …") are dropped; numbers without area
    code (8 or 9 digits) and 0800-style service numbers are kept as they are.
    """
    raw = typed_or_text(value, msg.PHONE_INVALID, msg.PHONE_HINT)
    if isinstance(raw, str):
        if not _PHONE_CHARACTERS.fullmatch(raw):
            raise ParseError(msg.PHONE_INVALID, msg.PHONE_HINT)
        if raw.startswith("+") and not digits_only(raw).startswith("55"):
            raise ParseError(msg.PHONE_INVALID, msg.PHONE_ONLY_BRAZIL)
        digits = digits_only(raw)
    else:
        digits = str(whole_number(raw, msg.PHONE_INVALID, msg.PHONE_HINT))
    if digits.startswith(_SERVICE_PREFIXES) and len(digits) == 11:
        return digits
    return _national_number(digits)


def _national_number(digits: str) -> str:
    if len(digits) in (12, 13) and digits.startswith("55"):
        digits = digits[2:]
    elif len(digits) in (13, 14) and digits.startswith("0"):
        digits = digits[3:]  # trunk 0 and a two-digit carrier code
    elif len(digits) in (11, 12) and digits.startswith("0"):
        digits = digits[1:]
    local = digits[2:] if len(digits) in (10, 11) else digits
    if len(digits) in (10, 11) and digits[:2] not in AREA_CODES:
        raise ParseError(msg.PHONE_INVALID, msg.phone_area_code(digits[:2]))
    if not _is_subscriber_number(local):
        raise ParseError(msg.PHONE_INVALID, msg.PHONE_HINT)
    return digits


def _is_subscriber_number(local: str) -> bool:
    """A landline (8 digits, 2-5 first) or a mobile (9 digits, 9 first)."""
    if len(local) == 9:
        return local[0] == "9"
    return len(local) == 8 and local[0] in "2345"
