"""E-mail, Brazilian phones, states (UF) and postal codes (CEP)."""
import pytest

from sheets_addon.mapping.errors import ParseError
from sheets_addon.mapping.parsers import parse_cep, parse_email, parse_phone, parse_uf


@pytest.mark.parametrize("cell, expected", [
    ("ana@padariaaurora.com.br", "ana@padariaaurora.com.br"),
    ("  Ana.Souza@Padaria-Aurora.COM.BR ", "ana.souza@padaria-aurora.com.br"),
    ("mailto:financeiro@oficinaipe.com.br", "financeiro@oficinaipe.com.br"),
    ("joao+notas@gmail.com", "joao+notas@gmail.com"),
])
def test_emails(cell, expected):
    assert parse_email(cell) == expected


@pytest.mark.parametrize("cell, hint", [
    ("ana@gmail", "nome@empresa.com.br"),
    ("ana.gmail.com", "nome@empresa.com.br"),
    ("ana @gmail.com", "nome@empresa.com.br"),
    ("ana..souza@gmail.com", "nome@empresa.com.br"),
    ("ana@gmail.com; bia@gmail.com", "um e-mail só"),
    (12345, "nome@empresa.com.br"),
])
def test_email_mistakes(cell, hint):
    with pytest.raises(ParseError, match="E-mail inválido") as caught:
        parse_email(cell)
    assert hint in caught.value.hint


@pytest.mark.parametrize("cell, expected", [
    ("(11) 98765-4321", "11987654321"),
    ("+55 11 98765-4321", "11987654321"),
    ("55 (21) 3456-7890", "2134567890"),
    ("011 3456-7890", "1134567890"),          # trunk zero
    ("0 21 11 98765 4321", "11987654321"),    # trunk zero and carrier code 21
    ("98765-4321", "987654321"),              # no area code: kept as written
    ("3456.7890", "34567890"),
    ("0800 123 4567", "08001234567"),
    (11987654321, "11987654321"),
    (1134567890.0, "1134567890"),
])
def test_phones(cell, expected):
    assert parse_phone(cell) == expected


@pytest.mark.parametrize("cell, hint", [
    ("(20) 98765-4321", "DDD 20"),
    ("(11) 8765-432", "com DDD"),
    ("(11) 18765-4321", "com DDD"),            # a 9-digit number must start with 9
    ("+1 415 555 0100", "do Brasil"),
    ("ramal 12", "com DDD"),
])
def test_phone_mistakes(cell, hint):
    with pytest.raises(ParseError, match="Telefone inválido") as caught:
        parse_phone(cell)
    assert hint in caught.value.hint


@pytest.mark.parametrize("cell, expected", [("SP", "SP"), ("rj", "RJ"), ("São Paulo", "SP"),
                                            ("sao paulo", "SP"), ("Paraná", "PR"), ("DF", "DF")])
def test_states(cell, expected):
    assert parse_uf(cell) == expected


def test_unknown_state():
    with pytest.raises(ParseError, match="UF"):
        parse_uf("XX")


@pytest.mark.parametrize("cell, expected", [("01310-100", "01310100"), ("01310100", "01310100"),
                                            ("01.310-100", "01310100"), (1310100, "01310100"),
                                            (30130010, "30130010")])
def test_postal_codes(cell, expected):
    assert parse_cep(cell) == expected


@pytest.mark.parametrize("cell", ["1310-10", "00000-000", "0131O-100", 0, -1310100])
def test_postal_code_mistakes(cell):
    with pytest.raises(ParseError, match="CEP inválido"):
        parse_cep(cell)
