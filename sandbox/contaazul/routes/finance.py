"""/v1/financeiro/eventos-financeiros (payables, receivables, changes) and /v1/protocolo."""
from __future__ import annotations

from flask import Blueprint

from ..context import current_company, get_world
from ..model import finance
from ..paging import Paging
from ..validation import as_uuid
from . import body, query

bp = Blueprint("finance", __name__)
PAGING = Paging()
EVENTS = "/financeiro/eventos-financeiros"
KINDS = {"contas-a-pagar": finance.PAYABLE, "contas-a-receber": finance.RECEIVABLE}


@bp.post(f"{EVENTS}/<any('contas-a-pagar', 'contas-a-receber'):kind>")
def create_event(kind: str):
    protocol = finance.submit(get_world(), current_company(), body(), KINDS[kind])
    return finance.protocol_created(protocol), 202


@bp.get(f"{EVENTS}/<any('contas-a-pagar', 'contas-a-receber'):kind>/buscar")
def search_events(kind: str):
    args, world, company = query(), get_world(), current_company()
    rows = finance.search(world, company, args, KINDS[kind])
    return PAGING.answer(rows, args, lambda row: finance.installment_row(company, row))


@bp.get(f"{EVENTS}/parcelas/<installment_id>")
def get_installment(installment_id: str):
    company = current_company()
    row = finance.find_installment(get_world(), company, as_uuid(installment_id, "id"))
    return finance.installment_detail(company, row)


@bp.get(f"{EVENTS}/alteracoes")
def changed_events():
    args = query()
    return PAGING.answer(finance.changed_events(get_world(), current_company(), args), args,
                         finance.changed_event_row)


@bp.get("/protocolo/<protocol_id>")
def get_protocol(protocol_id: str):
    protocol = finance.find_protocol(get_world(), current_company(), as_uuid(protocol_id, "id"))
    return finance.protocol_view(protocol)
