"""Words for Conta Azul's fixed choices: payment types, sale status, person type, yes/no, frequency."""
import pytest

from sheets_addon.mapping.errors import ParseError
from sheets_addon.mapping.parsers import (Frequency, parse_boolean, parse_frequency,
                                          parse_payment_type, parse_person_type, parse_sale_status)
from sheets_addon.mapping.parsers.choices import PAYMENT_TYPE_WORDS


@pytest.mark.parametrize("cell, code", [
    ("Pix", "PIX_PAGAMENTO_INSTANTANEO"),
    ("PIX", "PIX_PAGAMENTO_INSTANTANEO"),
    ("boleto", "BOLETO_BANCARIO"),
    ("Boleto Bancário", "BOLETO_BANCARIO"),
    ("Cartão de Crédito", "CARTAO_CREDITO"),
    ("cartao de credito", "CARTAO_CREDITO"),
    ("crédito", "CARTAO_CREDITO"),
    ("cartão", "CARTAO_CREDITO"),
    ("Cartão de débito", "CARTAO_DEBITO"),
    ("débito", "CARTAO_DEBITO"),
    ("Dinheiro", "DINHEIRO"),
    ("espécie", "DINHEIRO"),
    ("transferência", "TRANSFERENCIA_BANCARIA"),
    ("TED", "TRANSFERENCIA_BANCARIA"),
    ("DOC", "TRANSFERENCIA_BANCARIA"),
    ("TED/DOC", "TRANSFERENCIA_BANCARIA"),
    ("depósito", "DEPOSITO_BANCARIO"),
    ("Cheque", "CHEQUE"),
    ("carteira digital", "CARTEIRA_DIGITAL"),
    ("Vale-Refeição", "VALE_REFEICAO"),
    ("vale alimentação", "VALE_ALIMENTACAO"),
    ("débito automático", "DEBITO_AUTOMATICO"),
    ("PIX_PAGAMENTO_INSTANTANEO", "PIX_PAGAMENTO_INSTANTANEO"),
    ("cartao_credito", "CARTAO_CREDITO"),
    ("LINK_PAGAMENTO", "LINK_PAGAMENTO"),
])
def test_payment_words(cell, code):
    assert parse_payment_type(cell) == code


def test_every_conta_azul_code_is_accepted_as_written():
    for code in PAYMENT_TYPE_WORDS:
        assert parse_payment_type(code) == code


def test_unknown_payment_word_suggests_the_closest():
    with pytest.raises(ParseError, match="Forma de pagamento") as caught:
        parse_payment_type("bolto")
    assert 'você quis dizer "boleto"' in caught.value.hint
    with pytest.raises(ParseError) as caught:
        parse_payment_type("fiado")
    assert "Pix, boleto" in caught.value.hint


@pytest.mark.parametrize("cell, code", [("Aprovada", "APROVADO"), ("aprovado", "APROVADO"),
                                        ("confirmada", "APROVADO"), ("Em andamento", "EM_ANDAMENTO"),
                                        ("pendente", "EM_ANDAMENTO"), ("EM_ANDAMENTO", "EM_ANDAMENTO")])
def test_sale_status(cell, code):
    assert parse_sale_status(cell) == code


def test_a_quote_cannot_be_created_and_says_so():
    with pytest.raises(ParseError) as caught:
        parse_sale_status("Orçamento")
    assert "orçamentos não podem ser criados" in caught.value.hint


@pytest.mark.parametrize("cell, expected", [("física", "Física"), ("PF", "Física"),
                                            ("Pessoa Jurídica", "Jurídica"), ("pj", "Jurídica"),
                                            ("estrangeira", "Estrangeira")])
def test_person_type(cell, expected):
    assert parse_person_type(cell) == expected


@pytest.mark.parametrize("cell, expected", [
    ("sim", True), ("Sim", True), ("S", True), ("x", True), ("X", True), (True, True),
    ("TRUE", True), ("verdadeiro", True), (1, True), ("✓", True),
    ("não", False), ("nao", False), ("N", False), (False, False), ("FALSE", False), (0, False),
])
def test_yes_and_no(cell, expected):
    assert parse_boolean(cell) is expected


@pytest.mark.parametrize("cell", ["talvez", 2, "sim e não"])
def test_unclear_yes_no(cell):
    with pytest.raises(ParseError, match="Resposta"):
        parse_boolean(cell)


@pytest.mark.parametrize("cell, expected", [
    ("mensal", Frequency("MENSAL", 1)), ("Mensal", Frequency("MENSAL", 1)),
    ("anual", Frequency("ANUAL", 1)), ("trimestral", Frequency("MENSAL", 3)),
    ("semestral", Frequency("MENSAL", 6)), ("bimestral", Frequency("MENSAL", 2)),
    ("a cada 2 meses", Frequency("MENSAL", 2)), ("cada 2 anos", Frequency("ANUAL", 2)),
    ("MENSAL", Frequency("MENSAL", 1)),
])
def test_contract_frequency(cell, expected):
    assert parse_frequency(cell) == expected


@pytest.mark.parametrize("cell", ["semanal", "a cada 0 meses", "a cada 61 meses", 12])
def test_unknown_frequency(cell):
    with pytest.raises(ParseError, match="Frequência"):
        parse_frequency(cell)
