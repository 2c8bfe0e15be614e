"""Finding and creating people: a sale's or contract's client, a bill's supplier or client,
and the customers of customer rows.

A person is found by CPF/CNPJ, then e-mail, then exact name, each asked once per cycle. A
candidate found by e-mail or name whose CPF/CNPJ differs from the row's is someone else and is
passed over. A new person gets the profile the record needs ("Cliente" or "Fornecedor"); an
existing one keeps its profiles, since Conta Azul takes any person as a bill's contact. So every
lookup asks for every profile (Conta Azul's search would otherwise keep to clients), the one the
record needs first: a person already there costs one request, a new one one per profile and key.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from contaazul import ValidationError
from contaazul.resources.base import document_key, exact_text
from contaazul.resources.people import PROFILES as ALL_PROFILES
from sheets_addon.mapping.drafts import Party
from sheets_addon.mapping.parsers import Document

from .. import messages as msg
from .context import ActionContext, has_marker
from .outcomes import RowProblem, column_of
from .references import Record, Ref, ref_of

PROFILES = {"client": "Cliente", "supplier": "Fornecedor"}
LookupKeys = Sequence[tuple[str, str]]


def resolve_party(party: Party, role: str, columns: Mapping[str, str], ctx: ActionContext) -> Ref:
    """Find-or-create the row's client or supplier (`role`); only planned in a dry run."""
    noun = msg.PERSON_NOUNS[role]
    name_column = column_of(columns, f"{role}_name")
    found = find_person(ctx, party.lookup_keys(), party.document, noun, name_column, role)
    if found is not None:
        return ref_of(found)
    if not party.name:
        raise RowProblem(msg.person_needs_name(noun, name_column), name_column)
    if ctx.dry_run:
        return Ref(None, party.name, noun)
    body = {**identity(party.name, party.document, party.email),
            "perfis": [{"tipo_perfil": PROFILES[role]}], "observacao": msg.side_created_note(ctx.flow_id)}
    try:
        created = as_row(ctx.client.people.create(body))
    except ValidationError:
        # Conta Azul keeps one person per CPF/CNPJ: another worker (or someone in Conta Azul) may
        # have created this one since we looked. Then it is the person we want.
        created = created_meanwhile(ctx, party.document, role)
        if created is None:
            raise
    remember_person(ctx, party.lookup_keys(), created)
    return ref_of(created)


def created_meanwhile(ctx: ActionContext, document: Document | None, role: str) -> Record | None:
    """The person with this CPF/CNPJ, asked anew (not from the cycle's cache)."""
    return ctx.client.people.find_by_document(document.number, profiles=profiles_for(role)) if document else None


def find_person(ctx: ActionContext, keys: LookupKeys, document: Document | None,
                noun: str, name_column: str, role: str) -> Record | None:
    """The one person the keys point to, trying them in order; ambiguous names are refused."""
    for kind, value in keys:
        candidates = ctx.cache.fetch(person_key(kind, value), lambda: people_by(ctx, kind, value, role))
        candidates = [c for c in candidates if same_document(c, document)]
        if len(candidates) > 1:
            raise RowProblem(msg.person_ambiguous(noun, value, len(candidates), name_column), name_column)
        if candidates:
            return candidates[0]
    return None


def people_by(ctx: ActionContext, kind: str, value: str, role: str) -> list[Record]:
    """Everyone matching one lookup key ("document", "email" or "name"), of any profile;
    `role`'s profile is asked for first, as the likeliest."""
    people = ctx.client.people
    if kind == "name":
        return people.find_by_name(value)
    find = people.find_by_document if kind == "document" else people.find_by_email
    found = find(value, profiles=profiles_for(role))
    return [found] if found else []


def profiles_for(role: str) -> tuple[str, ...]:
    """Every profile, the one of `role` ("client" or "supplier") first."""
    return (PROFILES[role], *(profile for profile in ALL_PROFILES if profile != PROFILES[role]))


def person_key(kind: str, value: str) -> tuple[str, str, str]:
    normal = {"document": document_key(value), "email": value.strip().lower()}.get(kind, exact_text(value))
    return ("person", kind, normal)


def remember_person(ctx: ActionContext, keys: LookupKeys, person: Record) -> None:
    """Later rows with the same document, e-mail or name find the person just created."""
    for kind, value in keys:
        ctx.cache.remember(person_key(kind, value), [person])


def same_document(candidate: Mapping[str, Any], document: Document | None) -> bool:
    theirs = document_key(candidate.get("documento"))
    return document is None or not theirs or theirs == document.number


def identity(name: str | None, document: Document | None, email: str | None) -> dict[str, Any]:
    """`nome`, `tipo_pessoa` with `cpf` or `cnpj`, and `email`: the fields given."""
    body: dict[str, Any] = {"nome": name} if name else {}
    if document:
        body.update({"tipo_pessoa": document.person_type, document.kind.lower(): document.number})
    if email:
        body["email"] = email
    return body


def as_row(detail: Mapping[str, Any]) -> Record:
    """A person's detail (as a create answers it) in the shape of a list row."""
    profiles = [p.get("tipo_perfil") if isinstance(p, Mapping) else p for p in detail.get("perfis") or []]
    return {"id": detail["id"], "nome": detail.get("nome"), "email": detail.get("email"),
            "documento": detail.get("documento") or detail.get("cpf") or detail.get("cnpj") or "",
            "perfis": profiles}


def carries_marker(ctx: ActionContext, person_id: str, marker: str) -> bool:
    """Whether the person's notes carry `marker`, i.e. a row of ours created it."""
    return has_marker(ctx.client.people.get(person_id).get("observacao"), marker)
