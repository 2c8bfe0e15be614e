"""Dates as Brazilians write them, ISO dates, and Google Sheets serial numbers."""
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sheets_addon.mapping.errors import ParseError
from sheets_addon.mapping.parsers import (format_date, parse_date, parse_date_list,
                                          parse_day_of_month, parse_end_date, sheet_serial)


@pytest.mark.parametrize("cell, expected", [
    ("31/12/2026", date(2026, 12, 31)),
    ("31/12/26", date(2026, 12, 31)),
    ("1/2/2026", date(2026, 2, 1)),         # day first: 1st of February
    ("01/02/2026", date(2026, 2, 1)),
    ("2026-12-31", date(2026, 12, 31)),
    ("31-12-2026", date(2026, 12, 31)),
    ("31.12.2026", date(2026, 12, 31)),
    ("29/02/2028", date(2028, 2, 29)),
    ("2026-03-10T14:30:00Z", date(2026, 3, 10)),
    ("10/03/2026 14:30", date(2026, 3, 10)),
    (" 05/01/2026 ", date(2026, 1, 5)),
    (46023, date(2026, 1, 1)),              # the sheet's serial number for 01/01/2026
    (46023.75, date(2026, 1, 1)),           # 18h on that day
])
def test_dates_in_every_accepted_form(cell, expected):
    assert parse_date(cell) == expected


@pytest.mark.parametrize("cell, hint", [
    ("31/02/2026", "não existe"),
    ("29/02/2026", "não existe"),
    ("00/01/2026", "não existe"),
    ("12/13/2026", "não existe"),           # American month/day order is not a date here
    ("amanhã", "31/12/2026"),
    ("2026", "31/12/2026"),
    (2026, "não é uma data"),               # a year typed into a date column
    (1234.56, "não é uma data"),
    ("01/01/1900", "entre 1950 e 2149"),
    (True, "caixa de seleção"),
])
def test_impossible_or_unreadable_dates(cell, hint):
    with pytest.raises(ParseError, match="Data inválida") as caught:
        parse_date(cell)
    assert hint in caught.value.hint


def test_format_and_serial():
    assert format_date(date(2026, 2, 1)) == "01/02/2026"
    assert sheet_serial(date(1899, 12, 31)) == 1


days = st.dates(min_value=date(1950, 1, 1), max_value=date(2149, 12, 31))


@given(days)
def test_every_accepted_format_round_trips(day):
    written = [
        format_date(day),
        f"{day.day}/{day.month}/{day.year}",
        day.isoformat(),
        day.strftime("%d-%m-%Y"),
        day.strftime("%d.%m.%Y"),
        sheet_serial(day),
        sheet_serial(day) + 0.999,
        float(sheet_serial(day)),
    ]
    if 2000 <= day.year <= 2099:
        written.append(day.strftime("%d/%m/%y"))
    for cell in written:
        assert parse_date(cell) == day, cell


def test_due_date_lists():
    assert parse_date_list("10/01/2026; 10/02/2026;10/03/2026") == (
        date(2026, 1, 10), date(2026, 2, 10), date(2026, 3, 10))
    assert parse_date_list("10/01/2026\n10/02/2026") == (date(2026, 1, 10), date(2026, 2, 10))
    assert parse_date_list(46023) == (date(2026, 1, 1),)
    with pytest.raises(ParseError, match="em ordem"):
        parse_date_list("10/02/2026; 10/01/2026")
    with pytest.raises(ParseError, match="não existe"):
        parse_date_list("10/01/2026; 31/02/2026")


def test_contract_end_may_be_open():
    assert parse_end_date("Sem fim") is None
    assert parse_end_date("indeterminado") is None
    assert parse_end_date("31/12/2027") == date(2027, 12, 31)


@pytest.mark.parametrize("cell, expected", [("10", 10), (10, 10), ("dia 5", 5), (31.0, 31)])
def test_day_of_month(cell, expected):
    assert parse_day_of_month(cell) == expected


@pytest.mark.parametrize("cell", ["0", "32", 10.5, "dez"])
def test_day_of_month_mistakes(cell):
    with pytest.raises(ParseError, match="Dia inválido"):
        parse_day_of_month(cell)
