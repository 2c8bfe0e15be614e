"""New sales' numbers handed out through PostgreSQL: many processes reserving one company's
numbers at once each get their own, never below Conta Azul's first free one."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import create_engine

from sheets_addon.shared_numbers import SharedNumbering, numbering_for
from sheets_addon.sync.actions.numbering import CycleNumbering

pytestmark = pytest.mark.engines("postgresql")


@pytest.fixture
def engine(database_url):
    engine = create_engine(database_url, pool_size=8)
    yield engine
    engine.dispose()


def test_eight_reserving_at_once_never_get_the_same_number(engine):
    def reserve_fifty(worker: int) -> list[int]:
        numbers = SharedNumbering(engine, "company-bakery")  # each worker process builds its own
        return [numbers.reserve("sale", 1000 + worker) for _ in range(50)]

    with ThreadPoolExecutor(8) as pool:
        handed_out = [number for numbers in pool.map(reserve_fifty, range(8)) for number in numbers]
    assert len(handed_out) == len(set(handed_out)) == 400 and min(handed_out) >= 1000
    assert SharedNumbering(engine, "company-bakery").reserve("sale", 0) == max(handed_out) + 1


def test_the_floor_series_and_companies_are_kept_apart_and_the_last_number_taken_back(engine):
    bakery, cafe = SharedNumbering(engine, "company-bakery"), SharedNumbering(engine, "company-cafe")
    assert [bakery.reserve("sale", 1042), bakery.reserve("sale", 1042)] == [1042, 1043]
    assert bakery.reserve("sale", 2000) == 2000  # someone numbered sales in Conta Azul meanwhile
    assert bakery.reserve("contract", 17) == 17 and cafe.reserve("sale", 5) == 5
    bakery.release("sale", 1043)  # not the last: 2000 was handed out after it
    assert bakery.reserve("sale", 1) == 2001
    bakery.release("sale", 2001)
    assert bakery.reserve("sale", 1) == 2001


@pytest.mark.engines("sqlite", "postgresql")
def test_a_run_numbers_through_the_database_on_postgresql_only(engine):
    expected = SharedNumbering if engine.dialect.name == "postgresql" else CycleNumbering
    assert isinstance(numbering_for(engine, "company-bakery"), expected)
