"""The check's pure parts: comparing shapes, reading a pasted code, drawing the table."""
from __future__ import annotations

from decimal import Decimal

import pytest

from sheets_addon.contaazul_check.answers import Answer
from sheets_addon.contaazul_check.expectations import AMOUNT, PEOPLE, SELLERS, TEXT, UUID, Expectation
from sheets_addon.contaazul_check.shapes import (Envelope, Findings, inspect, inspect_page, list_of, nullable, obj,
                                                 one_of)
from sheets_addon.contaazul_check.sign_in import PastedCodeRefused, code_from
from sheets_addon.contaazul_check.table import render
from sheets_addon.contaazul_check.verdicts import verdict
from tests.contaazul_check.check_table import table_rows

ID = "6f1c5e0a-8d8e-4a57-9b6c-0d8a1f2b3c4d"
PERSON = obj({"id": UUID, "email": nullable(TEXT), "perfis": list_of(one_of(("Cliente", "Fornecedor")))})


def problems(value, kind) -> list[str]:
    findings = Findings()
    inspect(value, kind, findings)
    return findings.problems


def test_a_matching_value_has_no_problems_and_its_enum_values_are_seen():
    findings = Findings()
    inspect({"id": ID, "email": None, "perfis": ["Cliente", "Fornecedor"], "extra": 1}, PERSON, findings)
    assert findings.problems == []
    assert findings.seen == {"perfis[]": {"Cliente", "Fornecedor"}}


@pytest.mark.parametrize("value, expected", [
    ({"email": "a@b.c", "perfis": []}, ["answer: no id"]),
    ({"id": "42", "email": None, "perfis": []}, ["id: '42' is not a uuid"]),
    ({"id": ID, "email": 7, "perfis": []}, ["email: integer, expected text?"]),
    ({"id": ID, "email": None, "perfis": ["Cliente", "Transportadora", "Transportadora"]},
     ["perfis[]: unknown value 'Transportadora'"]),
    ({"id": ID, "email": None, "perfis": "Cliente"}, ["perfis: string, expected [Cliente|Fornecedor]"]),
    ([], ["answer: array, expected {id: uuid, email: text?, perfis: [Cliente|Fornecedor]}"]),
])
def test_each_difference_is_said_once_with_where_it_is(value, expected):
    assert problems(value, PERSON) == expected


def test_money_may_come_whole_or_with_decimals():
    assert problems(Decimal("10.50"), AMOUNT) == problems(10, AMOUNT) == []
    assert problems("10.50", AMOUNT) == ["answer: string, expected number"]


def test_an_envelope_takes_any_of_its_keys_and_checks_every_row():
    envelope = Envelope(("itens", "items"), ("itens_totais",), PERSON)
    findings = Findings()
    inspect_page({"items": [{"id": ID, "email": None, "perfis": []}, {"id": "x", "email": None, "perfis": []}],
                  "itens_totais": "2"}, envelope, findings)
    assert findings.problems == ["itens_totais: string, expected integer", "row.id: 'x' is not a uuid"]
    assert findings.rows == 2


def test_a_verdict_is_judged_on_successful_answers_and_says_when_there_was_nothing_to_read():
    throttled = Answer("GET", "/v1/pessoas", 429, {"code": 429, "message": "Muitas requisições"})
    empty = Answer("GET", "/v1/pessoas", 200, {"items": [], "totalItems": 0})
    row = verdict(PEOPLE, [throttled, empty])
    assert (row.mark, row.came) == ("–", "items: 0 rows; totalItems; no rows, so their fields went unseen")
    assert verdict(SELLERS, [Answer("GET", "/v1/venda/vendedores", 200, [{"id": ID, "nome": "Rita"}])]).mark == "✓"


@pytest.mark.parametrize("pasted", [
    "  abc123-DEF_456  ",
    "https://www.contaazul.com/?code=abc123-DEF_456&state=mine",
    "https://www.contaazul.com/#/?code=abc123-DEF_456&state=mine",
    "code=abc123-DEF_456&state=mine",
])
def test_a_code_is_read_bare_or_from_the_address(pasted):
    assert code_from(pasted, "mine") == "abc123-DEF_456"


@pytest.mark.parametrize("pasted, said", [
    ("", "nothing was pasted"),
    ("https://www.contaazul.com/?code=abc&state=theirs", "another sign-in"),
    ("https://www.contaazul.com/?error=access_denied&state=mine", "error=access_denied"),
    ("https://www.contaazul.com/?state=mine", "holds no code"),
])
def test_a_pasted_address_without_this_sign_ins_code_is_refused_without_repeating_it(pasted, said):
    with pytest.raises(PastedCodeRefused) as refused:
        code_from(pasted, "mine")
    assert said in str(refused.value)
    assert "abc" not in str(refused.value)


def test_the_table_wraps_long_cells_and_reads_back():
    long = Expectation("installments somewhere far", "GET", "/v1/financeiro/eventos-financeiros/parcelas/{id}",
                       obj({f"field_{n}": TEXT for n in range(12)}), "test")
    row = verdict(long, [Answer("GET", "/v1/x", 200, {})])
    text = render([row], width=80)
    assert max(len(line) for line in text.splitlines()) <= 80
    [(name, read)] = table_rows(text).items()
    assert (name, read.mark, read.endpoint) == (long.name, "✗", long.endpoint)
    assert read.came == "; ".join(f"answer: no field_{n}" for n in range(12))
    assert text.endswith("1 checks: 0 ✓ as Azulejo expects, 1 ✗ differ, 0 – not seen (nothing to read)")
