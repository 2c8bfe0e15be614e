"""/v1/produtos and /v1/servicos."""
from __future__ import annotations

from flask import Blueprint

from ..context import current_company, get_world
from ..model import catalog
from ..model.common import found
from ..paging import SERVICE_SIZES, Paging
from ..validation import as_uuid
from . import query

bp = Blueprint("catalog", __name__)
PRODUCT_PAGING = Paging(items_key="items", total_key="totalItems")


def service_paging() -> Paging:
    """Services answer `itens` or `items` [?]: the setting picks which, so clients meet both."""
    items_key = get_world().settings.services_envelope
    return Paging(items_key=items_key, total_key="itens_totais" if items_key == "itens" else "totalItems",
                  sizes=SERVICE_SIZES)


@bp.get("/produtos")
def list_products():
    args = query()
    return PRODUCT_PAGING.answer(catalog.search_products(current_company(), args), args, catalog.product_row)


@bp.get("/produtos/<product_id>")
def get_product(product_id: str):
    product = found(current_company().products, as_uuid(product_id, "id"), catalog.PRODUCT_NOT_FOUND)
    return catalog.product_detail(product)


@bp.get("/servicos")
def list_services():
    args = query()
    return service_paging().answer(catalog.search_services(current_company(), args), args, catalog.service_row)


@bp.get("/servicos/<service_id>")
def get_service(service_id: str):
    service = found(current_company().services, as_uuid(service_id, "id"), catalog.SERVICE_NOT_FOUND)
    return catalog.service_detail(service)
