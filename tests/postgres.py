"""A throwaway PostgreSQL server for tests and benchmarks: its own cluster in a temporary folder.

`PostgresCluster.start()` runs Debian's `initdb` and `pg_ctl` (as the `postgres` user when we
are root, since PostgreSQL refuses to run as root), listening on a free port of 127.0.0.1 with a
random password, durability switched off for speed (`fsync`, `synchronous_commit`,
`full_page_writes`): a crash of the machine loses nothing a test needs. Databases are handed
out by `create_database()`; `migrated_template()` builds once a database at the migrations'
head, so that each further database is a cheap copy of it (`CREATE DATABASE … TEMPLATE`).
`stop_server()`, `start_server()` and `restart()` are there for fault tests.
`PostgresServer` does the database part alone, on a server someone else runs. No pytest here:
`tests/databases.py` wraps it in fixtures, and `bench/` may use it as it is.

    with PostgresCluster.start() as cluster:
        url = cluster.create_database(template=cluster.migrated_template())
        ...  # DATABASE_URL=url
"""
from __future__ import annotations

import glob
import os
import pwd
import secrets
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psycopg
from psycopg import sql
from sqlalchemy.engine import make_url

from tests.helpers import free_ports

BIN_DIR_VARIABLE = "AZULEJO_POSTGRES_BIN"  # a folder with initdb, pg_ctl and postgres, when not Debian's
SERVER_USER = "postgres"  # the account the server runs as when we are root
SUPERUSER = "postgres"
_SETTINGS = {
    "listen_addresses": "'127.0.0.1'",
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
    "max_connections": "300",
    "shared_buffers": "32MB",
    "log_min_messages": "warning",
    "log_connections": "off",
}


_WATCHDOG = """
import os, shutil, subprocess, sys, time
parent, pg_ctl, data_dir, base_dir, *as_server_user = sys.argv[1:]
while os.path.exists(data_dir):
    try:
        os.kill(int(parent), 0)
    except ProcessLookupError:
        subprocess.run([*as_server_user, pg_ctl, "-D", data_dir, "stop", "-m", "immediate"], capture_output=True)
        shutil.rmtree(base_dir, ignore_errors=True)
        break
    time.sleep(1)
"""


class PostgresUnavailable(RuntimeError):
    """PostgreSQL's server programs are missing, or the server would not start; says which and why."""


class PostgresServer:
    """A PostgreSQL server we may create databases on, known by a superuser's URL."""

    def __init__(self, admin_url: str, name_prefix: str = "test") -> None:
        self._admin = make_url(admin_url).set(drivername="postgresql+psycopg")
        self.template = f"{name_prefix}_template"
        self._prefix = name_prefix
        self._names = iter(range(1, 1 << 62))
        self._name_lock = threading.Lock()
        self._template_ready = False

    def url(self, database: str = "postgres") -> str:
        """The SQLAlchemy URL of `database` (password included: keep it out of what you print)."""
        return self._admin.set(database=database).render_as_string(hide_password=False)

    def conninfo(self, database: str = "postgres") -> str:
        """The same, for psycopg itself."""
        return self._admin.set(drivername="postgresql", database=database).render_as_string(hide_password=False)

    def create_database(self, name: str | None = None, template: str | None = None) -> str:
        """A new empty database (or a copy of `template`); its URL. Names default to `<prefix>_<n>`."""
        name = name or self.new_name()
        statement = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
        if template:
            statement += sql.SQL(" TEMPLATE {} STRATEGY FILE_COPY").format(sql.Identifier(template))
        for attempt in range(100):
            try:
                self.execute(statement)
                break
            except psycopg.errors.ObjectInUse:
                # Copying a template needs it free of sessions; a copy made at the same moment holds it briefly.
                if attempt == 99:
                    raise
                time.sleep(0.05)
        return self.url(name)

    def drop_database(self, name: str) -> None:
        """Drops the database, ending whatever sessions are still on it."""
        self.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))

    def migrated_template(self) -> str:
        """The name of a database at the migrations' head, built on first use, to copy from."""
        if not self._template_ready:
            self.drop_database(self.template)
            upgrade(self.create_database(self.template))
            self._template_ready = True
        return self.template

    def new_name(self) -> str:
        with self._name_lock:
            return f"{self._prefix}_{next(self._names)}"

    def execute(self, statement: sql.Composable | str) -> None:
        """One statement as the superuser, outside a transaction (CREATE/DROP DATABASE need it)."""
        with psycopg.connect(self.conninfo(), autocommit=True, connect_timeout=10) as connection:
            connection.execute(statement)


class PostgresCluster(PostgresServer):
    """One running throwaway PostgreSQL server; a context manager that stops and removes it."""

    def __init__(self, base_dir: Path, bin_dir: Path, port: int, password: str) -> None:
        super().__init__(f"postgresql+psycopg://{SUPERUSER}:{password}@127.0.0.1:{port}/{SUPERUSER}")
        self.base_dir, self.bin_dir, self.port, self.password = base_dir, bin_dir, port, password
        self.data_dir = base_dir / "data"
        self.log_file = base_dir / "postgres.log"

    @classmethod
    def start(cls, bin_dir: Path | None = None) -> PostgresCluster:
        """initdb in a fresh temporary folder, then start the server; raises PostgresUnavailable."""
        bin_dir = bin_dir or find_bin_dir()
        base_dir = Path(tempfile.mkdtemp(prefix="azulejo-postgres-"))
        cluster = cls(base_dir, bin_dir, free_ports(1)[0], secrets.token_urlsafe(18))
        try:
            cluster._init()
            cluster.start_server()
            cluster._watch_over()
        except BaseException:
            cluster.stop()
            raise
        return cluster

    def start_server(self) -> None:
        """Starts the (stopped) server and waits until it accepts connections."""
        self._pg_ctl("start", "-w", "-t", "60", "-l", str(self.log_file))

    def stop_server(self, mode: str = "fast") -> None:
        """Stops the server: `fast` ends sessions cleanly, `immediate` is like a crash."""
        self._pg_ctl("stop", "-w", "-t", "60", "-m", mode)

    def restart(self, mode: str = "fast") -> None:
        """Stops and starts the server on the same port: every open connection breaks."""
        self.stop_server(mode)
        self.start_server()

    def is_running(self) -> bool:
        return self._pg_ctl("status", check=False).returncode == 0

    def stop(self) -> None:
        """Stops the server if it runs and removes its folder."""
        if (self.data_dir / "postmaster.pid").exists():
            self._pg_ctl("stop", "-w", "-t", "60", "-m", "immediate", check=False)
        shutil.rmtree(self.base_dir, ignore_errors=True)

    def log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log_file.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def __enter__(self) -> PostgresCluster:
        return self

    def __exit__(self, *_exc) -> None:
        self.stop()

    def _init(self) -> None:
        password_file = self.base_dir / "password"
        password_file.write_text(self.password)
        _hand_over(self.base_dir)
        self._run(self.bin_dir / "initdb", "-D", str(self.data_dir), "-U", SUPERUSER, "-E", "UTF8",
                  "--locale=C", "--auth-local=trust", "--auth-host=scram-sha-256",
                  f"--pwfile={password_file}", "--no-sync")
        password_file.unlink()
        settings = {**_SETTINGS, "port": str(self.port), "unix_socket_directories": f"'{self.base_dir}'"}
        with (self.data_dir / "postgresql.conf").open("a") as conf:
            conf.writelines(f"{name} = {value}\n" for name, value in settings.items())

    def _watch_over(self) -> None:
        """A small process of its own session that stops the server and removes its folder if we
        die without doing it (a killed test run), so no orphan server outlives us."""
        command = [sys.executable, "-c", _WATCHDOG, str(os.getpid()), str(self.bin_dir / "pg_ctl"),
                   str(self.data_dir), str(self.base_dir), *_as_server_user()]
        subprocess.Popen(command, start_new_session=True, stdin=subprocess.DEVNULL,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def _pg_ctl(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        return self._run(self.bin_dir / "pg_ctl", "-D", str(self.data_dir), *args, check=check)

    def _run(self, program: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        command = [*_as_server_user(), str(program), *args]
        result = subprocess.run(command, capture_output=True, text=True, timeout=120)
        if check and result.returncode != 0:
            raise PostgresUnavailable(
                f"{program.name} {args[0] if args else ''} failed ({result.returncode}): "
                f"{(result.stderr or result.stdout).strip()}\n{self.log_tail()}")
        return result


def upgrade(url: str) -> None:
    """Applies the migrations to the database at `url`, leaving no session open on it."""
    from alembic import command
    from sqlalchemy import create_engine
    from sqlalchemy.pool import NullPool

    from sheets_addon.db import alembic_config

    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.begin() as connection:
            config = alembic_config(url)
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    finally:
        engine.dispose()


def find_bin_dir() -> Path:
    """Where initdb, pg_ctl and postgres are: $AZULEJO_POSTGRES_BIN, else Debian's newest version."""
    candidates = [os.environ[BIN_DIR_VARIABLE]] if os.environ.get(BIN_DIR_VARIABLE) else []
    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=_version, reverse=True)
    for candidate in map(Path, candidates):
        if all((candidate / program).is_file() for program in ("initdb", "pg_ctl", "postgres")):
            return candidate
    raise PostgresUnavailable(
        "PostgreSQL's server programs (initdb, pg_ctl, postgres) were not found under "
        f"/usr/lib/postgresql/*/bin nor in ${BIN_DIR_VARIABLE}: run scripts/lib/install-postgres.sh as root")


def _version(path: str) -> float:
    try:
        return float(Path(path).parent.name)
    except ValueError:
        return 0.0


def _as_server_user() -> list[str]:
    """PostgreSQL refuses to run as root: as root, run its programs as the `postgres` account."""
    if os.geteuid() != 0:
        return []
    try:
        pwd.getpwnam(SERVER_USER)
    except KeyError:
        raise PostgresUnavailable(f"running as root and there is no '{SERVER_USER}' account to run "
                                  "PostgreSQL as (Debian's postgresql package creates it)") from None
    return ["runuser", "-u", SERVER_USER, "--"]


def _hand_over(folder: Path) -> None:
    """The server's account owns its folder (and what is in it), when that is not us."""
    if os.geteuid() != 0:
        return
    account = pwd.getpwnam(SERVER_USER)
    for path in [folder, *folder.rglob("*")]:
        os.chown(path, account.pw_uid, account.pw_gid)
