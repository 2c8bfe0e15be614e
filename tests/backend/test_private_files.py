"""The instance folder (keys, SQLite database) is the backend's user's only: created 0700 with its
files 0600 under the usual umask of 022, and tightened at start when found more open."""
from __future__ import annotations

import logging
import os
import sqlite3
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from app import create_app
from sheets_addon.config import current_settings
from sheets_addon.db import get_engine, upgrade_database


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def instance(tmp_path, monkeypatch) -> Iterator[Path]:
    """A fresh instance folder, under the umask most systems give a service (022)."""
    folder = tmp_path / "state" / "instance"
    monkeypatch.setenv("AZULEJO_INSTANCE_PATH", str(folder))
    previous = os.umask(0o022)
    try:
        yield folder
    finally:
        os.umask(previous)


def test_a_fresh_instance_folder_its_keys_and_its_database_are_private(instance):
    app = create_app({"TESTING": True})
    with app.app_context():
        upgrade_database()
        current_settings().token_encryption_key()
        with get_engine().connect() as connection:  # WAL: the journals exist while a connection is open
            connection.execute(text("SELECT count(*) FROM users"))
            files = {path.name: mode(path) for path in instance.iterdir()}

    assert mode(instance) == 0o700
    assert {"secret_key", "token_encryption_key", "azulejo.db", "azulejo.db-wal", "azulejo.db-shm"} <= set(files)
    assert files == dict.fromkeys(files, 0o600)


def test_a_database_outside_the_instance_folder_is_made_private_too(instance, tmp_path):
    elsewhere = tmp_path / "data" / "azulejo.db"
    app = create_app({"TESTING": True, "DATABASE_URL": f"sqlite:///{elsewhere}"})
    with app.app_context():
        upgrade_database()
    with sqlite3.connect(elsewhere) as connection:  # another process, as `sqlite3` run by an operator
        connection.execute("PRAGMA journal_mode=WAL")
        journals = [elsewhere.with_name(elsewhere.name + suffix) for suffix in ("-wal", "-shm")]
        assert [mode(path) for path in (elsewhere, *journals)] == [0o600] * 3


def test_an_instance_found_too_open_is_tightened_at_start_and_says_so(instance, caplog):
    create_app({"TESTING": True})  # keys and database made, then opened up as a careless copy would
    database = instance / "azulejo.db"
    database.touch()
    for path, loose in ((instance, 0o755), (instance / "secret_key", 0o644), (database, 0o664)):
        path.chmod(loose)
    (instance / "azulejo.db-wal").write_bytes(b"")
    (instance / "azulejo.db-wal").chmod(0o644)

    with caplog.at_level(logging.WARNING, logger="sheets_addon.private_files"):
        create_app({"TESTING": True})

    assert mode(instance) == 0o700
    assert [mode(instance / name) for name in ("secret_key", "azulejo.db", "azulejo.db-wal")] == [0o600] * 3
    told = {(record.getMessage(), record.path, record.mode_was, record.mode) for record in caplog.records}
    assert ("private path tightened", str(instance), "0755", "0700") in told
    assert ("private path tightened", str(instance / "secret_key"), "0644", "0600") in told
    assert ("private path tightened", str(database), "0664", "0600") in told
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="sheets_addon.private_files"):
        create_app({"TESTING": True})
    assert caplog.records == []  # private already: nothing to say


def test_what_cannot_be_tightened_is_a_warning_and_the_start_goes_on(instance, caplog, monkeypatch):
    create_app({"TESTING": True})
    instance.chmod(0o755)

    def refused(path, mode):  # as for a folder owned by another user
        raise PermissionError(1, "Operation not permitted", str(path))

    monkeypatch.setattr(os, "chmod", refused)
    with caplog.at_level(logging.WARNING, logger="sheets_addon.private_files"):
        app = create_app({"TESTING": True})

    assert app is not None and mode(instance) == 0o755
    [warning] = [r for r in caplog.records if r.path == str(instance)]
    assert warning.getMessage() == "private path left open: could not tighten it"
    assert (warning.levelname, warning.mode, warning.wanted, warning.error) == \
        ("WARNING", "0755", "0700", "Operation not permitted")
