"""Keys generated into the instance folder: gunicorn's workers and the worker may all start at once."""
from __future__ import annotations

import secrets
import time
from multiprocessing import get_context
from pathlib import Path

from sheets_addon.config import instance_secret

PROCESSES = 6


def first_use(path: str, start, answers) -> None:
    """One process's first look at the key, started with the others; generating it takes a while."""
    def slow_key() -> str:
        time.sleep(0.2)  # long enough that every process is past its "is there a key?" look
        return secrets.token_urlsafe(48)

    start.wait()
    try:
        answers.put(instance_secret(Path(path), slow_key))
    except Exception as error:  # noqa: BLE001 - the parent reports what each process got
        answers.put(f"error: {error!r}")


def test_processes_asking_at_once_all_get_the_one_key_kept(tmp_path):
    path = tmp_path / "instance" / "token_encryption_key"
    context = get_context("fork")
    start, answers = context.Barrier(PROCESSES), context.Queue()
    processes = [context.Process(target=first_use, args=(str(path), start, answers)) for _ in range(PROCESSES)]
    for process in processes:
        process.start()
    keys = [answers.get(timeout=30) for _ in processes]
    for process in processes:
        process.join(timeout=30)

    assert set(keys) == {path.read_text()}
    assert len(keys[0]) >= 48 and path.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in path.parent.iterdir()] == ["token_encryption_key"]  # no drafts left behind
