"""Sale and contract numbers handed out through the database, to every process at once.

Conta Azul requires each new sale's `numero` and refuses one in use; its "next free number"
is only a suggestion, the same to every worker asking at once. Counting up in each process, the
worker with the most rows stayed a step ahead of the others, who asked again after each refusal
and lost again, until a row ended refused. Here a number is taken with one atomic upsert of the
company's `number_series` row, in its own short transaction: above Conta Azul's first free
number and above everything handed out before.

PostgreSQL only, like `shared_rate_limit`: on SQLite one machine runs one worker, and a second
connection writing while the run's own session holds SQLite's write lock could wait for good.
"""
from __future__ import annotations

from sqlalchemy import Engine, func, literal, update
from sqlalchemy.dialects.postgresql import insert as pg_insert

from sheets_addon.models import NumberSeries
from sheets_addon.sync.actions.numbering import CycleNumbering, Numbering


class SharedNumbering:
    """One company's numbers (`company_key` as the Conta Azul client names it), per series."""

    def __init__(self, engine: Engine, company_key: str) -> None:
        self.engine, self.key = engine, company_key

    def reserve(self, series: str, first_free: int) -> int:
        taken = pg_insert(NumberSeries).values(key=self.key, series=series, next_number=first_free + 1)
        taken = taken.on_conflict_do_update(
            index_elements=[NumberSeries.key, NumberSeries.series],
            set_={"next_number": func.greatest(NumberSeries.next_number, literal(first_free)) + 1},
        ).returning(NumberSeries.next_number - 1)
        with self.engine.begin() as connection:
            return int(connection.scalar(taken))

    def release(self, series: str, number: int) -> None:
        with self.engine.begin() as connection:
            connection.execute(update(NumberSeries).where(
                NumberSeries.key == self.key, NumberSeries.series == series,
                NumberSeries.next_number == number + 1).values(next_number=number))


def numbering_for(engine: Engine, company_key: str) -> Numbering:
    """Where a run's new numbers come from: the database on PostgreSQL, the cycle on SQLite."""
    if engine.dialect.name == "postgresql":
        return SharedNumbering(engine, company_key)
    return CycleNumbering()
