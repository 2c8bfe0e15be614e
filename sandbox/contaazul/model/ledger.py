"""Categories, cost centres, financial accounts and sellers: what sales and entries point to."""
from __future__ import annotations

from ..errors import BadRequest
from ..filters import contains, fold, one_of
from ..validation import Fields, Query
from ..world import Company, World
from .common import new_record, ordered, referenced

CATEGORY_TYPES = ("RECEITA", "DESPESA")
ACCOUNT_TYPES = ("APLICACAO", "CAIXINHA", "CONTA_CORRENTE", "CARTAO_CREDITO", "INVESTIMENTO", "OUTROS",
                 "MEIOS_RECEBIMENTO", "POUPANCA", "COBRANCAS_CONTA_AZUL", "RECEBA_FACIL_CARTAO")
UNKNOWN_CATEGORY = "A categoria '{id}' não foi encontrada."
UNKNOWN_COST_CENTER = "O centro de custo '{id}' não foi encontrado."
UNKNOWN_ACCOUNT = "A conta financeira '{id}' não foi encontrada."
UNKNOWN_SELLER = "O vendedor '{id}' não foi encontrado."
TYPE_WORD = {"RECEITA": "receita", "DESPESA": "despesa"}


def new_category(world: World, company: Company, nome: str, tipo: str, parent: dict | None = None,
                 entrada_dre: str | None = None) -> dict:
    category = new_record(world, company, nome=nome, tipo=tipo, entrada_dre=entrada_dre,
                          categoria_pai=parent["id"] if parent else None)
    company.categories[category["id"]] = category
    return category


def is_leaf(company: Company, category: dict) -> bool:
    return not any(c["categoria_pai"] == category["id"] for c in company.categories.values())


def usable_category(company: Company, category_id: str | None, tipo: str) -> dict | None:
    """A category an entry may use: it exists, has the right type and no subcategories."""
    category = referenced(company.categories, category_id, UNKNOWN_CATEGORY)
    if category is None:
        return None
    if category["tipo"] != tipo:
        raise BadRequest(f"A categoria '{category['nome']}' não é uma categoria de {TYPE_WORD[tipo]}.")
    if not is_leaf(company, category):
        raise BadRequest(f"A categoria '{category['nome']}' possui subcategorias; informe uma subcategoria.")
    return category


def search_categories(company: Company, query: Query) -> list[dict]:
    """GET /v1/categorias; permite_apenas_filhos is required and `true` keeps leaf categories only."""
    only_leaves = query.boolean("permite_apenas_filhos", required=True) or bool(query.boolean("apenas_filhos"))
    busca, nome, tipo = query.text("busca"), query.text("nome"), query.choice("tipo", CATEGORY_TYPES)
    rows = [c for c in company.categories.values()
            if contains(busca, c["nome"]) and contains(nome, c["nome"])
            and (tipo is None or c["tipo"] == tipo) and (not only_leaves or is_leaf(company, c))]
    field = query.choice("campo_ordenado_descendente", ("NOME", "TIPO"))
    descending = field is not None
    field = query.choice("campo_ordenado_ascendente", ("NOME", "TIPO")) or field or "NOME"
    return ordered(rows, (lambda c: (c["tipo"], fold(c["nome"]))) if field == "TIPO" else (lambda c: fold(c["nome"])),
                   descending)


def category_row(category: dict) -> dict:
    return {"id": category["id"], "versao": 0, "nome": category["nome"],
            "categoria_pai": category["categoria_pai"], "tipo": category["tipo"],
            "entrada_dre": category["entrada_dre"], "considera_custo_dre": category["tipo"] == "DESPESA"}


def new_cost_center(world: World, company: Company, nome: str, codigo: str | None = None,
                    ativo: bool = True) -> dict:
    center = new_record(world, company, nome=nome, codigo=codigo, ativo=ativo)
    company.cost_centers[center["id"]] = center
    return center


def create_cost_center(world: World, company: Company, body: Fields) -> dict:
    """POST /v1/centro-de-custo: nome required and unique."""
    nome = body.text("nome", required=True, max_length=100).strip()
    codigo = body.text("codigo", max_length=20)
    if any(fold(c["nome"]) == fold(nome) for c in company.cost_centers.values()):
        raise BadRequest(f"Já existe um centro de custo com o nome '{nome}'.")
    return new_cost_center(world, company, nome, codigo)


def usable_cost_center(company: Company, center_id: str | None) -> dict | None:
    center = referenced(company.cost_centers, center_id, UNKNOWN_COST_CENTER)
    if center is not None and not center["ativo"]:
        raise BadRequest(f"O centro de custo '{center['nome']}' está inativo.")
    return center


def search_cost_centers(company: Company, query: Query) -> list[dict]:
    busca = query.text("busca")
    status = query.choice("filtro_rapido", ("ATIVO", "INATIVO", "TODOS")) or "TODOS"
    rows = [c for c in company.cost_centers.values()
            if contains(busca, c["nome"], c["codigo"]) and (status == "TODOS" or c["ativo"] == (status == "ATIVO"))]
    descending = query.has("campo_ordenado_descendente") and not query.has("campo_ordenado_ascendente")
    field = (query.text("campo_ordenado_ascendente") or query.text("campo_ordenado_descendente") or "NOME").upper()
    return ordered(rows, (lambda c: c["codigo"] or "") if field == "CODIGO" else (lambda c: fold(c["nome"])),
                   descending)


def cost_center_totals(company: Company) -> dict:
    active = sum(1 for c in company.cost_centers.values() if c["ativo"])
    return {"ativo": active, "inativo": len(company.cost_centers) - active, "todos": len(company.cost_centers)}


def cost_center_row(center: dict) -> dict:
    return {"id": center["id"], "codigo": center["codigo"], "nome": center["nome"], "ativo": center["ativo"]}


def new_account(world: World, company: Company, nome: str, tipo: str, banco: str | None,
                conta_padrao: bool = False, ativo: bool = True, agencia: str | None = None,
                numero: str | None = None, codigo_banco: int | None = None) -> dict:
    account = new_record(world, company, nome=nome, tipo=tipo, banco=banco, conta_padrao=conta_padrao,
                         ativo=ativo, agencia=agencia, numero=numero, codigo_banco=codigo_banco)
    company.accounts[account["id"]] = account
    return account


def usable_account(company: Company, account_id: str | None) -> dict | None:
    account = referenced(company.accounts, account_id, UNKNOWN_ACCOUNT)
    if account is not None and not account["ativo"]:
        raise BadRequest(f"A conta financeira '{account['nome']}' está inativa.")
    return account


def search_accounts(company: Company, query: Query) -> list[dict]:
    nome, tipos = query.text("nome"), query.choices("tipos", ACCOUNT_TYPES)
    only_active = bool(query.boolean("apenas_ativo"))
    rows = [a for a in company.accounts.values()
            if contains(nome, a["nome"]) and one_of(a["tipo"], tipos) and (a["ativo"] or not only_active)]
    return ordered(rows, lambda a: (not a["conta_padrao"], fold(a["nome"])))


def account_row(account: dict) -> dict:
    return {key: account[key] for key in ("id", "nome", "banco", "codigo_banco", "tipo", "ativo",
                                          "conta_padrao", "agencia", "numero")} | {
        "possui_config_boleto_bancario": False}


def new_seller(world: World, company: Company, nome: str) -> dict:
    seller = new_record(world, company, nome=nome)
    company.sellers[seller["id"]] = seller
    return seller


def seller_row(seller: dict) -> dict:
    return {"id": seller["id"], "nome": seller["nome"], "id_legado": seller["id_legado"]}


def default_account(company: Company) -> dict | None:
    """The account marked conta_padrao, where Conta Azul books what names no account."""
    return next((a for a in company.accounts.values() if a["conta_padrao"]), None)
