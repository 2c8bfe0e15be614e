"""`flask --app app worker`: keeps the enabled flows running without anyone's browser open.

One process on SQLite, as many as wanted on PostgreSQL (each claims its own flows). It stops
between two flows on SIGTERM or Ctrl-C, so a deploy never cuts a run in half (a run cut anyway
is settled by the ledger, and its lease expires). When the database goes away it waits, retries
and carries on, never exits.
"""
from __future__ import annotations

import logging
import signal
import threading

import click
from flask import Flask
from sqlalchemy.exc import DBAPIError

from sheets_addon.config import current_settings
from sheets_addon.db import get_engine, get_session, reset_session
from sheets_addon.google_access import SheetsClients
from sheets_addon.sync.lease import worker_name
from sheets_addon.sync.work import DatabaseOutage, lost_database, work_due_flows

log = logging.getLogger(__name__)


@click.command("worker")
@click.option("--once", is_flag=True, help="Run what is due now, then exit.")
@click.option("--idle-seconds", type=click.FloatRange(min=0.1), default=None,
              help="How long to wait when nothing is due (a nudge waits at most this long); "
                   "default WORKER_IDLE_SECONDS (0.5).")
def worker_command(once: bool, idle_seconds: float | None) -> None:
    """Run due flows (poll interval elapsed, or nudged) under a lease, recording each run."""
    stop, owner = threading.Event(), worker_name()
    previous = {signum: signal.signal(signum, lambda *_: stop.set()) for signum in (signal.SIGTERM, signal.SIGINT)}
    try:
        _loop(owner, stop, once, idle_seconds)
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _loop(owner: str, stop: threading.Event, once: bool, idle_seconds: float | None) -> None:
    settings = current_settings()
    idle_seconds = settings.WORKER_IDLE_SECONDS if idle_seconds is None else idle_seconds
    log.info("worker started", extra={"worker": owner, "once": once})
    outage = DatabaseOutage(owner)
    while not stop.is_set():
        try:
            outage.recover(get_engine())
            sheets = SheetsClients(settings, get_engine())  # each flow owner's Google access, once per loop
            ran = work_due_flows(get_session(), settings, get_engine(), sheets, owner,
                                 keep_going=lambda: not stop.is_set())
        except DBAPIError as error:
            if not lost_database(error):
                raise
            reset_session()
            if once:
                raise click.ClickException("the database is unreachable") from None
            stop.wait(outage.wait_after(error))
            continue
        if once:
            break
        if not ran:
            stop.wait(idle_seconds)
    log.info("worker stopped", extra={"worker": owner})


def run_in_thread(app: Flask, stop: threading.Event) -> threading.Thread:
    """The worker's loop in a daemon thread of this process, until `stop` is set (the demo runs it
    beside its web server, so a nudged flow runs without a second command)."""
    def work() -> None:
        with app.app_context():
            _loop(worker_name(), stop, once=False, idle_seconds=None)

    thread = threading.Thread(target=work, name="azulejo-worker", daemon=True)
    thread.start()
    return thread


def init_app(app: Flask) -> None:
    app.cli.add_command(worker_command)
