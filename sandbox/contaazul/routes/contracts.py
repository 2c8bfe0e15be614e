"""/v1/contratos. This module's errors are `{"error": "..."}`, unlike the rest of the API."""
from __future__ import annotations

from flask import Blueprint, g, jsonify

from ..context import current_company, get_world
from ..model import contracts
from ..paging import Paging
from ..validation import as_uuid
from . import body, query

bp = Blueprint("contracts", __name__)
PAGING = Paging(sizes=None, max_size=50)


@bp.before_request
def use_contract_error_shape() -> None:
    """Runs after the /v1 gate, so 401/429 keep the common shape and only this module's own errors change."""
    g.error_shape = "error"


@bp.get("/contratos/proximo-numero")
def next_number():
    return jsonify(contracts.next_number(current_company()))


@bp.post("/contratos")
def create_contract():
    world, company = get_world(), current_company()
    contract = contracts.create_contract(world, company, contracts.parse_contract(world, company, body()))
    return {"id": contract["id"], "id_legado": contract["id_legado"], "id_venda": contract["id_venda"]}, 201


@bp.get("/contratos")
def list_contracts():
    args, world, company = query(), get_world(), current_company()
    return PAGING.answer(contracts.search(world, company, args), args,
                         lambda contract: contracts.contract_row(world, company, contract))


def _contract(contract_id: str) -> dict:
    return contracts.find_contract(current_company(), as_uuid(contract_id, "id"))


@bp.get("/contratos/<contract_id>")
def get_contract(contract_id: str):
    return contracts.contract_detail(get_world(), current_company(), _contract(contract_id))


@bp.delete("/contratos/<contract_id>")
def delete_contract(contract_id: str):
    contracts.delete_contract(get_world(), current_company(), _contract(contract_id))
    return "", 204


@bp.post("/contratos/<contract_id>/encerrar")
def close_contract(contract_id: str):
    contracts.close_contract(get_world(), _contract(contract_id))
    return "", 204
