"""Holding a flow's lease while it runs: who may run it, and for how long.

Every real run of a flow, by a worker or by a person (run-now, `sync once`), runs under the
flow's lease (`scheduling.claim`/`claim_next`), so no flow ever runs twice at once. A run keeps
its lease alive with a `Heartbeat` while it goes on, however long it takes; a worker that died
stops beating, and its lease expires `WORKER_LEASE_SECONDS` later.

A person's run (`manual_lease`) cannot wait that long behind a run that was killed on this very
machine (`sync once` cut short by Ctrl-C or SIGKILL): a lease whose owner named this host and a
process that no longer exists here is taken over at once. Owners are `host:pid:space-tag`, so that
is knowable: `space` tells which processes a pid names (the boot and the PID namespace), so two
containers sharing a hostname never judge each other's processes by their own. A lease held by
another machine or container is only ever taken over once it has expired.
"""
from __future__ import annotations

import hashlib
import logging
import os
import socket
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError

from sheets_addon.models import utcnow
from sheets_addon.sync.scheduling import claim, extend_lease, lease_holder, release_leases, take_lease_from

log = logging.getLogger(__name__)


class FlowBusy(Exception):
    """Someone else (`holder`, a worker or another person's run) is running this flow right now."""

    def __init__(self, flow_id: int, holder: str) -> None:
        super().__init__(f"flow {flow_id} is running right now under {holder}")
        self.flow_id, self.holder = flow_id, holder


def worker_name() -> str:
    """Unique per process (and per manual run), readable in the logs and the `lease_owner` column."""
    return f"{socket.gethostname()}:{os.getpid()}:{process_space()}-{uuid.uuid4().hex[:8]}"


@cache
def process_space() -> str:
    """Where a pid means this process's neighbours: this boot of the kernel and this PID namespace."""
    boot_id, namespace = "", ""
    try:
        boot_id = Path("/proc/sys/kernel/random/boot_id").read_text().strip()
        namespace = str(os.stat("/proc/self/ns/pid").st_ino)
    except OSError:
        pass  # no /proc: the hostname alone tells the machine
    return hashlib.sha256(f"{boot_id}:{namespace}".encode()).hexdigest()[:8]


def owner_gone(owner: str) -> bool:
    """Whether `owner` named a process of this host that no longer exists: its runs are over."""
    host, _, rest = owner.partition(":")
    pid_text, _, tag = rest.partition(":")
    if host != socket.gethostname() or not tag.startswith(f"{process_space()}-") or not pid_text.isdigit():
        return False  # another machine's or container's process, or a name we did not make: only expiry frees it
    try:
        os.kill(int(pid_text), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False  # a process of someone else's: it exists
    return False


class Heartbeat:
    """Extends `owner`'s lease on a flow every `lease_seconds / 3` from a small thread, while the lease
    is still ours; `held()` turns False once another owner took it (ours had expired), and the run
    stops at its next safe point rather than go on beside the new owner.

    A beat that cannot reach the database is tried again at the next one: the lease has two beats'
    worth of time left, and a database gone for longer ends the run anyway.
    """

    def __init__(self, engine: Engine, flow_id: int, owner: str, lease_seconds: int) -> None:
        self.engine, self.flow_id, self.owner, self.lease_seconds = engine, flow_id, owner, lease_seconds
        self._stop, self._lost = threading.Event(), threading.Event()
        self._thread = threading.Thread(target=self._beat, name=f"azulejo-lease-{flow_id}", daemon=True)

    def held(self) -> bool:
        return not self._lost.is_set()

    def _beat(self) -> None:
        while not self._stop.wait(self.lease_seconds / 3):
            try:
                kept = extend_lease(self.engine, self.flow_id, self.owner, utcnow(), self.lease_seconds)
            except DBAPIError as error:
                log.warning("lease heartbeat failed", extra={"flow_id": self.flow_id, "worker": self.owner,
                                                             "error_type": type(error.orig or error).__name__})
                continue
            if not kept:
                self._lost.set()
                log.warning("lease lost: the run stops at its next safe point",
                            extra={"flow_id": self.flow_id, "worker": self.owner})
                return

    def __enter__(self) -> Heartbeat:
        self._thread.start()
        return self

    def __exit__(self, *_exc) -> None:
        self._stop.set()
        self._thread.join()


@contextmanager
def manual_lease(engine: Engine, flow_id: int, lease_seconds: int) -> Iterator[Heartbeat]:
    """The flow's lease for a person's run, kept alive while it goes on and given back after.

    Raises `FlowBusy` when a live run holds it. Only the lease is given back: the schedule, the
    failure count and any pending nudge stay as they were, so a manual run is one run more,
    never one the worker skips.
    """
    owner = worker_name()
    if not _claim_manual(engine, flow_id, owner, lease_seconds):
        raise FlowBusy(flow_id, lease_holder(engine, flow_id, utcnow()) or "another run")
    try:
        with Heartbeat(engine, flow_id, owner, lease_seconds) as heartbeat:
            yield heartbeat
    finally:
        release_leases(engine, owner)


def _claim_manual(engine: Engine, flow_id: int, owner: str, lease_seconds: int) -> bool:
    now = utcnow()
    if claim(engine, flow_id, owner, now, lease_seconds=lease_seconds):
        return True
    holder = lease_holder(engine, flow_id, now)
    if holder is None:  # freed between the two looks
        return claim(engine, flow_id, owner, now, lease_seconds=lease_seconds)
    if owner_gone(holder) and take_lease_from(engine, flow_id, holder, owner, now, lease_seconds=lease_seconds):
        log.info("lease taken over from a process gone from this host",
                 extra={"flow_id": flow_id, "worker": owner, "previous_owner": holder})
        return True
    return False
