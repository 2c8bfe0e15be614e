"""Flows paused on their owner's behalf when an access they need stops working, and resumed when it
works again: a Conta Azul connection (`connection`), the owner's own Google consent (`google`) or
the owner's proof that they can edit the spreadsheet (`spreadsheet_access`).

Each pause is marked with what caused it, so that reconnecting resumes exactly those flows and
never one its owner paused (`paused_by` empty).
"""
from __future__ import annotations

from sqlalchemy import ColumnElement, update
from sqlalchemy.orm import Session

from sheets_addon.models import Flow

PAUSED_BY_CONNECTION = "connection"
PAUSED_BY_GOOGLE = "google"
PAUSED_BY_ACCESS = "spreadsheet_access"  # the owner's proof of editing the sheet ran out or Google refused it


def pause_flows_where(session: Session, which: ColumnElement[bool], paused_by: str) -> int:
    """Pauses the running flows `which` selects, marked `paused_by`; how many."""
    paused = session.execute(update(Flow).where(which, Flow.enabled.is_(True))
                             .values(enabled=False, paused_by=paused_by))
    return paused.rowcount


def resume_flows_where(session: Session, which: ColumnElement[bool], paused_by: str) -> int:
    """Resumes the flows `which` selects that `paused_by` paused; flows their owner paused stay so."""
    resumed = session.execute(update(Flow).where(which, Flow.paused_by == paused_by)
                              .values(enabled=True, paused_by=None))
    return resumed.rowcount
