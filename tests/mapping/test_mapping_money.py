"""Money, quantities and percentages as Brazilians write them, and as the sheet types them."""
from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sheets_addon.mapping.errors import ParseError
from sheets_addon.mapping.parsers import (format_money, parse_discount, parse_money, parse_number,
                                          parse_percent, parse_quantity)


@pytest.mark.parametrize("cell, expected", [
    ("R$ 1.234,56", "1234.56"),
    ("R$1.234,56", "1234.56"),
    ("1234,56", "1234.56"),
    ("1.234", "1234.00"),          # a single dot and three digits: thousands
    ("12.345.678,90", "12345678.90"),
    ("1234.56", "1234.56"),        # unambiguous decimal point
    ("1.5", "1.50"),
    ("0.500", "0.50"),             # cannot be thousands ("0.500" has no leading digit)
    ("1,234.56", "1234.56"),       # pasted from an English sheet: the last separator decides
    ("-R$ 10,00", "-10.00"),
    ("R$ -10,00", "-10.00"),
    ("(10,00)", "-10.00"),
    ("(R$ 1.000,00)", "-1000.00"),
    ("+5", "5.00"),
    (",50", "0.50"),
    ("  R$\u00a0250,00 ", "250.00"),  # a non-breaking space, as copied from a web page
    ("10,500", "10.50"),
    (1234, "1234.00"),
    (1234.5, "1234.50"),
    (0.1, "0.10"),
    (10.005, "10.01"),             # typed numbers are rounded half-up
    (2.675, "2.68"),
])
def test_money_in_the_ways_people_write_it(cell, expected):
    assert parse_money(cell) == Decimal(expected)


@pytest.mark.parametrize("cell, hint", [
    ("abc", "R$ 1.234,56"),
    ("10,005", "2 casas decimais"),
    ("1,234", "2 casas decimais"),  # Brazilian 1,234 is one and 234 thousandths: not cents
    ("1.23.456", "milhar"),
    ("5,", "R$ 1.234,56"),
    ("R$", "R$ 1.234,56"),
    ("-(10,00)", "R$ 1.234,56"),
    ("10 reais", "R$ 1.234,56"),
    (True, "caixa de seleção"),
    (float("inf"), "R$ 1.234,56"),
    ("99999999999999", "alto demais"),
])
def test_money_mistakes_say_how_to_fix_them(cell, hint):
    with pytest.raises(ParseError, match="Valor inválido") as caught:
        parse_money(cell)
    assert hint in caught.value.hint


def test_format_money_is_brazilian():
    assert format_money(Decimal("1234.5")) == "R$ 1.234,50"
    assert format_money(Decimal("-10")) == "-R$ 10,00"
    assert format_money(Decimal("0.004")) == "R$ 0,00"
    assert format_money(Decimal("1234567.891")) == "R$ 1.234.567,89"


cents = st.integers(min_value=-10**14, max_value=10**14).map(lambda c: Decimal(c).scaleb(-2))


@given(cents)
def test_formatted_money_parses_back_to_the_same_value(amount):
    assert parse_money(format_money(amount)) == amount


@given(cents)
def test_every_written_form_of_an_amount_parses_back(amount):
    plain_comma = format(amount, "f").replace(".", ",")
    english = f"{amount:,.2f}"
    for written in (plain_comma, format(amount, "f"), english, format_money(amount).replace("R$ ", "R$")):
        assert parse_money(written) == amount, written


@given(st.floats(min_value=-1e12, max_value=1e12, allow_nan=False))
def test_typed_numbers_become_cents_through_their_decimal_text(number):
    expected = Decimal(str(number)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    assert parse_money(number) == expected


@pytest.mark.parametrize("cell, expected", [
    ("2", "2"), (3, "3"), ("1,5", "1.5"), ("0,0005", "0.0005"), (0.30000000000000004, "0.3"),
    ("1.000", "1000"), (2.00005, "2.0001"),
])
def test_quantities(cell, expected):
    assert parse_quantity(cell) == Decimal(expected)


@pytest.mark.parametrize("cell, hint", [("0", "maior que zero"), ("-1", "maior que zero"),
                                        ("1,00001", "4 casas"), ("dois", "2 ou 1,5")])
def test_quantity_mistakes(cell, hint):
    with pytest.raises(ParseError, match="Quantidade inválida") as caught:
        parse_quantity(cell)
    assert hint in caught.value.hint


@pytest.mark.parametrize("cell, expected", [
    ("10%", "10"), ("10,5 %", "10.5"), ("10", "10"), ("0,5", "0.5"), ("100%", "100"),
    (0.1, "10"),      # a cell formatted as percentage arrives as a fraction
    (0.125, "12.5"), (15, "15"), (0, "0"),
])
def test_percentages(cell, expected):
    assert parse_percent(cell) == Decimal(expected)


@pytest.mark.parametrize("cell", ["101%", "-5%", "dez por cento", "%", "10,12345%"])
def test_percentage_mistakes(cell):
    with pytest.raises(ParseError, match="Porcentagem inválida"):
        parse_percent(cell)


def test_discount_is_reais_unless_written_with_a_percent_sign():
    assert parse_discount("5%").kind == "PORCENTAGEM"
    assert parse_discount("5%").value == Decimal("5")
    assert parse_discount("R$ 5,00").kind == "VALOR"
    assert parse_discount(5).value == Decimal("5.00")
    with pytest.raises(ParseError, match="negativo"):
        parse_discount("-R$ 5,00")


def test_plain_numbers_for_filters_keep_their_digits():
    assert parse_number("1.234,5678") == Decimal("1234.5678")
    assert parse_number(-3) == Decimal("-3")
