"""A1 notation as Google reads and writes it."""
from __future__ import annotations

import pytest

from sandbox.sheets.a1 import A1Error, A1Range, column_index, column_letters, format_range, parse_range, \
    quote_sheet_name


@pytest.mark.parametrize("text, expected", [
    ("A1", A1Range(None, 0, 1, 0, 1)),
    ("b3", A1Range(None, 2, 3, 1, 2)),
    ("$A$1:$C$10", A1Range(None, 0, 10, 0, 3)),
    ("A1:C10", A1Range(None, 0, 10, 0, 3)),
    ("C10:A1", A1Range(None, 0, 10, 0, 3)),
    ("A:C", A1Range(None, 0, None, 0, 3)),
    ("2:5", A1Range(None, 1, 5, 0, None)),
    ("A2:C", A1Range(None, 1, None, 0, 3)),
    ("B2:4", A1Range(None, 1, 4, 1, None)),
    ("Vendas", A1Range("Vendas")),
    ("Vendas!B2", A1Range("Vendas", 1, 2, 1, 2)),
    ("'Vendas 2026'!A1:C10", A1Range("Vendas 2026", 0, 10, 0, 3)),
    ("'Vendas d''Ana'!A:A", A1Range("Vendas d'Ana", 0, None, 0, 1)),
    ("'Vendas d''Ana'", A1Range("Vendas d'Ana")),
    ("'A1'!B2", A1Range("A1", 1, 2, 1, 2)),
    ("Sheet 1!A1", A1Range("Sheet 1", 0, 1, 0, 1)),
    ("'a!b'!A1", A1Range("a!b", 0, 1, 0, 1)),
])
def test_parses_the_forms_people_and_gspread_write(text, expected):
    assert parse_range(text) == expected


@pytest.mark.parametrize("text", ["", "   ", "'unclosed!A1", "''!A1", "'Tab'A1", "Tab!", "!A1", "Tab!A1:B2:C3",
                                  "Tab!A:5", "Tab!ZZZZ1", "Tab!A0", "Tab!1A"])
def test_refuses_what_is_not_a_range(text):
    with pytest.raises(A1Error):
        parse_range(text)


@pytest.mark.parametrize("text", ["A:5", "ZZZZ1", "Resumo", "A0"])
def test_text_that_is_no_range_is_a_tab_name(text):
    assert parse_range(text) == A1Range(text)


def test_column_letters_round_trip():
    for index in (0, 25, 26, 51, 52, 701, 702, 18_277):
        assert column_index(column_letters(index)) == index
    assert [column_letters(i) for i in (0, 25, 26, 701, 702)] == ["A", "Z", "AA", "ZZ", "AAA"]


@pytest.mark.parametrize("title, quoted", [("Vendas", "Vendas"), ("Sheet1", "Sheet1"), ("Página1", "'Página1'"),
                                           ("Vendas 2026", "'Vendas 2026'"), ("Vendas d'Ana", "'Vendas d''Ana'"),
                                           ("AB12", "'AB12'"), ("R1C1", "'R1C1'"), ("2026", "'2026'")])
def test_tab_names_are_quoted_only_when_needed(title, quoted):
    assert quote_sheet_name(title) == quoted
    assert parse_range(f"{quoted}!A1").sheet == title


def test_ranges_are_written_back_normalised():
    assert format_range("Vendas", 0, 3, 0, 3) == "Vendas!A1:C3"
    assert format_range("Vendas d'Ana", 1, 2, 1, 2) == "'Vendas d''Ana'!B2"
    assert format_range("Vendas", 0, 1000, 0, 26) == "Vendas!A1:Z1000"
