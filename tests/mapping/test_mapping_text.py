"""Free text: trimmed, length-limited, control characters dropped, never a formula."""
import pytest

from sheets_addon.mapping.errors import ParseError
from sheets_addon.mapping.parsers import parse_text


def test_text_is_trimmed_and_single_line_fields_collapse_whitespace():
    assert parse_text("  Padaria   Aurora\n Ltda ", max_length=200) == "Padaria Aurora Ltda"
    assert parse_text("Entregar pela manhã.\nPortão azul.", max_length=200, multiline=True) == \
        "Entregar pela manhã.\nPortão azul."


def test_numbers_typed_in_text_fields_read_as_the_sheet_shows_them():
    assert parse_text(1042, max_length=60) == "1042"
    assert parse_text(1042.0, max_length=60) == "1042"
    assert parse_text(3.5, max_length=60) == "3.5"


def test_decomposed_accents_are_normalised_and_control_characters_dropped():
    assert parse_text("Sa\u0303o Paulo\x00\x07", max_length=60) == "São Paulo"


def test_too_long_says_the_limit_and_the_length():
    with pytest.raises(ParseError, match="Texto longo demais") as caught:
        parse_text("x" * 10_000, max_length=200)
    assert caught.value.hint == "use no máximo 200 caracteres (a célula tem 10000)"


@pytest.mark.parametrize("cell", ['=HYPERLINK("http://x.com","clique")', "=A1+B2", "  =1+1",
                                  "+SUM(A1:A3)", "@SOMA(A1)"])
def test_formula_looking_text_is_refused_never_evaluated(cell):
    with pytest.raises(ParseError, match="fórmula"):
        parse_text(cell, max_length=200)


@pytest.mark.parametrize("cell", ["Clique aqui", "- item 1", "+55 11 98765-4321", "a=b", "C++ (curso)"])
def test_ordinary_text_that_merely_contains_signs_is_kept(cell):
    assert parse_text(cell, max_length=200) == cell


def test_a_checkbox_is_not_text():
    with pytest.raises(ParseError, match="caixa de seleção"):
        parse_text(True, max_length=200)
