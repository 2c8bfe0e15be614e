"""CPF and CNPJ: check digits verified against independent implementations (the sandbox's, and
python-stdnum's for the alphanumeric CNPJ)."""
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from stdnum.br import cnpj as stdnum_cnpj

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
    ("529.982.247-2X", "CPF/CNPJ inválido", "11 caracteres, como um CPF, mas um CPF só tem números"),
    ("isento", "CPF/CNPJ inválido", "a célula não tem números"),
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


ALPHANUMERIC = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


@pytest.mark.parametrize("cell, number", [
    ("12.ABC.345/01DE-35", "12ABC34501DE35"),       # the RFB's own example (Nota Técnica 49/2024, FAQ 14)
    ("12ABC34501DE35", "12ABC34501DE35"),
    ("12.abc.345/01de-35", "12ABC34501DE35"),        # typed in lower case
    (" 12 ABC 345\u00a001DE 35 ", "12ABC34501DE35"),  # pasted with spaces
    ("CNPJ: 12.ABC.345/01DE-35", "12ABC34501DE35"),
    ("cnpj12abc34501de35", "12ABC34501DE35"),
    ("00.000.000/E08G-12", "00000000E08G12"),        # letters in the branch only
    ("IO.UQF.000/0001-14", "IOUQF000000114"),        # I, O, U, Q and F are letters like any other
    ("ZZ.ZZZ.ZZZ/0001-91", "ZZZZZZZZ000191"),
])
def test_alphanumeric_cnpjs_are_accepted_in_upper_case(cell, number):
    document = parse_document(cell)
    assert document == Document(number)
    assert (document.kind, document.person_type) == ("CNPJ", "Jurídica")
    assert cnpj_is_valid(number)


def test_an_alphanumeric_cnpj_is_formatted_like_a_numeric_one():
    assert parse_document("12abc34501de35").formatted == "12.ABC.345/01DE-35"


@pytest.mark.parametrize("cell, problem, hint", [
    ("12.ABC.345/01DE-36", "CNPJ inválido", "confira os 14 caracteres (o dígito verificador não confere)"),
    ("12.ABC.345/01DF-35", "CNPJ inválido", "confira os 14 caracteres (o dígito verificador não confere)"),
    ("12.ABC.345/01DE-3S", "CNPJ inválido", "os dois últimos caracteres de um CNPJ (o dígito verificador) são sempre "
                                            "números"),
    ("12ABC34501DEAB", "CNPJ inválido", "são sempre números"),
    ("12.ABC.345/01DE-3", "CPF/CNPJ inválido", "um CNPJ com letras tem 14 caracteres (e um CPF, 11 dígitos); a célula "
                                               "tem 13"),
    ("12.ÁBC.345/01DE-35", "CPF/CNPJ inválido", "use só números, as letras de um CNPJ e a pontuação . - /"),
    ("12_ABC_345_01DE_35", "CPF/CNPJ inválido", "use só números, as letras de um CNPJ e a pontuação . - /"),
    ("529.982.247-2S", "CPF/CNPJ inválido", "mas um CPF só tem números"),
    ("CPF69910091305", "CPF/CNPJ inválido", 'escreva "CPF: " antes do número'),
])
def test_invalid_alphanumeric_cells_say_what_to_check(cell, problem, hint):
    with pytest.raises(ParseError) as caught:
        parse_document(cell)
    assert (caught.value.problem, hint in caught.value.hint) == (problem, True)
    assert "use só números e" not in caught.value.hint


def test_a_label_glued_to_a_cpf_that_is_also_a_cnpj_is_not_guessed():
    """"CPF69910091305" is CPF 699.100.913-05 after a label, and CNPJ CP.F69.910/0913-05 too."""
    assert cpf_is_valid("69910091305") and cnpj_is_valid("CPF69910091305")
    assert parse_document("CPF: 699.100.913-05") == parse_document("CPF 69910091305") == Document("69910091305")


alphanumeric_bases = st.text(ALPHANUMERIC, min_size=12, max_size=12)
unlabelled = lambda number: not number.startswith("CPF")  # noqa: E731 ("CPF" + 11 digits may read two ways)


@given(alphanumeric_bases)
def test_check_digits_agree_with_python_stdnum(base):
    assert check_digits(base) == stdnum_cnpj.calc_check_digits(base)


@given(alphanumeric_bases.map(lambda base: base + check_digits(base)).filter(not_repeated).filter(unlabelled),
       st.sampled_from([str.upper, str.lower]))
def test_alphanumeric_cnpjs_round_trip_through_their_formatting(number, case):
    """format -> type it in either case -> parse gives the same document back."""
    assert cnpj_is_valid(number)
    assert parse_document(case(Document(number).formatted)) == Document(number)
    assert parse_document(case(number)).formatted == Document(number).formatted


@given(alphanumeric_bases.map(lambda base: base + check_digits(base)), st.data())
def test_any_single_character_change_of_an_alphanumeric_cnpj_is_rejected(number, data):
    position = data.draw(st.integers(0, 11))
    replacement = data.draw(st.sampled_from([c for c in ALPHANUMERIC if c != number[position]]))
    changed = number[:position] + replacement + number[position + 1:]
    assume(not cnpj_is_valid(changed))
    with pytest.raises(ParseError, match="CNPJ inválido"):
        parse_document(changed)


@given(alphanumeric_bases.filter(unlabelled), st.text("0123456789", min_size=2, max_size=2), st.booleans())
def test_alphanumeric_acceptance_matches_the_independent_check(base, check, right):
    number = base + (check_digits(base) if right else check)
    try:
        accepted = parse_document(number) == Document(number)
    except ParseError:
        accepted = False
    assert accepted == cnpj_is_valid(number)
