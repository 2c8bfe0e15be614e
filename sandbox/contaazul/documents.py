"""CPF and CNPJ: check digits, and generators for realistic demo documents."""
from __future__ import annotations

import random
import re


def digits(text: str | None) -> str:
    """Only the digits of a document ("123.456.789-09" -> "12345678909")."""
    return re.sub(r"\D", "", text or "")


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
    value = digits(text)
    if len(value) != 11 or len(set(value)) == 1:
        return False
    numbers = [int(char) for char in value]
    return numbers[9:] == _cpf_digits(numbers[:9])


def cnpj_is_valid(text: str | None) -> bool:
    """14 digits, not all equal, with both check digits right."""
    value = digits(text)
    if len(value) != 14 or len(set(value)) == 1:
        return False
    numbers = [int(char) for char in value]
    return numbers[12:] == _cnpj_digits(numbers[:12])


def make_cpf(rng: random.Random) -> str:
    """A valid CPF (digits only)."""
    base = [rng.randint(0, 9) for _ in range(9)]
    return "".join(map(str, base + _cpf_digits(base)))


def make_cnpj(rng: random.Random) -> str:
    """A valid CNPJ of a head office (branch 0001), digits only."""
    base = [rng.randint(0, 9) for _ in range(8)] + [0, 0, 0, 1]
    return "".join(map(str, base + _cnpj_digits(base)))
