"""CPF (people, 11 digits) and CNPJ (companies, 14 characters), check digits verified.

Both end in two mod-11 check digits: each is the weighted sum of the characters before it,
weights counting up from 2 at the right (a CNPJ's weights wrap back to 2 after 9). Since July
2026 a new CNPJ may carry letters in its first 12 characters (Instrução Normativa RFB
nº 2.229/2024): a character then weighs its ASCII code minus 48 (0–9 stay 0–9, A is 17 … Z is
42), so numeric CNPJs keep their check digits, and the two check digits are still numbers. Any of
the 26 letters may appear: the RFB's FAQ says so and its published pattern is
`[A-Z0-9]{12}[0-9]{2}` (leaving out I, O, U, Q and F was only an ENCAT request, never a rule).
Letters are typed in either case and kept in upper case, as the RFB writes them; a CPF is still
numbers only.

A sequence of one repeated digit passes the arithmetic but is no real document, so it is
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
from .base import typed_or_text, whole_number

CPF_LENGTH = 11
CNPJ_LENGTH = 14
_LABEL = re.compile(r"(?i)^(cpf|cnpj)(\s*:\s*|\s+)?")
_CHARACTERS = re.compile(r"[0-9A-Za-z.\-/\s]+")
_NOT_ALPHANUMERIC = re.compile(r"[^0-9A-Z]")
_BARE = re.compile(r"[0-9]{11}|[0-9A-Z]{12}[0-9]{2}")


@dataclass(frozen=True)
class Document:
    """A valid CPF or CNPJ as Conta Azul keeps it: no punctuation, letters in upper case; what
    kind it is follows from its length."""

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
    """The two check digits for a CPF base (9 digits) or a CNPJ base (12 digits or letters)."""
    wrap = None if len(base) == CPF_LENGTH - 2 else 9
    first = _mod11(base, wrap)
    return first + _mod11(base + first, wrap)


def bare_document(text: str) -> Document | None:
    """`text` as a document when it already has one's bare shape, as Conta Azul answers it (the
    check digits are Conta Azul's business there, not re-checked)."""
    return Document(text) if _BARE.fullmatch(text) else None


def parse_document(value: CellValue) -> Document:
    """A CPF or CNPJ, with or without punctuation ("123.456.789-09", "12.abc.345/01DE-35")."""
    raw = typed_or_text(value, msg.DOCUMENT_INVALID, msg.DOCUMENT_HINT)
    if isinstance(raw, str):
        return _from_text(raw)
    return _from_typed_number(whole_number(raw, msg.DOCUMENT_INVALID, msg.DOCUMENT_HINT))


def _from_text(text: str) -> Document:
    """A document from text, perhaps labelled ("CPF: 529…", "CNPJ 12.ABC…").

    A label glued to the number ("CPF52998224725") could also be the first letters of a CNPJ:
    both readings are tried, and when both are valid documents the cell is refused.
    """
    label = _LABEL.match(text)
    body = text[label.end():] if label else text
    if not _CHARACTERS.fullmatch(body):
        raise ParseError(msg.DOCUMENT_INVALID, msg.DOCUMENT_CHARACTERS)
    readings = [_compact(body)]
    if label and not label.group(2):
        readings.append(_compact(text))
    problems = [_problem(reading) for reading in readings]
    valid = [reading for reading, problem in zip(readings, problems) if problem is None]
    if len(valid) > 1:
        raise ParseError(msg.DOCUMENT_INVALID, msg.DOCUMENT_LABEL_AMBIGUOUS)
    if valid:
        return Document(valid[0])
    fitting = [problem for reading, problem in zip(readings, problems) if _has_a_documents_length(reading)]
    raise (fitting or problems)[0]


def _from_typed_number(number: int) -> Document:
    """A document from a number cell, whose leading zeros the sheet dropped."""
    digits = str(number)
    if number < 0 or len(digits) > CNPJ_LENGTH:
        raise ParseError(msg.DOCUMENT_INVALID, msg.document_length(len(digits)))
    if len(digits) > CPF_LENGTH:
        return _checked(digits.zfill(CNPJ_LENGTH))
    as_cpf, as_cnpj = digits.zfill(CPF_LENGTH), digits.zfill(CNPJ_LENGTH)
    if _problem(as_cpf) is None and _problem(as_cnpj) is None:
        raise ParseError(msg.DOCUMENT_INVALID, msg.DOCUMENT_AMBIGUOUS)
    return Document(as_cnpj) if _problem(as_cnpj) is None else _checked(as_cpf)


def _has_a_documents_length(characters: str) -> bool:
    """14 characters, or 11 digits: the reading whose problem is worth telling."""
    return len(characters) == CNPJ_LENGTH or (len(characters) == CPF_LENGTH and characters.isdigit())


def _compact(text: str) -> str:
    """Letters (in upper case) and digits only: "12.abc.345/01de-35" -> "12ABC34501DE35"."""
    return _NOT_ALPHANUMERIC.sub("", text.upper())


def _checked(characters: str) -> Document:
    problem = _problem(characters)
    if problem is not None:
        raise problem
    return Document(characters)


def _problem(characters: str) -> ParseError | None:
    """Why `characters` (compacted) is neither a valid CPF nor a valid CNPJ; None when it is one."""
    if characters.isdigit() or not characters:
        return _numeric_problem(characters)
    if not any(character.isdigit() for character in characters):
        return ParseError(msg.DOCUMENT_INVALID, msg.DOCUMENT_NO_DIGITS)
    if len(characters) == CPF_LENGTH:
        return ParseError(msg.DOCUMENT_INVALID, msg.DOCUMENT_CPF_LETTERS)
    if len(characters) != CNPJ_LENGTH:
        return ParseError(msg.DOCUMENT_INVALID, msg.document_length_with_letters(len(characters)))
    if not characters[-2:].isdigit():
        return ParseError(msg.document_invalid("CNPJ"), msg.CNPJ_CHECK_DIGIT_LETTERS)
    if check_digits(characters[:-2]) != characters[-2:]:
        return ParseError(msg.document_invalid("CNPJ"), msg.CNPJ_CHECK_CHARACTERS)
    return None


def _numeric_problem(digits: str) -> ParseError | None:
    if len(digits) not in (CPF_LENGTH, CNPJ_LENGTH):
        return ParseError(msg.DOCUMENT_INVALID, msg.document_length(len(digits)))
    kind = "CPF" if len(digits) == CPF_LENGTH else "CNPJ"
    if len(set(digits)) == 1:
        return ParseError(msg.document_invalid(kind), msg.DOCUMENT_REPEATED)
    if check_digits(digits[:-2]) != digits[-2:]:
        return ParseError(msg.document_invalid(kind), msg.document_check_digit(len(digits)))
    return None


def _mod11(characters: str, wrap: int | None) -> str:
    """One check digit: each character's value (ASCII code minus 48) weighted 2, 3, 4… from the
    right (back to 2 after `wrap`)."""
    span = (wrap - 1) if wrap else len(characters)
    total = sum((ord(c) - 48) * (2 + position % span) for position, c in enumerate(reversed(characters)))
    rest = total % 11
    return "0" if rest < 2 else str(11 - rest)
