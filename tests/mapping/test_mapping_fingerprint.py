"""A row's fingerprint: stable across what does not change the row, different when it changes."""
from hypothesis import given
from hypothesis import strategies as st

from sheets_addon.mapping import parse_row, row_fingerprint

MAPPING = {"name": "Nome", "document": "CPF"}


def test_same_values_same_fingerprint_whatever_the_headers_or_column_order():
    first = row_fingerprint(MAPPING, {"Nome": "Ana", "CPF": "529.982.247-25", "Outra": 1})
    assert first == row_fingerprint({"document": "Documento", "name": "Cliente"},
                                    {"Documento": "529.982.247-25", "Cliente": " Ana ", "Outra": 2})
    assert len(first) == 64 and int(first, 16) >= 0


def test_blank_cells_and_typed_whole_numbers_do_not_change_it():
    assert row_fingerprint({"name": "Nome", "email": "E-mail"}, {"Nome": "Ana", "E-mail": ""}) == \
        row_fingerprint({"name": "Nome"}, {"Nome": "Ana"})
    assert row_fingerprint({"name": "Nome"}, {"Nome": 10.0}) == row_fingerprint({"name": "Nome"}, {"Nome": 10})


def test_a_changed_cell_changes_it():
    assert row_fingerprint(MAPPING, {"Nome": "Ana", "CPF": "529.982.247-25"}) != \
        row_fingerprint(MAPPING, {"Nome": "Ana", "CPF": "111.444.777-35"})
    assert row_fingerprint({"name": "Nome"}, {"Nome": "10"}) != row_fingerprint({"name": "Nome"}, {"Nome": 10})


def test_parse_row_carries_the_same_fingerprint():
    row = {"Nome": "Ana", "CPF": "529.982.247-25"}
    assert parse_row("customer", MAPPING, row).fingerprint == row_fingerprint(MAPPING, row)


cell = st.one_of(st.text(max_size=20), st.integers(), st.floats(allow_nan=False), st.booleans(), st.none())


@given(st.dictionaries(st.sampled_from(["name", "email", "notes", "code"]), cell))
def test_the_fingerprint_is_deterministic_and_independent_of_key_order(values):
    mapping = {key: f"Coluna {key}" for key in values}
    row = {f"Coluna {key}": value for key, value in values.items()}
    reversed_mapping = dict(reversed(list(mapping.items())))
    assert row_fingerprint(mapping, row) == row_fingerprint(reversed_mapping, dict(reversed(list(row.items()))))
