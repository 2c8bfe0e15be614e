"""/v1/pessoas: people (clients, suppliers) and the connected company."""
from __future__ import annotations

from flask import Blueprint

from ..context import current_company, get_world
from ..model import people
from ..model.common import found
from ..paging import Paging
from ..validation import as_uuid
from . import body, query

bp = Blueprint("people", __name__)
PAGING = Paging(items_key="items", total_key="totalItems")


@bp.get("/pessoas/conta-conectada")
def connected_company():
    return people.connected_company(current_company())


@bp.get("/pessoas")
def list_people():
    args = query()
    found = people.search(current_company(), args, get_world().settings.people_search_defaults)
    return PAGING.answer(found, args, people.person_row)


@bp.post("/pessoas")
def create_person():
    company = current_company()
    fields = people.parse_person(body(), company)
    return people.person_detail(people.create_person(get_world(), company, fields)), 201


def _person(person_id: str) -> dict:
    return found(current_company().people, as_uuid(person_id, "id"), people.NOT_FOUND)


@bp.get("/pessoas/<person_id>")
def get_person(person_id: str):
    return people.person_detail(_person(person_id))


@bp.put("/pessoas/<person_id>")
def replace_person(person_id: str):
    person = _person(person_id)
    fields = people.parse_person(body(), current_company(), person["id"], whole=True)
    return people.person_detail(people.update_person(get_world(), person, fields))


@bp.patch("/pessoas/<person_id>")
def patch_person(person_id: str):
    person = _person(person_id)
    merged = people.patched_body(person, body().data)
    fields = people.parse_person(merged, current_company(), person["id"])
    return people.person_detail(people.update_person(get_world(), person, fields))


@bp.post("/pessoas/<any(ativar, inativar, excluir):action>")
def change_status(action: str):
    ids = body().uuids("uuids", required=True, min_items=1, max_items=10)
    people.set_status(get_world(), current_company(), ids, action)
    return "", 204
