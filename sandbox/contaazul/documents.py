"""CPF and CNPJ: check digits, and generators for realistic demo documents.

Since July 2026 a CNPJ may carry upper-case letters in its first 12 characters (Instrução
Normativa RFB nº 2.229/2024); every character then counts as its ASCII code minus 48 and the two
check digits stay numbers. A document is taken bare or with the mask's `.`, `/` and `-` (what the
RFB's reference code strips), and nothing else: see the README for why.
"""
from __future__ import annotations

import random
import re

_MASK = re.compile(r"[./-]")
_CPF = re.compile(r"[0-9]{11}")
_CNPJ = re.compile(r"[0-9A-Z]{12}[0-9]{2}")


def digits(text: str | None) -> str:
    """Only the digits of a text ("01310-100" -> "01310100")."""
    return re.sub(r"\D", "", text or "")


def bare(text: str | None) -> str:
    """A document without its mask ("12.ABC.345/01DE-35" -> "12ABC34501DE35"), nothing else changed."""
    return _MASK.sub("", text or "")


def _check_digit(numbers: list[int], weights: list[int]) -> int:
    remainder = sum(n * w for n, w in zip(numbers, weights)) % 11
    return 0 if remainder < 2 else 11 - remainder


def _cpf_digits(base: list[int]) -> list[int]:
    first = _check_digit(base, list(range(10, 1, -1)))
    second = _check_digit(base + [first], list(range(11, 1, -1)))
    return [first, second]


_CNPJ_WEIGHTS = [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]


def _cnpj_digits(base: list[int]) -> list[int]:
    first = _check_digit(base, _CNPJ_WEIGHTS)
    second = _check_digit(base + [first], [6] + _CNPJ_WEIGHTS)
    return [first, second]


def cpf_is_valid(text: str | None) -> bool:
    """11 digits, not all equal, with both check digits right."""
    value = bare(text)
    if not _CPF.fullmatch(value) or len(set(value)) == 1:
        return False
    numbers = [int(char) for char in value]
    return numbers[9:] == _cpf_digits(numbers[:9])


def cnpj_is_valid(text: str | None) -> bool:
    """12 digits or upper-case letters, then 2 check digits that are right; not all equal."""
    value = bare(text)
    if not _CNPJ.fullmatch(value) or len(set(value)) == 1:
        return False
    values = [ord(char) - ord("0") for char in value]
    return values[12:] == _cnpj_digits(values[:12])


def make_cpf(rng: random.Random) -> str:
    """A valid CPF (digits only)."""
    base = [rng.randint(0, 9) for _ in range(9)]
    return "".join(map(str, base + _cpf_digits(base)))


def make_cnpj(rng: random.Random) -> str:
    """A valid CNPJ of a head office (branch 0001), digits only."""
    base = [rng.randint(0, 9) for _ in range(8)] + [0, 0, 0, 1]
    return "".join(map(str, base + _cnpj_digits(base)))
