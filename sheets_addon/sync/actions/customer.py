"""Customers (`/v1/pessoas`): created, or updated when their CPF/CNPJ or e-mail is known.

An update PATCHes only the fields the row maps and fills, so a blank or unmapped cell never
erases what Conta Azul has; an address is laid over the existing one. Repeating an update is
harmless, so recovery only looks for a customer this row *created*: found by its CPF/CNPJ,
e-mail or exact name, with the row's marker in its notes.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import asdict, replace
from typing import Any

from sheets_addon.mapping import CustomerDraft
from sheets_addon.mapping.drafts import Address

from .. import messages as msg
from .base import BaseAction, Intent
from .context import ActionContext, with_marker
from .outcomes import Created, Prepared, RowFailure, column_of
from .people import PROFILES, as_row, carries_marker, find_person, identity, people_by, remember_person
from .references import Ref

FIELDS = {  # draft attribute -> Conta Azul field (document and address are handled apart)
    "name": "nome", "person_type": "tipo_pessoa", "trade_name": "nome_fantasia", "email": "email",
    "mobile_phone": "telefone_celular", "phone": "telefone_comercial", "code": "codigo",
    "active": "ativo", "notes": "observacao",
}
ADDRESS = {"cep": "cep", "street": "logradouro", "number": "numero", "complement": "complemento",
           "district": "bairro", "city": "cidade", "state": "estado"}
ADDRESS_KEYS = {"cep", "street", "street_number", "complement", "district", "city", "state"}
CLIENT = PROFILES["client"]


class CustomerAction(BaseAction):
    kind = "customer"

    def prepare(self, draft: CustomerDraft, columns: Mapping[str, str],
                ctx: ActionContext) -> Prepared | RowFailure:
        """As for every kind; a dry run also says which existing customer would be updated."""
        prepared = super().prepare(draft, columns, ctx)
        if isinstance(prepared, Prepared) and prepared.refs["existing"]:
            noun = msg.PERSON_NOUNS["client"]
            return replace(prepared, planned=(msg.will_update(noun, prepared.refs["existing"]["nome"]),))
        return prepared

    def resolve(self, draft: CustomerDraft, columns: Mapping[str, str], ctx: ActionContext) -> dict[str, Any]:
        """The existing customer, by CPF/CNPJ then e-mail (a name alone is not enough here)."""
        noun = msg.PERSON_NOUNS["client"]
        existing = find_person(ctx, draft.lookup_keys(), draft.document, noun, column_of(columns, "name"), "client")
        refs: dict[str, Any] = {"existing": existing,
                                "person": Ref(existing["id"] if existing else None, draft.name, noun)}
        if existing and draft.address:
            refs["addresses"] = ctx.client.people.get(existing["id"]).get("enderecos") or []
        return refs

    def intent(self, prepared: Prepared, row_key: str, ctx: ActionContext) -> Intent:
        """The keys that find the customer again, and whether this row updates an existing one."""
        draft: CustomerDraft = prepared.draft
        existing = prepared.refs["existing"]
        return {**self.base_intent(row_key, ctx),
                "document": draft.document.number if draft.document else None, "email": draft.email,
                "name": draft.name, "person_id": existing["id"] if existing else None}

    def payload(self, prepared: Prepared, intent: Mapping[str, Any]) -> dict[str, Any]:
        """The POST body of a new customer, or the PATCH body of an existing one."""
        if prepared.refs["existing"]:
            return changes(prepared)
        draft: CustomerDraft = prepared.draft
        body = {**identity(draft.name, draft.document, draft.email), **values(draft, FIELDS),
                "perfis": [{"tipo_perfil": CLIENT}], "observacao": with_marker(draft.notes, intent["marker"])}
        if draft.address:
            body["enderecos"] = [address(draft.address)]
        return body

    def send(self, prepared: Prepared, intent: Mapping[str, Any], ctx: ActionContext) -> Created:
        existing, body = prepared.refs["existing"], self.payload(prepared, intent)
        if existing:
            if body:
                ctx.client.people.update(existing["id"], body)
            return Created(msg.CUSTOMER, str(existing["id"]), None, msg.CUSTOMER_UPDATED)
        created = as_row(ctx.client.people.create(body))
        remember_person(ctx, prepared.draft.lookup_keys(), created)
        return Created(msg.CUSTOMER, str(created["id"]), None, msg.CUSTOMER_CREATED)

    def look_up(self, intent: Mapping[str, Any], ctx: ActionContext) -> Created | None:
        if intent.get("person_id"):
            return None  # an update: sending it again is harmless
        for kind in ("document", "email", "name"):
            people = people_by(ctx, kind, intent[kind], "client") if intent.get(kind) else []
            if people:
                mine = [p for p in people if carries_marker(ctx, str(p["id"]), intent["marker"])]
                return Created(msg.CUSTOMER, str(mine[0]["id"]), None, msg.CUSTOMER_CREATED) if mine else None
        return None


def changes(prepared: Prepared) -> dict[str, Any]:
    """What the row says, field by field, for the columns it maps and fills."""
    draft: CustomerDraft = prepared.draft
    mapped = set(prepared.columns)
    body = values(draft, {key: field for key, field in FIELDS.items() if key in mapped})
    if draft.document and "document" in mapped:
        body.update(identity(None, draft.document, None))
    if draft.address and mapped & ADDRESS_KEYS:
        current = (prepared.refs.get("addresses") or [{}])[0]
        body["enderecos"] = [{**current, **address(draft.address)}]
    profiles = list(prepared.refs["existing"].get("perfis") or [])
    if CLIENT not in profiles:
        body["perfis"] = [{"tipo_perfil": profile} for profile in [*profiles, CLIENT]]
    return body


def values(draft: CustomerDraft, fields: Mapping[str, str]) -> dict[str, Any]:
    return {field: getattr(draft, key) for key, field in fields.items() if getattr(draft, key) is not None}


def address(parts: Address) -> dict[str, Any]:
    """An `enderecos` entry from the parts the row filled."""
    filled: Iterable[tuple[str, Any]] = ((ADDRESS[key], value) for key, value in asdict(parts).items())
    return {field: value for field, value in filled if value is not None}
