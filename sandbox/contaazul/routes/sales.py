"""/v1/venda: sales, their items, next number and sellers."""
from __future__ import annotations

from flask import Blueprint, jsonify

from ..context import current_company, get_world
from ..filters import fold
from ..model import ledger, sales
from ..model.common import ordered
from ..model.items import line_totals
from ..paging import Paging
from . import body, query

bp = Blueprint("sales", __name__)
SEARCH_PAGING = Paging(items_key="itens", total_key="total_itens")
ITEMS_PAGING = Paging()


@bp.get("/venda/proximo-numero")
def next_number():
    return jsonify(sales.next_number(current_company()))


@bp.get("/venda/vendedores")
def sellers():
    company = current_company()
    return jsonify([ledger.seller_row(s) for s in ordered(company.sellers.values(), lambda s: fold(s["nome"]))])


@bp.post("/venda")
def create_sale():
    world, company = get_world(), current_company()
    sale = sales.create_sale(world, company, sales.parse_sale(world, company, body()))
    return sales.sale_created(sale)


@bp.get("/venda/busca")
def search():
    args, company = query(), current_company()
    found = sales.search(company, args)
    return SEARCH_PAGING.answer(found, args, lambda sale: sales.sale_row(company, sale), **sales.summary(found))


@bp.get("/venda/<sale_id>")
def get_sale(sale_id: str):
    company = current_company()
    return sales.sale_detail(company, sales.find_sale(company, sale_id))


@bp.get("/venda/<sale_id>/itens")
def sale_items(sale_id: str):
    args, company = query(), current_company()
    sale = sales.find_sale(company, sale_id)
    return ITEMS_PAGING.answer(sales.sale_lines(sale), args, dict, totais=line_totals(sale["itens"]))


@bp.put("/venda/<sale_id>")
def update_sale(sale_id: str):
    world, company = get_world(), current_company()
    sale = sales.find_sale(company, sale_id)
    fields = body()
    version = fields.integer("versao", required=True, minimum=0)
    sales.update_sale(world, company, sale, sales.parse_sale(world, company, fields, sale["id"]), version)
    return {"id": sale["id"], "id_legado": sale["id_legado"], "versao": sale["versao"]}
