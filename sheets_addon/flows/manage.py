"""A user's flows through the API: create, change, switch on and off, each checked by `FlowSpec`.

The routes stay thin: they find the records the user owns and call these; every rule about
what a flow may be lives in `FlowSpec`, and every rule about when it may run lives here.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, object_session

from sheets_addon import messages, spreadsheet_access
from sheets_addon.config import Settings
from sheets_addon.flow_pausing import PAUSED_BY_ACCESS, PAUSED_BY_CONNECTION, PAUSED_BY_GOOGLE
from sheets_addon.flows.spec import FlowSpec
from sheets_addon.flows.store import apply_spec, spec_of
from sheets_addon.google_connections import find_google_connection
from sheets_addon.models import ContaAzulConnection, Flow, User

ACTIVE = "active"


class FlowConflict(Exception):
    """The flow cannot do this now (its connection is not active); the message says why, in Portuguese."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code, self.message = code, message


def user_flows(session: Session, user: User, spreadsheet_id: str | None = None) -> list[Flow]:
    """The user's flows, oldest first; only one spreadsheet's when the sidebar asks from it."""
    query = select(Flow).where(Flow.user_id == user.id).order_by(Flow.id)
    if spreadsheet_id and "\x00" in spreadsheet_id:
        return []  # no stored id holds a NUL (PostgreSQL would refuse even to compare one)
    if spreadsheet_id:
        query = query.where(Flow.spreadsheet_id == spreadsheet_id)
    return list(session.scalars(query))


SheetCheck = Callable[[str], None]  # raises when the person may not have the backend open that spreadsheet


def create_flow(session: Session, user: User, connection: ContaAzulConnection, data: Any,
                check_sheet: SheetCheck, *, max_flows: int | None = None) -> Flow:
    """A new flow of `user` on `connection`; raises `FlowSpecError`, `FlowConflict` (the latter too
    when `user` has `max_flows` flows already: MAX_FLOWS_PER_USER), or what `check_sheet` raises for
    its spreadsheet (checked once the description is valid)."""
    if max_flows is not None:
        _check_room_for_one_more(session, user, max_flows)
    spec = FlowSpec.from_dict(data)
    check_sheet(spec.spreadsheet_id)
    _check_can_run(connection, spec.enabled)
    flow = Flow(user_id=user.id, connection_id=connection.id)
    apply_spec(flow, spec)
    session.add(flow)
    session.commit()
    return flow


def update_flow(session: Session, flow: Flow, data: Any, connection: ContaAzulConnection | None,
                check_sheet: SheetCheck) -> Flow:
    """Replaces the flow's description (and its connection, when given); raises like `create_flow`,
    `check_sheet` asked about the spreadsheet it will read from now on."""
    spec = FlowSpec.from_dict(data)
    check_sheet(spec.spreadsheet_id)
    _check_can_run(connection or flow.connection, spec.enabled)
    if connection is not None:
        flow.connection_id = connection.id
    apply_spec(flow, spec)
    flow.paused_by = None  # the owner said what they want; a connection pause no longer applies
    session.commit()
    return flow


def enable_flow(session: Session, flow: Flow) -> Flow:
    _check_can_run(flow.connection, True)
    flow.enabled, flow.paused_by = True, None
    session.commit()
    return flow


def pause_flow(session: Session, flow: Flow) -> Flow:
    """Paused by its owner: reconnecting Conta Azul does not resume it."""
    flow.enabled, flow.paused_by = False, None
    session.commit()
    return flow


def delete_flow(session: Session, flow: Flow) -> None:
    session.delete(flow)
    session.commit()


def flow_json(flow: Flow, settings: Settings) -> dict[str, Any]:
    """The flow as the API shows it: its description plus what the backend knows about it."""
    return {"id": flow.id, "connection_id": flow.connection_id, **spec_of(flow).to_dict(),
            "paused_by": flow.paused_by, "paused_reason": paused_reason(flow, settings),
            "created_at": flow.created_at.isoformat(), "updated_at": flow.updated_at.isoformat()}


def paused_reason(flow: Flow, settings: Settings) -> str | None:
    """Why a flow paused on its owner's behalf waits, in Portuguese; None when running or paused by them."""
    session = object_session(flow)
    if flow.paused_by == PAUSED_BY_ACCESS:
        return spreadsheet_access.refusal_reason(
            settings, spreadsheet_access.find(session, flow.user_id, flow.spreadsheet_id))
    if flow.paused_by == PAUSED_BY_CONNECTION and flow.connection is not None:
        return flow.connection.status_reason
    if flow.paused_by == PAUSED_BY_GOOGLE:
        google = find_google_connection(session, flow.user_id)
        return google.status_reason if google is not None else None
    return None


def _check_room_for_one_more(session: Session, user: User, max_flows: int) -> None:
    """The cap on a person's flows, paused ones included (switching on is one call). On PostgreSQL the
    person's row is locked until the flow is stored, so requests racing at the cap cannot both pass."""
    session.execute(select(User.id).where(User.id == user.id).with_for_update())
    count = session.scalar(select(func.count()).select_from(Flow).where(Flow.user_id == user.id))
    if count >= max_flows:
        raise FlowConflict("flow_limit_reached", messages.FLOW_LIMIT_REACHED.format(limit=max_flows))


def _check_can_run(connection: ContaAzulConnection | None, enabled: bool) -> None:
    if enabled and (connection is None or connection.status != ACTIVE):
        raise FlowConflict("connection_not_active", messages.FLOW_CONNECTION_NOT_ACTIVE)
    google = find_google_connection(object_session(connection), connection.user_id) if enabled else None
    if google is not None and google.status != ACTIVE:  # the owner's own Google consent was refused
        raise FlowConflict("google_reconnect_needed", messages.GOOGLE_REFRESH_REFUSED)
