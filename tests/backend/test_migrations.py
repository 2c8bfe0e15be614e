"""The Alembic migrations build exactly the schema the models describe."""
from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from sheets_addon.db import get_engine
from sheets_addon.models import Base


def test_migrations_match_the_models(app):
    with app.app_context(), get_engine().connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []
