"""Whatever a cell holds, a parser returns a value or raises `ParseError`, nothing else."""
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sheets_addon.mapping import TARGET_KINDS, catalog_for
from sheets_addon.mapping.errors import ParseError
from sheets_addon.mapping.fields import read_field
from sheets_addon.mapping.parsers import __all__ as parser_names
from sheets_addon.mapping import parsers

PARSERS = [getattr(parsers, name) for name in parser_names if name.startswith("parse_") and name != "parse_text"]
FIELDS = {field.type: field for kind in TARGET_KINDS for field in catalog_for(kind)}

cells = st.one_of(
    st.none(), st.booleans(), st.text(), st.text(alphabet="0123456789.,/-%R$ ()+x", max_size=30),
    st.integers(), st.integers(min_value=-10**40, max_value=10**40),
    st.floats(allow_nan=True, allow_infinity=True),
)


def never_crashes(parse, cell):
    try:
        parse(cell)
    except ParseError:
        pass


@pytest.mark.parametrize("parse", PARSERS, ids=lambda parse: parse.__name__)
@given(cell=cells)
def test_parsers_raise_only_their_own_error(parse, cell):
    never_crashes(parse, cell)


@pytest.mark.parametrize("field", list(FIELDS.values()), ids=lambda field: str(field.type))
@given(cell=cells)
def test_every_field_type_raises_only_parse_errors(field, cell):
    never_crashes(lambda value: read_field(field, value), cell)


@pytest.mark.parametrize("field", list(FIELDS.values()), ids=lambda field: str(field.type))
def test_a_ten_thousand_character_cell_is_an_error_not_a_crash(field):
    for cell in ("9" * 10_000, "a" * 10_000, "1,0" * 3_400, "=" + "(" * 10_000):
        with pytest.raises(ParseError):
            read_field(field, cell)
