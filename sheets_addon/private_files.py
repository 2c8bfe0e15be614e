"""The backend's own files: readable and writable by the backend's user only.

The instance folder holds the key that signs sessions and the key that decrypts every company's
tokens; the SQLite database holds those tokens. Each is created private (the folder 0700, files
0600, whatever the umask), and one found more open at start is tightened, with a log line saying
so, or a warning when that fails (say, a folder owned by another user). SQLite creates its `-wal`,
`-shm` and `-journal` files with the database file's mode, so a private database keeps them private.
"""
from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

from sqlalchemy.engine import make_url

FOLDER_MODE = 0o700
FILE_MODE = 0o600
SQLITE_COMPANIONS = ("-wal", "-shm", "-journal")
log = logging.getLogger(__name__)


def keep_instance_private(folder: Path) -> None:
    """The instance folder 0700 and every file in it 0600: made so, or tightened."""
    folder.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)  # parents made above it keep the umask's mode
    tighten(folder, FOLDER_MODE)
    for entry in folder.iterdir():
        if entry.is_file() and not entry.is_symlink():
            tighten(entry, FILE_MODE)


def keep_sqlite_private(database_url: str) -> None:
    """A SQLite database file made 0600 before SQLite makes it 0644 (an empty file is an empty
    database to SQLite); an existing one and its journals tightened. Other engines: nothing to do."""
    url = make_url(database_url)
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:") or url.query.get("uri"):
        return
    database = Path(url.database)
    database.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.close(os.open(database, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE))
    except FileExistsError:
        pass
    for path in (database, *(database.with_name(database.name + suffix) for suffix in SQLITE_COMPANIONS)):
        if path.exists():
            tighten(path, FILE_MODE)


def tighten(path: Path, mode: int) -> None:
    """Takes away whatever `mode` does not allow; says so, or warns when it cannot."""
    was = stat.S_IMODE(path.stat().st_mode)
    if not was & ~mode:
        return
    try:
        os.chmod(path, was & mode)
    except OSError as error:
        log.warning("private path left open: could not tighten it", extra={
            "path": str(path), "mode": f"{was:04o}", "wanted": f"{was & mode:04o}", "error": error.strerror})
        return
    log.warning("private path tightened", extra={"path": str(path), "mode_was": f"{was:04o}",
                                                 "mode": f"{was & mode:04o}"})
