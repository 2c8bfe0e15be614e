"""Words people write for Conta Azul's fixed choices, matched without accents or case.

Each table maps what a person may write to Conta Azul's own code; the codes themselves
(e.g. "PIX_PAGAMENTO_INSTANTANEO") are always accepted too. An unknown word gets a message
with the closest known word, when one is close.
"""
from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass

from .. import messages as msg
from ..cells import CellValue, fold
from ..errors import ParseError
from .base import typed_or_text

PAYMENT_TYPE_WORDS: Mapping[str, tuple[str, ...]] = {
    "PIX_PAGAMENTO_INSTANTANEO": ("pix", "pagamento instantaneo"),
    "BOLETO_BANCARIO": ("boleto", "boleto bancario", "bloqueto"),
    "CARTAO_CREDITO": ("cartao de credito", "cartao credito", "credito", "cartao", "cc"),
    "CARTAO_DEBITO": ("cartao de debito", "cartao debito", "debito"),
    "DINHEIRO": ("dinheiro", "especie", "em especie", "cash"),
    "TRANSFERENCIA_BANCARIA": ("transferencia", "transferencia bancaria", "ted", "doc", "ted doc"),
    "DEPOSITO_BANCARIO": ("deposito", "deposito bancario", "deposito em conta"),
    "CHEQUE": ("cheque",),
    "CARTEIRA_DIGITAL": ("carteira digital", "carteira"),
    "VALE_REFEICAO": ("vale refeicao", "vr"),
    "VALE_ALIMENTACAO": ("vale alimentacao", "va"),
    "VALE_COMBUSTIVEL": ("vale combustivel",),
    "VALE_PRESENTE": ("vale presente", "cartao presente", "gift card"),
    "CASHBACK": ("cashback",),
    "CREDITO_LOJA": ("credito loja", "credito na loja", "credito da loja"),
    "CREDITO_VIRTUAL": ("credito virtual",),
    "DEBITO_AUTOMATICO": ("debito automatico", "debito em conta"),
    "PROGRAMA_FIDELIDADE": ("programa de fidelidade", "fidelidade", "pontos"),
    "SEM_PAGAMENTO": ("sem pagamento",),
    "OUTRO": ("outro", "outros", "outra"),
    # Link and Pix charges have two spellings in Conta Azul's own specs: accept only the codes.
    "LINK_PAGAMENTO": (),
    "COBRANCA_PIX": (),
    "CARTAO_CREDITO_VIA_LINK": (),
    "PIX_COBRANCA": (),
}

SALE_STATUS_WORDS: Mapping[str, tuple[str, ...]] = {
    "APROVADO": ("aprovado", "aprovada", "confirmado", "confirmada", "venda", "concluido",
                 "concluida", "fechado", "fechada"),
    "EM_ANDAMENTO": ("em andamento", "andamento", "pendente", "em aberto", "aberto", "aberta"),
}
_QUOTE_WORDS = frozenset({"orcamento", "em orcamento", "proposta", "cotacao"})

PERSON_TYPE_WORDS: Mapping[str, tuple[str, ...]] = {
    "Física": ("fisica", "pessoa fisica", "pf"),
    "Jurídica": ("juridica", "pessoa juridica", "pj", "empresa"),
    "Estrangeira": ("estrangeira", "estrangeiro", "pessoa estrangeira", "exterior"),
}

BOOLEAN_WORDS: Mapping[bool, tuple[str, ...]] = {
    True: ("sim", "s", "x", "true", "verdadeiro", "v", "1", "yes", "y", "ok", "ativo", "ativa"),
    False: ("nao", "n", "false", "falso", "f", "0", "no", "inativo", "inativa"),
}
_CHECK_MARKS = frozenset("✓✔☑✅")

_MONTHS_PER_WORD = {"mensal": 1, "mensalmente": 1, "bimestral": 2, "trimestral": 3,
                    "quadrimestral": 4, "semestral": 6}
_YEARS_PER_WORD = {"anual": 1, "anualmente": 1, "bienal": 2}
_EVERY_N = re.compile(r"(?:a cada |cada )?([0-9]{1,2}) (mes|meses|ano|anos)")
MAX_FREQUENCY_INTERVAL = 60


@dataclass(frozen=True)
class Frequency:
    """How often a contract bills: Conta Azul's `tipo_frequencia` and `intervalo_frequencia`."""

    kind: str  # MENSAL | ANUAL
    interval: int = 1


def word_table(words: Mapping[object, tuple[str, ...]]) -> dict[str, object]:
    """Folded word -> code, including each code's own folded spelling."""
    table: dict[str, object] = {}
    for code, synonyms in words.items():
        for word in (*synonyms, str(code)):
            table.setdefault(fold(word), code)
    return table


_PAYMENT_TYPES = word_table(PAYMENT_TYPE_WORDS)
_SALE_STATUSES = word_table(SALE_STATUS_WORDS)
_PERSON_TYPES = word_table(PERSON_TYPE_WORDS)
_BOOLEANS = word_table(BOOLEAN_WORDS)


def lookup_word(value: CellValue, table: Mapping[str, object], problem: str, hint: str) -> object:
    """The code `value` stands for in `table`, or a `ParseError` suggesting the closest word."""
    raw = typed_or_text(value, problem, hint)
    word = fold(str(raw))
    if word in table:
        return table[word]
    close = difflib.get_close_matches(word, table, n=1, cutoff=0.75)
    raise ParseError(problem, msg.did_you_mean(close[0], hint) if close else hint)


def parse_payment_type(value: CellValue) -> str:
    """Conta Azul's `tipo_pagamento` ("Pix" -> "PIX_PAGAMENTO_INSTANTANEO")."""
    return str(lookup_word(value, _PAYMENT_TYPES, msg.PAYMENT_TYPE_INVALID, msg.PAYMENT_TYPE_HINT))


def parse_sale_status(value: CellValue) -> str:
    """APROVADO or EM_ANDAMENTO, the two situations a new sale may have."""
    if isinstance(value, str) and fold(value) in _QUOTE_WORDS:
        raise ParseError(msg.SALE_STATUS_INVALID, msg.SALE_STATUS_QUOTE)
    return str(lookup_word(value, _SALE_STATUSES, msg.SALE_STATUS_INVALID, msg.SALE_STATUS_HINT))


def parse_person_type(value: CellValue) -> str:
    """Conta Azul's `tipo_pessoa`: "Física", "Jurídica" or "Estrangeira"."""
    return str(lookup_word(value, _PERSON_TYPES, msg.PERSON_TYPE_INVALID, msg.PERSON_TYPE_HINT))


def parse_boolean(value: CellValue) -> bool:
    """Yes or no: a checkbox, "sim"/"não", "x", TRUE/FALSE, 1/0."""
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    if isinstance(value, str) and value.strip() in _CHECK_MARKS:
        return True
    return bool(lookup_word(value, _BOOLEANS, msg.BOOLEAN_INVALID, msg.BOOLEAN_HINT))


def parse_frequency(value: CellValue) -> Frequency:
    """A contract's billing frequency: "mensal", "anual", "trimestral", "a cada 2 meses"…"""
    words = fold(str(typed_or_text(value, msg.FREQUENCY_INVALID, msg.FREQUENCY_HINT)))
    if words in _MONTHS_PER_WORD or words in ("mes", "meses"):
        return Frequency("MENSAL", _MONTHS_PER_WORD.get(words, 1))
    if words in _YEARS_PER_WORD or words in ("ano", "anos"):
        return Frequency("ANUAL", _YEARS_PER_WORD.get(words, 1))
    if every := _EVERY_N.fullmatch(words):
        interval = int(every.group(1))
        if 1 <= interval <= MAX_FREQUENCY_INTERVAL:
            return Frequency("MENSAL" if every.group(2).startswith("m") else "ANUAL", interval)
    raise ParseError(msg.FREQUENCY_INVALID, msg.FREQUENCY_HINT)
