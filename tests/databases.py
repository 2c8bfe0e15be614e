"""Which database a test's backend uses: SQLite, or PostgreSQL on a throwaway server.

Tests that take `database_url` (directly or through the `app`, `api_app`, `sync_app`
fixtures) run once per engine when their file is listed in `BOTH_ENGINES`, or on the engines
an `@pytest.mark.engines("postgresql")` names; elsewhere on SQLite only. Each test gets a
database of its own, already at the migrations' head (a copy of a template), dropped after it.

PostgreSQL comes from `tests/postgres.py`, started once per session on first use. When it
cannot start, every PostgreSQL test fails with the reason: nothing is skipped silently.
`AZULEJO_TEST_POSTGRES=skip` skips them on purpose (a machine without PostgreSQL);
`AZULEJO_TEST_POSTGRES=<admin URL>` uses that server instead of starting one (it must let the
user create databases).
"""
from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.pool import Pool

from tests.postgres import PostgresCluster, PostgresServer, PostgresUnavailable

SQLITE, POSTGRESQL = "sqlite", "postgresql"
POSTGRES_VARIABLE = "AZULEJO_TEST_POSTGRES"
# Where the database matters: these run on both engines (paths relative to the project root).
BOTH_ENGINES = (
    "tests/api/",
    "tests/pipeline/",
    "tests/security/",
    "tests/backend/test_migrations.py",
)
_ROOT = Path(__file__).resolve().parent.parent


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "engines(*names): the database engines a test runs on "
                                       "('sqlite', 'postgresql'), overriding tests/databases.py's list")
    config.addinivalue_line("markers", "postgresql: runs on PostgreSQL (deselect with -m 'not postgresql')")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Runs a test once per engine it is meant for (see the module's docstring)."""
    if "database_engine" not in metafunc.fixturenames:
        return
    marker = metafunc.definition.get_closest_marker("engines")
    engines = marker.args if marker else engines_for(Path(str(metafunc.definition.path)))
    if tuple(engines) == (SQLITE,):
        return  # the fixture's default; the test keeps its plain name
    metafunc.parametrize("database_engine", [
        pytest.param(engine, marks=[pytest.mark.postgresql] if engine == POSTGRESQL else [])
        for engine in engines], indirect=True)


def engines_for(path: Path) -> tuple[str, ...]:
    relative = path.resolve().relative_to(_ROOT).as_posix()
    return (SQLITE, POSTGRESQL) if relative.startswith(BOTH_ENGINES) else (SQLITE,)


@pytest.fixture
def database_engine(request: pytest.FixtureRequest) -> str:
    """`sqlite` or `postgresql`: the engine this run of the test uses."""
    return getattr(request, "param", SQLITE)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """The session's PostgreSQL server (a `PostgresCluster` unless one was given), started on first use."""
    choice = os.environ.get(POSTGRES_VARIABLE, "").strip()
    if choice == "skip":
        pytest.skip(f"{POSTGRES_VARIABLE}=skip: the PostgreSQL runs of the tests are skipped")
    if choice:
        yield PostgresServer(choice, name_prefix=f"azulejo_test_{os.getpid()}")
        return
    try:
        cluster = PostgresCluster.start()
    except PostgresUnavailable as error:
        pytest.fail(f"PostgreSQL could not be started, so the PostgreSQL tests cannot run: {error}\n"
                    f"(set {POSTGRES_VARIABLE}=skip to skip them on purpose)", pytrace=False)
    with cluster:
        yield cluster


@pytest.fixture
def database_url(database_engine: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[str]:
    """A database of this test's own, at the migrations' head on PostgreSQL (SQLite starts empty)."""
    yield from _database(database_engine, tmp_path / "azulejo.db", request, migrated=True)


@pytest.fixture
def empty_database_url(database_engine: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[str]:
    """A database without any table, for tests of the migrations themselves."""
    yield from _database(database_engine, tmp_path / "empty.db", request, migrated=False)


def _database(engine: str, sqlite_file: Path, request: pytest.FixtureRequest, migrated: bool) -> Iterator[str]:
    if engine == SQLITE:
        yield f"sqlite:///{sqlite_file}"
        return
    server: PostgresServer = request.getfixturevalue("postgres_server")
    url = server.create_database(template=server.migrated_template() if migrated else None)
    name = make_url(url).database
    with _ConnectionsTo(name) as opened:
        yield url
    for connection in opened:  # what the test's apps left in their pools; the database goes next
        connection.close()
    server.drop_database(name)


class _ConnectionsTo:
    """Collects every connection any engine of this process opens to `database` within the block."""

    def __init__(self, database: str) -> None:
        self.database, self.opened = database, []

    def _record(self, dbapi_connection, _connection_record) -> None:
        if isinstance(dbapi_connection, psycopg.Connection) and dbapi_connection.info.dbname == self.database:
            self.opened.append(dbapi_connection)

    def __enter__(self) -> list:
        event.listen(Pool, "connect", self._record)
        return self.opened

    def __exit__(self, *_exc) -> None:
        event.remove(Pool, "connect", self._record)
