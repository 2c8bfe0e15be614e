"""/v1/categorias, /v1/centro-de-custo, /v1/conta-financeira (categories cannot be created)."""
from __future__ import annotations

from flask import Blueprint

from ..context import current_company, get_world
from ..model import ledger
from ..paging import Paging
from . import body, query

bp = Blueprint("ledger", __name__)
PAGING = Paging()


@bp.get("/categorias")
def list_categories():
    args = query()
    return PAGING.answer(ledger.search_categories(current_company(), args), args, ledger.category_row)


@bp.get("/centro-de-custo")
def list_cost_centers():
    args = query()
    company = current_company()
    paging = Paging(items_key=get_world().settings.cost_centers_envelope)
    return paging.answer(ledger.search_cost_centers(company, args), args, ledger.cost_center_row,
                         totais=ledger.cost_center_totals(company))


@bp.post("/centro-de-custo")
def create_cost_center():
    return ledger.cost_center_row(ledger.create_cost_center(get_world(), current_company(), body()))


@bp.get("/conta-financeira")
def list_accounts():
    args = query()
    return PAGING.answer(ledger.search_accounts(current_company(), args), args, ledger.account_row)
