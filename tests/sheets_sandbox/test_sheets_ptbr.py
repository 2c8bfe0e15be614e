"""What a pt_BR sheet makes of typed text, how it shows numbers, and the small formula language."""
from __future__ import annotations

from datetime import date

import pytest

from sandbox.sheets.cells import CURRENCY_BRL, DATE_BR, GROUPED, PERCENT, Cell, NumberFormat, serial_from
from sandbox.sheets.formulas import evaluate
from sandbox.sheets.ptbr import format_moment, format_number, parse_typed

DEC_31 = serial_from(date(2026, 12, 31))


def test_serial_numbers_count_days_from_1899_12_30():
    assert serial_from(date(1899, 12, 31)) == 1
    assert serial_from(date(2026, 12, 31)) == DEC_31 == 46387


@pytest.mark.parametrize("typed, value, number_format", [
    ("1.234,56", 1234.56, GROUPED),
    ("R$ 1.234,56", 1234.56, CURRENCY_BRL),
    ("R$1.234,56", 1234.56, CURRENCY_BRL),
    ("-R$ 10,00", -10.0, CURRENCY_BRL),
    ("1234,56", 1234.56, None),
    ("  42 ", 42.0, None),
    ("007", 7.0, None),
    ("-3,25", -3.25, None),
    ("12,5%", 0.125, PERCENT),
    ("31/12/2026", DEC_31, DATE_BR),
    ("1/2/26", serial_from(date(2026, 2, 1)), DATE_BR),
    ("TRUE", True, None),
    ("falso", False, None),
    ("VERDADEIRO", True, None),
])
def test_typed_text_becomes_numbers_dates_and_booleans(typed, value, number_format):
    assert parse_typed(typed) == Cell(value, format=number_format)


@pytest.mark.parametrize("typed, text", [("'0123", "0123"), ("'=1+1", "=1+1"), ("'TRUE", "TRUE"),
                                         ("1234.56", "1234.56"), ("1.23", "1.23"), ("31/02/2026", "31/02/2026"),
                                         ("123.456.789-09", "123.456.789-09"), ("Pão de queijo", "Pão de queijo"),
                                         ("=", "=")])
def test_text_stays_text(typed, text):
    assert parse_typed(typed) == Cell(text)


def test_formulas_are_kept_as_formulas():
    assert parse_typed('=HYPERLINK("https://x";"ver")') == Cell(formula='=HYPERLINK("https://x";"ver")')


@pytest.mark.parametrize("value, number_format, shown", [
    (1234.56, GROUPED, "1.234,56"),
    (1234.56, CURRENCY_BRL, "R$ 1.234,56"),
    (-1234.5, CURRENCY_BRL, "-R$ 1.234,50"),
    (1234567.891, NumberFormat("NUMBER", "#,##0.00"), "1.234.567,89"),
    (0.125, PERCENT, "12,50%"),
    (DEC_31, DATE_BR, "31/12/2026"),
    (DEC_31 + 0.5, NumberFormat("DATE_TIME", "dd/MM/yyyy HH:mm:ss"), "31/12/2026 12:00:00"),
    (DEC_31, NumberFormat("DATE", "dd/mm/yyyy"), "31/12/2026"),
    (DEC_31, NumberFormat("DATE", ""), "31/12/2026"),
    (1234.56, None, "1234,56"),
    (1500.0, None, "1500"),
    (11987654321.0, None, "11987654321"),
    (0.1 + 0.2, None, "0,3"),
    (1 / 3, None, "0,3333333333"),
    (2.5, NumberFormat("NUMBER", "0.0#"), "2,5"),
    (1234.0, NumberFormat("CURRENCY", ""), "R$ 1.234,00"),
])
def test_numbers_are_shown_the_pt_br_way(value, number_format, shown):
    assert format_number(value, number_format) == shown


def test_mm_is_minutes_next_to_hours_and_months_elsewhere():
    assert format_moment(DEC_31 + 0.5 + 5 / 1440, NumberFormat("DATE_TIME", "d/m/yy h:mm")) == "31/12/26 12:05"


def _lookup(cells: dict):
    def lookup(grid):
        return [[(cells.get((row, col)), None) for col in range(grid.start_col, grid.end_col)]
                for row in range(grid.start_row, grid.end_row)]
    return lookup


@pytest.mark.parametrize("formula, value", [
    ('=HYPERLINK("https://ca.example/venda/1042";"Venda 1042")', "Venda 1042"),
    ('=HYPERLINK("https://ca.example/venda/1042","Venda 1042")', "Venda 1042"),
    ('=HYPERLINK("https://ca.example")', "https://ca.example"),
    ("=1+2*3", 7.0),
    ("=(1+2)*3", 9.0),
    ("=-2^2", 4.0),
    ("=A1*2", 20.0),
    ("=A1+B1", 10.0),
    ('="Total: "&A1', "Total: 10"),
    ("=SUM(A1:A2)", 15.0),
    ("=SOMA(A1;A2;1)", 16.0),
    ("=A1/0", "#DIV/0!"),
    ('="a"+1', "#VALUE!"),
    ("=IMPORTXML(A1)", "#NAME?"),
    ("=FOO", "#NAME?"),
    ("=1+", "#ERROR!"),
    ("=1 2", "#ERROR!"),
    ("=__import__('os')", "#ERROR!"),
    ("=Nada!A1", "#REF!"),
])
def test_formulas_evaluate_just_enough(formula, value):
    cells = {(0, 0): 10.0, (1, 0): 5.0}

    def lookup(grid):
        if grid.sheet is not None:
            raise LookupError(grid.sheet)
        return _lookup(cells)(grid)
    assert evaluate(formula, lookup).value == value
