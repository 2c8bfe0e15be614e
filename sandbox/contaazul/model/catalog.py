"""Products and services: the catalogue sales and contracts draw from, with ATIVO/INATIVO status."""
from __future__ import annotations

from decimal import Decimal

from ..filters import changed_between, contains, fold
from ..validation import Query
from ..world import Company, World
from .common import new_record, ordered

STATUSES = ("ATIVO", "INATIVO")
PRODUCT_NOT_FOUND = "Produto não encontrado."
SERVICE_NOT_FOUND = "Serviço não encontrado."


def new_product(world: World, company: Company, nome: str, codigo_sku: str, valor_venda: Decimal,
                custo: Decimal, estoque: Decimal, ativo: bool = True, codigo_ean: str | None = None,
                unidade: str = "UN") -> dict:
    product = new_record(world, company, nome=nome, codigo_sku=codigo_sku, codigo_ean=codigo_ean,
                         valor_venda=valor_venda, custo_medio=custo, estoque=estoque,
                         ativo=ativo, unidade=unidade)
    company.products[product["id"]] = product
    return product


def new_service(world: World, company: Company, descricao: str, codigo: str, preco: Decimal,
                custo: Decimal, ativo: bool = True) -> dict:
    service = new_record(world, company, descricao=descricao, codigo=codigo, preco=preco, custo=custo,
                         ativo=ativo, tipo_servico="PRESTADO")
    company.services[service["id"]] = service
    return service


def _status(record: dict) -> str:
    return "ATIVO" if record["ativo"] else "INATIVO"


def search_products(company: Company, query: Query) -> list[dict]:
    """GET /v1/produtos: busca (name, SKU, EAN), status, sku, change window."""
    busca, status, sku = query.text("busca"), query.choice("status", STATUSES), query.text("sku")
    start, end = query.changed_range()
    rows = [p for p in company.products.values()
            if contains(busca, p["nome"], p["codigo_sku"], p["codigo_ean"])
            and (status is None or _status(p) == status)
            and (sku is None or fold(p["codigo_sku"]) == fold(sku))
            and changed_between(p, start, end)]
    return ordered(rows, lambda p: fold(p["nome"]))


def product_row(product: dict) -> dict:
    return {"id": product["id"], "id_legado": product["id_legado"], "nome": product["nome"],
            "codigo_sku": product["codigo_sku"], "codigo_ean": product["codigo_ean"],
            "status": _status(product), "valor_venda": product["valor_venda"],
            "custo_medio": product["custo_medio"], "saldo": product["estoque"],
            "data_alteracao": product["data_alteracao"]}


def product_detail(product: dict) -> dict:
    """GET /v1/produtos/{id}: `ativo` and the price at estoque.valor_venda."""
    return {"id": product["id"], "id_legado": product["id_legado"], "nome": product["nome"],
            "codigo_sku": product["codigo_sku"], "codigo_ean": product["codigo_ean"],
            "ativo": product["ativo"], "status": _status(product), "tipo": "PRODUTO", "formato": "SIMPLES",
            "unidade_medida": {"sigla": product["unidade"]},
            "estoque": {"valor_venda": product["valor_venda"], "custo_medio": product["custo_medio"],
                        "quantidade_disponivel": product["estoque"], "estoque_minimo": Decimal("0")},
            "data_criacao": product["data_criacao"], "data_alteracao": product["data_alteracao"]}


def search_services(company: Company, query: Query) -> list[dict]:
    """GET /v1/servicos: busca_textual (description or code) and status."""
    busca, status = query.text("busca_textual"), query.choice("status", STATUSES)
    rows = [s for s in company.services.values()
            if contains(busca, s["descricao"], s["codigo"]) and (status is None or _status(s) == status)]
    return ordered(rows, lambda s: fold(s["descricao"]))


def service_row(service: dict) -> dict:
    return {"id": service["id"], "id_legado": service["id_legado"], "codigo": service["codigo"],
            "descricao": service["descricao"], "preco": service["preco"], "custo": service["custo"],
            "status": _status(service), "tipo_servico": service["tipo_servico"]}


def service_detail(service: dict) -> dict:
    return {**service_row(service), "ativo": service["ativo"], "data_alteracao": service["data_alteracao"]}
