"""The database: one engine per app, a session per request, Alembic for the schema.

SQLite by default; any SQLAlchemy URL (PostgreSQL for scale-out) through `DATABASE_URL`.
"""
from __future__ import annotations

from pathlib import Path

import click
from alembic import command
from alembic.config import Config as AlembicConfig
from flask import Flask, current_app
from flask.cli import AppGroup
from sqlalchemy import Engine, Select, create_engine, event, func, select, text
from sqlalchemy.orm import Session, scoped_session, sessionmaker

from sheets_addon.config import current_settings
from sheets_addon.private_files import keep_sqlite_private

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
MIGRATION_LOCK_KEY = 0x617A756C656A6F  # "azulejo": the advisory lock `db upgrade` holds on PostgreSQL


def init_app(app: Flask) -> None:
    """Creates the engine and session factory, and registers the `db` CLI group."""
    engine = make_engine(app.extensions["azulejo.settings"].DATABASE_URL)
    sessions = scoped_session(sessionmaker(bind=engine, expire_on_commit=False))
    app.extensions["azulejo.engine"] = engine
    app.extensions["azulejo.sessions"] = sessions
    app.teardown_appcontext(lambda _exc: sessions.remove())
    app.cli.add_command(db_cli)


def make_engine(url: str) -> Engine:
    """An engine with the per-dialect settings we rely on."""
    if url.startswith("sqlite"):
        keep_sqlite_private(url)  # before SQLite makes the file as the umask says (0644)
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True)


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    # WAL lets the web process read while the worker writes; foreign keys are off by default.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def get_session() -> Session:
    """The current app context's session."""
    return current_app.extensions["azulejo.sessions"]()


def get_engine() -> Engine:
    return current_app.extensions["azulejo.engine"]


def reset_session() -> None:
    """Drops the app context's session, so the next `get_session()` starts afresh on a sound
    connection (after the database went away, say)."""
    current_app.extensions["azulejo.sessions"].remove()


def one_page(session: Session, query: Select, page: int, per_page: int) -> tuple[list, int]:
    """Page `page` (from 1) of the query's records, in its order, and how many records it has in all."""
    total = session.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0
    offset = (page - 1) * per_page
    if offset >= total:  # past the end, however far: no offset too large for the database
        return [], total
    return list(session.scalars(query.offset(offset).limit(per_page))), total


def alembic_config(url: str) -> AlembicConfig:
    config = AlembicConfig()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade_database(revision: str = "head") -> None:
    """Brings the schema of the app's database up to `revision`."""
    url = current_settings().DATABASE_URL
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    with get_engine().begin() as connection:
        if connection.dialect.name == "postgresql":
            # Every machine may run `db upgrade` as it starts: one migrates, the others wait for it
            # here (the lock is held until this transaction ends) and then find nothing to do.
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
        config = alembic_config(url)
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def database_is_reachable() -> bool:
    try:
        with get_engine().connect() as connection:
            connection.execute(text("SELECT 1"))
        return True
    except Exception:  # noqa: BLE001 - any failure means "not reachable" for a health check
        return False


db_cli = AppGroup("db", help="Database schema commands.")


@db_cli.command("upgrade")
@click.option("--revision", default="head", show_default=True)
def upgrade_command(revision: str) -> None:
    """Apply migrations up to REVISION."""
    upgrade_database(revision)
    click.echo(f"database at revision {revision}")
