"""The Alembic migrations build exactly the schema the models describe, on SQLite and PostgreSQL,
and each one can be undone."""
from __future__ import annotations

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect

from sheets_addon.db import alembic_config, get_engine
from sheets_addon.models import Base


def test_migrations_match_the_models(app):
    with app.app_context(), get_engine().connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []


def test_an_empty_database_goes_up_down_to_nothing_and_up_again(empty_database_url):
    config = alembic_config(empty_database_url)
    engine = create_engine(empty_database_url)
    try:
        command.upgrade(config, "head")
        assert set(inspect(engine).get_table_names()) >= set(Base.metadata.tables)

        command.downgrade(config, "base")
        engine.dispose()
        assert set(inspect(engine).get_table_names()) <= {"alembic_version"}

        command.upgrade(config, "head")
        engine.dispose()
        with engine.connect() as connection:
            assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []
    finally:
        engine.dispose()
