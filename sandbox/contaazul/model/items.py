"""What sales and contracts share: item lines drawn from the catalogue, and the value composition.

Inactive products and services are refused here, naming the item, because Conta Azul does not
import a sale whose items are inactive.
"""
from __future__ import annotations

from decimal import Decimal

from ..errors import BadRequest
from ..validation import Fields
from ..world import Company, World
from .common import brl, cents

DISCOUNT_TYPES = ("PORCENTAGEM", "VALOR")
ZERO = Decimal("0")


CATALOG_KINDS = (  # collection, line type, how a person recognises the item when it is refused
    ("products", "PRODUTO", "O produto '{nome}' (SKU {codigo_sku})"),
    ("services", "SERVICO", "O serviço '{descricao}' (código {codigo})"),
)


def catalog_item(company: Company, item_id: str) -> tuple[dict, str]:
    """The product or service an item line points to, if it may be sold."""
    for collection, kind, label in CATALOG_KINDS:
        record = getattr(company, collection).get(item_id)
        if record is not None:
            if not record["ativo"]:
                raise BadRequest(label.format(**record) + " está inativo e não pode ser usado.")
            return record, kind
    raise BadRequest(f"O produto ou serviço '{item_id}' não foi encontrado.")


def make_line(world: World, record: dict, kind: str, quantity: Decimal, price: Decimal,
              description: str | None = None, cost: Decimal | None = None) -> dict:
    """One item line of a sale or contract, pointing to a catalogue record."""
    name = record["nome"] if kind == "PRODUTO" else record["descricao"]
    default_cost = record["custo_medio"] if kind == "PRODUTO" else record["custo"]
    return {"id": world.new_id(), "id_item": record["id"], "tipo": kind, "nome": name,
            "descricao": description or name, "quantidade": quantity, "valor": price,
            "custo": default_cost if cost is None else cost}


def parse_lines(world: World, company: Company, body: Fields) -> list[dict]:
    """The `itens` of a sale or contract, each pointing to an active product or service."""
    lines = []
    for item in body.objects("itens", required=True, min_items=1, max_items=500):
        record, kind = catalog_item(company, item.uuid("id", required=True))
        lines.append(make_line(world, record, kind, item.quantity("quantidade", required=True),
                               item.money("valor", required=True), item.text("descricao", max_length=500),
                               item.money("valor_custo")))
    return lines


def composition(lines: list[dict], body: Fields) -> dict:
    """Gross, discount, freight and net value from the lines and `composicao_de_valor`."""
    values = body.object("composicao_de_valor")
    freight = (values.money("frete") if values else None) or ZERO
    discount = values.object("desconto") if values else None
    kind = discount.choice("tipo", DISCOUNT_TYPES, required=True) if discount else "VALOR"
    rate = discount.money("valor", required=True) if discount else ZERO
    return compute_composition(lines, freight, kind, rate)


def compute_composition(lines: list[dict], freight: Decimal = ZERO, kind: str = "VALOR",
                        rate: Decimal = ZERO) -> dict:
    """The value composition: items × quantity − discount + freight."""
    gross = cents(sum((line["quantidade"] * line["valor"] for line in lines), ZERO))
    if kind == "PORCENTAGEM" and rate > 100:
        raise BadRequest("O desconto em porcentagem deve estar entre 0 e 100.")
    amount = cents(gross * rate / 100) if kind == "PORCENTAGEM" else rate
    if amount > gross:
        raise BadRequest(f"O desconto ({brl(amount)}) não pode ser maior que o valor dos itens ({brl(gross)}).")
    return {"valor_bruto": gross, "desconto_tipo": kind, "desconto_taxa": rate, "desconto": amount,
            "frete": freight, "valor_liquido": gross - amount + freight}


def check_installments_total(installments: list[dict], total: Decimal, what: str) -> None:
    """The installments must add up to the total (items × quantity − discount + freight)."""
    paid = sum((installment["valor"] for installment in installments), ZERO)
    if paid != total:
        raise BadRequest(f"A soma das parcelas ({brl(paid)}) é diferente do valor total {what} "
                         f"({brl(total)}).")


def composition_view(values: dict) -> dict:
    """composicao_valor as the sale detail shows it."""
    return {"valor_bruto": values["valor_bruto"], "desconto": values["desconto"], "frete": values["frete"],
            "impostos": ZERO, "impostos_deduzidos": ZERO, "seguro": ZERO, "despesas_incidentais": ZERO,
            "valor_liquido": values["valor_liquido"]}


def line_view(line: dict) -> dict:
    return {"id": line["id"], "id_item": line["id_item"], "nome": line["nome"], "descricao": line["descricao"],
            "tipo": line["tipo"], "quantidade": line["quantidade"], "valor": line["valor"], "custo": line["custo"]}


def line_totals(lines: list[dict]) -> dict:
    products = sum(1 for line in lines if line["tipo"] == "PRODUTO")
    return {"quantidade_produtos": products, "quantidade_servicos": len(lines) - products,
            "quantidade_nao_conciliados": 0}
