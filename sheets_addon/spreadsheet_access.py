"""Whether the backend may open a spreadsheet for a person: only while Google has shown, recently,
that this person can edit it.

A spreadsheet id is in every sheet's URL, so viewers, strangers and former employees know it, and the
service account can open every sheet any customer ever shared with it: an id the caller sends proves
nothing. What does: a value only an editor can write (`editor_proof`), written into the spreadsheet
by the person, as the person:
- with the **service account**, the person's add-on, running as them inside the spreadsheet, writes
  the value the backend issued to them, and the backend reads it back as the service account;
- with the person's **own Google consent**, the backend writes it itself, with their credentials, and
  Google refuses the write to anyone who cannot edit.
A proof holds `SPREADSHEET_ACCESS_MAX_AGE_SECONDS`: someone removed as an editor cannot renew it, so
their flows pause once it runs out (with their own consent the backend renews it itself, and
Google's refusal pauses them at once). Every path that opens a sheet for a person asks `require`
first: spreadsheet info, creating or changing a flow, preview, run now, the worker's runs.
"""
from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any

from gspread.exceptions import APIError
from sqlalchemy import and_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from sheets_addon import developer_metadata, editor_proof, messages
from sheets_addon.config import Settings
from sheets_addon.editor_proof import Challenge
from sheets_addon.flow_pausing import PAUSED_BY_ACCESS, pause_flows_where, resume_flows_where
from sheets_addon.google_access import USER, SheetsClients, google_access
from sheets_addon.models import Flow, SpreadsheetAccess, User, utcnow

ADD_ON, OWN_GOOGLE = "add_on", "own_google"  # who wrote the proof: the person's add-on, or the backend as them
UNPROVEN, NOT_EDITABLE = "spreadsheet_access_unproven", "spreadsheet_not_editable"
_REFUSED_BY_GOOGLE = (403, 404)
log = logging.getLogger(__name__)


class SpreadsheetAccessRefused(Exception):
    """The person has not shown recently that they can edit the spreadsheet: `code` for the API,
    `message` (Portuguese) for them."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(code)
        self.code, self.message = code, message


def challenge(settings: Settings, user_id: int, spreadsheet_id: str, now: datetime) -> Challenge:
    """The value the person's add-on writes into the spreadsheet's developer metadata."""
    return editor_proof.issue(settings.SECRET_KEY, user_id, spreadsheet_id, now)


def writes_itself(session: Session, settings: Settings, user_id: int) -> bool:
    """Whether the backend proves this person's access itself (their own Google consent), so their
    add-on need not write anything."""
    return google_access(session, settings, user_id).mode == USER


def prove(session: Session, settings: Settings, clients: SheetsClients, user_id: int, spreadsheet_id: str,
          now: datetime) -> SpreadsheetAccess:
    """Asks Google now whether the person can edit the spreadsheet; records and returns the proof, or
    raises `SpreadsheetAccessRefused`. The caller commits."""
    if writes_itself(session, settings, user_id):
        proved_at = _write_as_person(session, settings, clients, user_id, spreadsheet_id, now)
        return _record_proof(session, user_id, spreadsheet_id, proved_at, OWN_GOOGLE)
    proved_at = _read_back(session, settings, clients, user_id, spreadsheet_id, now)
    return _record_proof(session, user_id, spreadsheet_id, proved_at, ADD_ON)


def require(session: Session, settings: Settings, clients: SheetsClients, user_id: int, spreadsheet_id: str,
            now: datetime) -> None:
    """Returns when the person's proof is recent enough, renewing it first when the backend can (their
    own consent); raises `SpreadsheetAccessRefused` otherwise."""
    record = find(session, user_id, spreadsheet_id)
    if is_fresh(settings, record, now):
        return
    if writes_itself(session, settings, user_id):
        prove(session, settings, clients, user_id, spreadsheet_id, now)
        session.commit()
        return
    raise SpreadsheetAccessRefused(UNPROVEN, refusal_reason(settings, record)
                                   if record is not None and record.proved_at is not None else
                                   _unproven_message(session, settings, user_id))


def is_fresh(settings: Settings, record: SpreadsheetAccess | None, now: datetime) -> bool:
    return (record is not None and record.proved_at is not None
            and record.proved_at > now - timedelta(seconds=settings.SPREADSHEET_ACCESS_MAX_AGE_SECONDS))


def expires_at(settings: Settings, record: SpreadsheetAccess | None) -> datetime | None:
    if record is None or record.proved_at is None:
        return None
    return record.proved_at + timedelta(seconds=settings.SPREADSHEET_ACCESS_MAX_AGE_SECONDS)


def find(session: Session, user_id: int, spreadsheet_id: str) -> SpreadsheetAccess | None:
    return session.scalar(select(SpreadsheetAccess).where(SpreadsheetAccess.user_id == user_id,
                                                          SpreadsheetAccess.spreadsheet_id == spreadsheet_id))


def pause_unproven(session: Session, settings: Settings, user_id: int, spreadsheet_id: str) -> int:
    """Pauses the person's running flows on the spreadsheet until they prove access again; how many.
    The reason they read is kept with the access record. The caller commits."""
    record = _record(session, user_id, spreadsheet_id)
    if record.refused_reason is None:
        record.refused_reason = refusal_reason(settings, record)
    return pause_flows_where(session, _flows_of(user_id, spreadsheet_id), PAUSED_BY_ACCESS)


def refusal_reason(settings: Settings, record: SpreadsheetAccess | None) -> str:
    """Why the person's flows on the spreadsheet wait: Google's refusal, an old proof, or none yet."""
    if record is not None and record.refused_reason:
        return record.refused_reason
    if record is not None and record.proved_at is not None:
        return messages.ACCESS_EXPIRED.format(period=_period(settings.SPREADSHEET_ACCESS_MAX_AGE_SECONDS))
    return messages.ACCESS_NEVER_PROVED


def access_json(settings: Settings, record: SpreadsheetAccess | None, now: datetime) -> dict[str, Any]:
    """The person's proof for the API: whether it holds now, since and until when, and how."""
    return {"proved": is_fresh(settings, record, now),
            "proved_at": record.proved_at.isoformat() if record and record.proved_at else None,
            "expires_at": _iso(expires_at(settings, record)),
            "method": record.method if record else None,
            "refused_reason": record.refused_reason if record else None}


def _write_as_person(session: Session, settings: Settings, clients: SheetsClients, user_id: int,
                     spreadsheet_id: str, now: datetime) -> datetime:
    """Writes the person's value with their own credentials: Google refuses it to anyone who cannot edit."""
    issued = challenge(settings, user_id, spreadsheet_id, now)
    try:
        developer_metadata.put(clients.for_user(user_id), spreadsheet_id, issued.key, issued.value,
                               editor_proof.VISIBILITY, clients.retry)
    except APIError as error:
        if error.code not in _REFUSED_BY_GOOGLE:
            raise
        account = google_access(session, settings, user_id).account or ""
        _refuse(session, user_id, spreadsheet_id, messages.ACCESS_NOT_EDITABLE.format(account=account))
        raise SpreadsheetAccessRefused(NOT_EDITABLE, messages.ACCESS_NOT_EDITABLE.format(account=account)) from None
    return issued.issued_at


def _read_back(session: Session, settings: Settings, clients: SheetsClients, user_id: int, spreadsheet_id: str,
               now: datetime) -> datetime:
    """Reads, as the service account (counted against the person's share of its minute), the value the
    person's add-on wrote; the newest fresh one of theirs.

    A spreadsheet the service account cannot open answers like one without the value: to someone who
    is not an editor, the backend tells nothing about a sheet, not even whether it is shared with it.
    """
    key = editor_proof.metadata_key(settings.SECRET_KEY, user_id)
    try:
        found = developer_metadata.entries(clients.for_user(user_id), spreadsheet_id, key, clients.retry)
    except APIError as error:
        if error.code not in _REFUSED_BY_GOOGLE:
            raise
        found = []
    issued = [editor_proof.issued_at(settings.SECRET_KEY, user_id, spreadsheet_id, entry.get("metadataValue"), now)
              for entry in found]
    fresh = [moment for moment in issued if moment is not None]
    if not fresh:
        log.info("spreadsheet access not proven", extra={"user_id": user_id, "entries": len(found)})
        raise SpreadsheetAccessRefused(UNPROVEN, _unproven_message(session, settings, user_id))
    return max(fresh)


def _record_proof(session: Session, user_id: int, spreadsheet_id: str, proved_at: datetime,
                  method: str) -> SpreadsheetAccess:
    """Keeps the proof (the value's issue time: the write happened after it) and resumes the flows an
    old or missing proof paused."""
    record = _record(session, user_id, spreadsheet_id)
    if record.proved_at is None or proved_at > record.proved_at:
        record.proved_at = proved_at
    record.method, record.refused_at, record.refused_reason = method, None, None
    resumed = resume_flows_where(session, _flows_of(user_id, spreadsheet_id), PAUSED_BY_ACCESS)
    if resumed:
        session.execute(update(Flow).where(_flows_of(user_id, spreadsheet_id), Flow.enabled.is_(True))
                        .values(next_run_at=None))  # it waited long enough: at the worker's next look
    log.info("spreadsheet access proved", extra={"user_id": user_id, "method": method, "flows_resumed": resumed})
    return record


def _refuse(session: Session, user_id: int, spreadsheet_id: str, reason: str) -> None:
    """Google said the person cannot edit: the old proof no longer counts, and their flows there pause."""
    record = _record(session, user_id, spreadsheet_id)
    record.proved_at, record.refused_at, record.refused_reason = None, utcnow(), reason
    paused = pause_flows_where(session, _flows_of(user_id, spreadsheet_id), PAUSED_BY_ACCESS)
    session.commit()
    log.warning("spreadsheet access refused by google: flows paused", extra={"user_id": user_id, "flows_paused": paused})


def _record(session: Session, user_id: int, spreadsheet_id: str) -> SpreadsheetAccess:
    """The person's record for the spreadsheet, made when missing (two requests at once make one)."""
    record = find(session, user_id, spreadsheet_id)
    if record is not None:
        return record
    record = SpreadsheetAccess(user_id=user_id, spreadsheet_id=spreadsheet_id)
    session.add(record)
    try:
        session.flush()
    except IntegrityError:  # the same person's other request made it a moment ago
        session.rollback()
        record = find(session, user_id, spreadsheet_id)
    return record


def _flows_of(user_id: int, spreadsheet_id: str):
    return and_(Flow.user_id == user_id, Flow.spreadsheet_id == spreadsheet_id)


def _unproven_message(session: Session, settings: Settings, user_id: int) -> str:
    account = google_access(session, settings, user_id).account or messages.SPREADSHEET_ACCOUNT_FALLBACK
    return messages.ACCESS_UNPROVEN.format(account=account)


def _period(seconds: int) -> str:
    """"24 h", "30 min", "6 s": how often access is checked, as a person reads it."""
    for unit, size in (("h", 3600), ("min", 60)):
        if seconds >= size and seconds % size == 0:
            return f"{seconds // size} {unit}"
    return f"{seconds} s"


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def forget(session: Session, spreadsheet_id: str, email: str | None = None) -> int:
    """Drops the proofs for a spreadsheet (one person's, given `email`): each person must prove again,
    which someone removed as an editor cannot, so their flows there pause at their next run. For an
    operator cutting someone off before their proof would run out. The caller commits; how many."""
    query = update(SpreadsheetAccess).where(SpreadsheetAccess.spreadsheet_id == spreadsheet_id,
                                            SpreadsheetAccess.proved_at.is_not(None))
    if email is not None:
        query = query.where(SpreadsheetAccess.user_id.in_(
            select(User.id).where(User.email == email.strip().lower())))
    return session.execute(query.values(proved_at=None)).rowcount
