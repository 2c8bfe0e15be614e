"""Address parts that have a fixed form: the state (UF) and the postal code (CEP)."""
from __future__ import annotations

import re

from .. import messages as msg
from ..cells import CellValue, fold
from ..errors import ParseError
from .base import digits_only, typed_or_text, whole_number

STATES = {
    "AC": "Acre", "AL": "Alagoas", "AP": "Amapá", "AM": "Amazonas", "BA": "Bahia",
    "CE": "Ceará", "DF": "Distrito Federal", "ES": "Espírito Santo", "GO": "Goiás",
    "MA": "Maranhão", "MT": "Mato Grosso", "MS": "Mato Grosso do Sul", "MG": "Minas Gerais",
    "PA": "Pará", "PB": "Paraíba", "PR": "Paraná", "PE": "Pernambuco", "PI": "Piauí",
    "RJ": "Rio de Janeiro", "RN": "Rio Grande do Norte", "RS": "Rio Grande do Sul",
    "RO": "Rondônia", "RR": "Roraima", "SC": "Santa Catarina", "SP": "São Paulo",
    "SE": "Sergipe", "TO": "Tocantins",
}
_BY_WORDS = {fold(code): code for code in STATES}
_BY_WORDS.update({fold(name): code for code, name in STATES.items()})
_CEP_CHARACTERS = re.compile(r"[0-9.\-\s]+")


def parse_uf(value: CellValue) -> str:
    """A state as its two-letter code ("sp", "São Paulo" -> "SP")."""
    raw = typed_or_text(value, msg.UF_INVALID, msg.UF_HINT)
    code = _BY_WORDS.get(fold(str(raw)))
    if code is None:
        raise ParseError(msg.UF_INVALID, msg.UF_HINT)
    return code


def parse_cep(value: CellValue) -> str:
    """A postal code as 8 digits ("01310-100" -> "01310100"; a typed 1310100 keeps its zero)."""
    raw = typed_or_text(value, msg.CEP_INVALID, msg.CEP_HINT)
    if isinstance(raw, str):
        if not _CEP_CHARACTERS.fullmatch(raw):
            raise ParseError(msg.CEP_INVALID, msg.CEP_HINT)
        digits = digits_only(raw)
    else:
        number = whole_number(raw, msg.CEP_INVALID, msg.CEP_HINT)
        digits = str(number).zfill(8) if number > 0 else ""
    if len(digits) != 8 or digits == "00000000":
        raise ParseError(msg.CEP_INVALID, msg.CEP_HINT)
    return digits
