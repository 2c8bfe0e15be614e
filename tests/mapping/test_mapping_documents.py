"""CPF and CNPJ: check digits verified against an independent implementation (the sandbox's)."""
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from sandbox.contaazul.documents import cnpj_is_valid, cpf_is_valid
from sheets_addon.mapping.errors import ParseError
from sheets_addon.mapping.parsers import Document, check_digits, parse_document


@pytest.mark.parametrize("cell, number, kind", [
    ("529.982.247-25", "52998224725", "CPF"),
    ("52998224725", "52998224725", "CPF"),
    ("CPF: 111.444.777-35", "11144477735", "CPF"),
    ("11.222.333/0001-81", "11222333000181", "CNPJ"),
    ("11222333000181", "11222333000181", "CNPJ"),
    ("33.000.167/0001-01", "33000167000101", "CNPJ"),
    (52998224725, "52998224725", "CPF"),
    (1234567890, "01234567890", "CPF"),        # the number cell dropped the leading zero
    (33000167000101, "33000167000101", "CNPJ"),
    (22333000111, "00022333000111", "CNPJ"),    # 00.022.333/0001-11 lost its zeros
    (11222333000181.0, "11222333000181", "CNPJ"),
])
def test_valid_documents(cell, number, kind):
    document = parse_document(cell)
    assert document == Document(number)
    assert document.kind == kind


def test_person_type_and_formatting_follow_the_document():
    cpf, cnpj = parse_document("52998224725"), parse_document("11222333000181")
    assert (cpf.person_type, cpf.formatted) == ("Física", "529.982.247-25")
    assert (cnpj.person_type, cnpj.formatted) == ("Jurídica", "11.222.333/0001-81")


@pytest.mark.parametrize("cell, problem, hint", [
    ("529.982.247-24", "CPF inválido", "confira os 11 dígitos (o dígito verificador não confere)"),
    ("11.222.333/0001-80", "CNPJ inválido", "confira os 14 dígitos"),
    ("111.111.111-11", "CPF inválido", "todos os dígitos iguais"),
    ("00000000000000", "CNPJ inválido", "todos os dígitos iguais"),
    ("5299822472", "CPF/CNPJ inválido", "a célula tem 10"),
    ("529.982.247-2X", "CPF/CNPJ inválido", "só números"),
    ("isento", "CPF/CNPJ inválido", "só números"),
    (-52998224725, "CPF/CNPJ inválido", "a célula tem"),
    (123456789012345, "CPF/CNPJ inválido", "a célula tem 15"),
    (5299822472.5, "CPF/CNPJ inválido", "11 dígitos"),
    (191, "CPF/CNPJ inválido", "vale como CPF e como CNPJ"),  # 000.000.001-91 or 00.000.000/0001-91
])
def test_invalid_documents_say_what_to_check(cell, problem, hint):
    with pytest.raises(ParseError) as caught:
        parse_document(cell)
    assert caught.value.problem == problem
    assert hint in caught.value.hint


cpf_bases = st.text("0123456789", min_size=9, max_size=9)
cnpj_bases = st.text("0123456789", min_size=12, max_size=12)
not_repeated = lambda digits: len(set(digits)) > 1  # noqa: E731


@given(st.one_of(cpf_bases, cnpj_bases).map(lambda base: base + check_digits(base)).filter(not_repeated))
def test_documents_with_right_check_digits_are_always_accepted(digits):
    oracle = cpf_is_valid if len(digits) == 11 else cnpj_is_valid
    assert oracle(digits)
    assert parse_document(digits).number == digits
    assert parse_document(Document(digits).formatted).number == digits


@given(st.one_of(cpf_bases, cnpj_bases).map(lambda base: base + check_digits(base)).filter(not_repeated),
       st.data())
def test_any_single_digit_change_is_rejected(digits, data):
    """Mod-11 folds remainders 0 and 1 into the digit 0, so a changed base digit can, rarely, give
    another valid number (e.g. 22306623178700 -> 22306623378700): only those may pass."""
    position = data.draw(st.integers(0, len(digits) - 1))
    replacement = data.draw(st.sampled_from([d for d in "0123456789" if d != digits[position]]))
    changed = digits[:position] + replacement + digits[position + 1:]
    oracle = cpf_is_valid if len(digits) == 11 else cnpj_is_valid
    assume(not oracle(changed))
    with pytest.raises(ParseError, match="inválido"):
        parse_document(changed)


@given(st.one_of(st.text("0123456789", min_size=11, max_size=11),
                 st.text("0123456789", min_size=14, max_size=14)))
def test_acceptance_matches_the_independent_check(digits):
    oracle = cpf_is_valid if len(digits) == 11 else cnpj_is_valid
    try:
        parse_document(digits)
        accepted = True
    except ParseError:
        accepted = False
    assert accepted == oracle(digits)
