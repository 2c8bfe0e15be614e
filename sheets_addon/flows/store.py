"""Flows in the database, and the portable JSON document they import from and export to.

An import is all or nothing: every entry is checked first, so a typo in the fifth flow never
leaves four half-imported ones behind.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sheets_addon import messages
from sheets_addon.flows.spec import FORMAT_VERSION, FlowSpec, FlowSpecError
from sheets_addon.models import Flow, User


def find_or_create_user(session: Session, email: str) -> User:
    """The user with this e-mail; an operator may set flows up before the person first signs in."""
    email = email.strip().lower()
    user = session.scalar(select(User).where(User.email == email))
    if user is None:
        user = User(email=email)
        session.add(user)
        session.flush()
    return user


def list_flows(session: Session, owner_email: str | None = None) -> list[Flow]:
    query = select(Flow).join(User).order_by(Flow.id)
    if owner_email:
        query = query.where(User.email == owner_email.strip().lower())
    return list(session.scalars(query))


def import_document(session: Session, document: Any, default_owner: str | None = None) -> list[Flow]:
    """Creates (or, given an `id` the owner already has, updates) every flow in the document."""
    entries = _entries(document)
    checked: list[tuple[dict[str, Any], FlowSpec, str]] = []
    problems: list[str] = []
    for position, entry in enumerate(entries, start=1):
        name = entry.get("name", "?") if isinstance(entry, dict) else "?"
        try:
            spec = FlowSpec.from_dict(entry)
        except FlowSpecError as error:
            problems.append(messages.FLOW_ENTRY_INVALID.format(
                position=position, name=name, problems=" ".join(error.problems)))
            continue
        owner = entry.get("owner") or default_owner
        if not isinstance(owner, str) or "@" not in owner:
            problems.append(messages.FLOW_OWNER_REQUIRED.format(name=spec.name))
            continue
        checked.append((entry, spec, owner))
    if problems:
        raise FlowSpecError(problems)
    return [_store(session, entry.get("id"), spec, owner) for entry, spec, owner in checked]


def export_document(flows: Iterable[Flow]) -> dict[str, Any]:
    return {
        "version": FORMAT_VERSION,
        "flows": [{"id": flow.id, "owner": flow.user.email, **spec_of(flow).to_dict()} for flow in flows],
    }


def spec_of(flow: Flow) -> FlowSpec:
    return FlowSpec(
        name=flow.name,
        kind=flow.kind,
        spreadsheet_id=flow.spreadsheet_id,
        worksheet=flow.worksheet,
        trigger_column=flow.trigger_column,
        status_column=flow.status_column,
        mapping=dict(flow.mapping),
        filters=list(flow.filters),
        options=dict(flow.options),
        enabled=flow.enabled,
        columns=list(flow.columns or []),
    )


def apply_spec(flow: Flow, spec: FlowSpec) -> None:
    for name, value in spec.stored_fields().items():
        setattr(flow, name, value)


def _entries(document: Any) -> list[Any]:
    if not isinstance(document, dict) or not isinstance(document.get("flows"), list):
        raise FlowSpecError([messages.FLOW_DOCUMENT_SHAPE])
    version = document.get("version", FORMAT_VERSION)
    if version != FORMAT_VERSION:
        raise FlowSpecError([messages.FLOW_DOCUMENT_VERSION.format(version=version, supported=FORMAT_VERSION)])
    return document["flows"]


def _store(session: Session, flow_id: Any, spec: FlowSpec, owner_email: str) -> Flow:
    owner = find_or_create_user(session, owner_email)
    flow = session.get(Flow, flow_id) if isinstance(flow_id, int) else None
    if flow is None or flow.user_id != owner.id:
        flow = Flow(user_id=owner.id)
        session.add(flow)
    apply_spec(flow, spec)
    session.flush()
    return flow
