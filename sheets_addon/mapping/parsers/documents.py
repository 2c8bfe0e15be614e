"""CPF (people, 11 digits) and CNPJ (companies, 14 digits), check digits verified.

Both end in two mod-11 check digits: each is the weighted sum of the digits before it,
weights counting up from 2 at the right (a CNPJ's weights wrap back to 2 after 9). A
sequence of one repeated digit passes that arithmetic but is no real document, so it is
refused too. A CPF typed into a number cell loses its leading zeros; a typed number is
therefore padded back to 11 (or 14) digits before it is checked, and one that is valid
padded either way (typed 191: CPF 000.000.001-91 or CNPJ 00.000.000/0001-91) is refused
as ambiguous rather than guessed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .. import messages as msg
from ..cells import CellValue
from ..errors import ParseError
from .base import digits_only, typed_or_text, whole_number

CPF_LENGTH = 11
CNPJ_LENGTH = 14
_LABEL = re.compile(r"(?i)^(cpf|cnpj)\s*:?\s*")
_PUNCTUATION = re.compile(r"[0-9.\-/\s]+")


@dataclass(frozen=True)
class Document:
    """A valid CPF or CNPJ, digits only; what kind it is follows from its length."""

    number: str

    @property
    def kind(self) -> str:
        return "CPF" if len(self.number) == CPF_LENGTH else "CNPJ"

    @property
    def person_type(self) -> str:
        """Conta Azul's `tipo_pessoa`: a CPF is a "Física", a CNPJ a "Jurídica"."""
        return "Física" if self.kind == "CPF" else "Jurídica"

    @property
    def formatted(self) -> str:
        n = self.number
        if self.kind == "CPF":
            return f"{n[:3]}.{n[3:6]}.{n[6:9]}-{n[9:]}"
        return f"{n[:2]}.{n[2:5]}.{n[5:8]}/{n[8:12]}-{n[12:]}"


def check_digits(base: str) -> str:
    """The two check digits for a CPF base (9 digits) or a CNPJ base (12 digits)."""
    wrap = None if len(base) == CPF_LENGTH - 2 else 9
    first = _mod11(base, wrap)
    return first + _mod11(base + first, wrap)


def parse_document(value: CellValue) -> Document:
    """A CPF or CNPJ, with or without punctuation ("123.456.789-09", "12345678909")."""
    raw = typed_or_text(value, msg.DOCUMENT_INVALID, msg.DOCUMENT_HINT)
    if isinstance(raw, str):
        text = _LABEL.sub("", raw)
        if not _PUNCTUATION.fullmatch(text):
            raise ParseError(msg.DOCUMENT_INVALID, msg.DOCUMENT_CHARACTERS)
        return _checked(digits_only(text))
    return _from_typed_number(whole_number(raw, msg.DOCUMENT_INVALID, msg.DOCUMENT_HINT))


def _from_typed_number(number: int) -> Document:
    """A document from a number cell, whose leading zeros the sheet dropped."""
    digits = str(number)
    if number < 0 or len(digits) > CNPJ_LENGTH:
        raise ParseError(msg.DOCUMENT_INVALID, msg.document_length(len(digits)))
    if len(digits) > CPF_LENGTH:
        return _checked(digits.zfill(CNPJ_LENGTH))
    as_cpf, as_cnpj = digits.zfill(CPF_LENGTH), digits.zfill(CNPJ_LENGTH)
    if _is_valid(as_cpf) and _is_valid(as_cnpj):
        raise ParseError(msg.DOCUMENT_INVALID, msg.DOCUMENT_AMBIGUOUS)
    return Document(as_cnpj) if _is_valid(as_cnpj) else _checked(as_cpf)


def _checked(digits: str) -> Document:
    if len(digits) not in (CPF_LENGTH, CNPJ_LENGTH):
        raise ParseError(msg.DOCUMENT_INVALID, msg.document_length(len(digits)))
    kind = "CPF" if len(digits) == CPF_LENGTH else "CNPJ"
    if len(set(digits)) == 1:
        raise ParseError(msg.document_invalid(kind), msg.DOCUMENT_REPEATED)
    if not _is_valid(digits):
        raise ParseError(msg.document_invalid(kind), msg.document_check_digit(len(digits)))
    return Document(digits)


def _is_valid(digits: str) -> bool:
    return len(set(digits)) > 1 and check_digits(digits[:-2]) == digits[-2:]


def _mod11(digits: str, wrap: int | None) -> str:
    """One check digit: weights 2, 3, 4… from the right (back to 2 after `wrap`)."""
    span = (wrap - 1) if wrap else len(digits)
    total = sum(int(d) * (2 + position % span) for position, d in enumerate(reversed(digits)))
    rest = total % 11
    return "0" if rest < 2 else str(11 - rest)
