"""Sales (/v1/venda): creation and update with Conta Azul's checks, search, and the nested views."""
from __future__ import annotations

import re
from decimal import Decimal

from ..errors import UNEXPECTED, ApiError, BadRequest, NotFound
from ..filters import changed_between, contains, fold, one_of, within
from ..validation import Fields, Query, as_uuid
from ..world import Company, World
from . import finance
from .common import new_record, ordered, referenced, stamp
from .items import (check_installments_total, composition, composition_view, line_totals, line_view,
                    parse_lines)
from .ledger import UNKNOWN_SELLER, usable_account, usable_category, usable_cost_center

SITUATIONS = {  # situation name: (description, venda.status)
    "EM_ANDAMENTO": ("Em andamento", "EM_ANDAMENTO"),
    "APROVADO": ("Aprovado", "EM_ANDAMENTO"),
    "FATURADO": ("Faturado", "EM_ANDAMENTO"),
    "CANCELADO": ("Cancelado", "CANCELADO"),
    "ORCAMENTO": ("Orçamento", "EM_ORCAMENTO"),
    "ORCAMENTO_ACEITO": ("Orçamento aceito", "ORCAMENTO_ACEITO"),
    "ORCAMENTO_RECUSADO": ("Orçamento recusado", "ORCAMENTO_RECUSADO"),
    "CONTRATO": ("Venda agendada por contrato", "PREVISAO"),
}
CREATE_SITUATIONS = ("EM_ANDAMENTO", "APROVADO")
UPDATE_SITUATIONS = ("EM_ANDAMENTO", "APROVADO", "FATURADO", "CANCELADO")
APPROVED = ("APROVADO", "FATURADO")
PAYMENT_TYPES = (
    "BOLETO_BANCARIO", "CARTAO_CREDITO", "CARTAO_DEBITO", "CARTEIRA_DIGITAL", "CASHBACK", "CHEQUE",
    "CREDITO_LOJA", "CREDITO_VIRTUAL", "DEPOSITO_BANCARIO", "DINHEIRO", "OUTRO", "DEBITO_AUTOMATICO",
    "LINK_PAGAMENTO", "PIX_PAGAMENTO_INSTANTANEO", "COBRANCA_PIX", "PROGRAMA_FIDELIDADE", "SEM_PAGAMENTO",
    "TRANSFERENCIA_BANCARIA", "VALE_ALIMENTACAO", "VALE_COMBUSTIVEL", "VALE_PRESENTE", "VALE_REFEICAO")
UNKNOWN_CLIENT = "O cliente '{id}' não foi encontrado."
NOT_FOUND = "Venda não encontrada."
ORDER_FIELDS = ("NUMERO", "CLIENTE", "DATA")
_TERMS_DAYS = re.compile(r"^\d{1,3}(\s*,\s*\d{1,3})*$")
_TERMS_TIMES = re.compile(r"^(\d{1,3})x$", re.IGNORECASE)


def installments_expected(option: str) -> int:
    """How many installments a payment option means: "À vista" 1, "30, 60, 90" 3, "3x" 3."""
    option = option.strip()
    if fold(option) == "a vista":
        return 1
    if _TERMS_DAYS.match(option):
        return len(option.split(","))
    times = _TERMS_TIMES.match(option)
    if times and int(times.group(1)) > 0:
        return int(times.group(1))
    raise BadRequest(f"A opção de condição de pagamento '{option}' é inválida. "
                     "Use 'À vista', prazos em dias como '30, 60, 90' ou parcelas como '3x'.")


def parse_installments(world: World, terms: Fields, total: Decimal, what: str) -> list[dict]:
    """`parcelas` of a payment condition: due date and value each, adding up to the total."""
    installments = [{"id": world.new_id(), "numero": index + 1,
                     "data_vencimento": item.date("data_vencimento", required=True),
                     "valor": item.money("valor", required=True, positive=True),
                     "descricao": item.text("descricao", max_length=200)}
                    for index, item in enumerate(terms.objects("parcelas", required=True, min_items=1,
                                                               max_items=360))]
    check_installments_total(installments, total, what)
    return installments


def _payment(world: World, company: Company, body: Fields, total: Decimal) -> dict:
    terms = body.object("condicao_pagamento", required=True)
    option = terms.text("opcao_condicao_pagamento", required=True, max_length=100)
    expected = installments_expected(option)
    account = usable_account(company, terms.uuid("id_conta_financeira"))
    installments = parse_installments(world, terms, total, "da venda")
    if len(installments) != expected:
        raise BadRequest(f"A condição de pagamento '{option}' pede {expected} parcela(s), "
                         f"mas foram informadas {len(installments)}.")
    return {"tipo_pagamento": terms.choice("tipo_pagamento", PAYMENT_TYPES),
            "id_conta_financeira": account["id"] if account else None, "opcao_condicao_pagamento": option,
            "nsu": terms.text("nsu", max_length=60), "parcelas": installments}


def parse_sale(world: World, company: Company, body: Fields, sale_id: str | None = None) -> dict:
    """Checked fields of POST /v1/venda (or PUT, when sale_id is given)."""
    client = referenced(company.people, body.uuid("id_cliente", required=True), UNKNOWN_CLIENT)
    number = body.integer("numero", required=True, minimum=1, maximum=999_999_999)
    if any(s["numero"] == number and s["id"] != sale_id for s in company.sales.values()):
        raise BadRequest(f"Já existe uma venda com o número {number}.")
    situation = body.choice("situacao", UPDATE_SITUATIONS if sale_id else CREATE_SITUATIONS, required=True)
    sale_date = body.date("data_venda", required=True)
    category = usable_category(company, body.uuid("id_categoria"), "RECEITA")
    center = usable_cost_center(company, body.uuid("id_centro_custo"))
    seller = referenced(company.sellers, body.uuid("id_vendedor"), UNKNOWN_SELLER)
    lines = parse_lines(world, company, body)
    values = composition(lines, body)
    return {"id_cliente": client["id"], "numero": number, "situacao": situation,
            "status": SITUATIONS[situation][1], "data_venda": sale_date,
            "id_categoria": category["id"] if category else None,
            "id_centro_custo": center["id"] if center else None,
            "id_vendedor": seller["id"] if seller else None,
            "observacoes": body.text("observacoes"), "observacoes_pagamento": body.text("observacoes_pagamento"),
            "itens": lines, "valores": values, "total": values["valor_liquido"],
            "pagamento": _payment(world, company, body, values["valor_liquido"])}


def create_sale(world: World, company: Company, fields: dict, origem: str = "API",
                id_contrato: str | None = None) -> dict:
    sale = new_record(world, company, **fields, versao=1, origem=origem, id_contrato=id_contrato,
                      id_evento_financeiro=None)
    company.sales[sale["id"]] = sale
    finance.sync_sale_receivable(world, company, sale, sale["situacao"] in APPROVED)
    return sale


def update_sale(world: World, company: Company, sale: dict, fields: dict, version: int) -> dict:
    """PUT /v1/venda/{id}: optimistic locking on `versao`."""
    if version != sale["versao"]:
        raise ApiError(409, f"A venda foi alterada desde a última consulta (versão atual: {sale['versao']}, "
                            f"versão enviada: {version}). Consulte a venda novamente e reenvie.")
    sale.update(fields)
    sale["versao"] += 1
    stamp(sale, world.now())
    finance.sync_sale_receivable(world, company, sale, sale["situacao"] in APPROVED)
    return sale


def change_situation(world: World, company: Company, sale: dict, situation: str) -> dict:
    """What a person does on Conta Azul's screen (accept a quote, invoice, cancel): a new version, stamped now."""
    if situation not in SITUATIONS:
        raise BadRequest(f"Situação desconhecida: {situation}. Use uma de {', '.join(SITUATIONS)}.")
    sale["situacao"], sale["status"] = situation, SITUATIONS[situation][1]
    sale["versao"] += 1
    stamp(sale, world.now())
    finance.sync_sale_receivable(world, company, sale, situation in APPROVED)
    return sale


def find_sale(company: Company, raw_id: str) -> dict:
    """A sale by uuid or by its integer id_legado."""
    if raw_id.isdigit():
        sale = next((s for s in company.sales.values() if s["id_legado"] == int(raw_id)), None)
    else:
        sale = company.sales.get(as_uuid(raw_id, "id"))
    if sale is None:
        raise NotFound(NOT_FOUND)
    return sale


def next_number(company: Company) -> int:
    return max((s["numero"] for s in company.sales.values()), default=0) + 1


def _order(company: Company, query: Query):
    ascending = query.choice("campo_ordenado_ascendente", ORDER_FIELDS)
    field = ascending or query.choice("campo_ordenado_descendente", ORDER_FIELDS) or "DATA"
    keys = {"NUMERO": lambda s: s["numero"],
            "CLIENTE": lambda s: fold(company.people[s["id_cliente"]]["nome"]),
            "DATA": lambda s: (s["data_venda"], s["numero"])}
    descending = not ascending and (query.has("campo_ordenado_descendente") or field == "DATA")
    return keys[field], descending


def search(company: Company, query: Query) -> list[dict]:
    """GET /v1/venda/busca filters. Like Conta Azul, half a data_alteracao pair is a server error."""
    if query.has("data_alteracao_de") != query.has("data_alteracao_ate"):
        raise ApiError(500, UNEXPECTED)
    changed_from, changed_to = query.changed_range()
    term = query.text("termo_busca")
    sale_from, sale_to = query.date_range("data_inicio", "data_fim")
    created_from, created_to = query.date_range("data_criacao_de", "data_criacao_ate")
    situations = query.choices("situacoes", tuple(SITUATIONS))
    clients, sellers = query.uuids("ids_clientes"), query.uuids("ids_vendedores")
    categories, products = query.uuids("ids_categorias"), query.uuids("ids_produtos")
    numbers = query.integers("numeros")
    key, descending = _order(company, query)

    def matches(sale: dict) -> bool:
        client = company.people[sale["id_cliente"]]
        return (contains(term, client["nome"], client["email"], str(sale["numero"]))
                and within(sale["data_venda"], sale_from, sale_to)
                and within(sale["data_criacao"].date(), created_from, created_to)
                and changed_between(sale, changed_from, changed_to)
                and one_of(sale["situacao"], situations) and one_of(sale["id_cliente"], clients)
                and one_of(sale["id_vendedor"], sellers) and one_of(sale["id_categoria"], categories)
                and one_of(sale["numero"], numbers)
                and (not products or any(line["id_item"] in products for line in sale["itens"])))
    return ordered([sale for sale in company.sales.values() if matches(sale)], key, descending)


def summary(sales: list[dict]) -> dict:
    """`totais` (values) and `quantidades` (counts) by approval state, over the filtered sales."""
    groups = {"aprovado": APPROVED, "cancelado": ("CANCELADO",), "esperando_aprovacao": ("EM_ANDAMENTO",)}
    totals = {name: sum((s["total"] for s in sales if s["situacao"] in names), Decimal("0"))
              for name, names in groups.items()}
    counts = {name: sum(1 for s in sales if s["situacao"] in names) for name, names in groups.items()}
    totals["total"] = sum((s["total"] for s in sales), Decimal("0"))
    counts["total"] = len(sales)
    return {"totais": totals, "quantidades": counts}


def _situation(sale: dict) -> dict:
    return {"nome": sale["situacao"], "descricao": SITUATIONS[sale["situacao"]][0]}


def _item_kinds(sale: dict) -> str:
    kinds = {line["tipo"] for line in sale["itens"]}
    return "PRODUTO_E_SERVICO" if len(kinds) > 1 else next(iter(kinds), "PRODUTO")


def sale_row(company: Company, sale: dict) -> dict:
    """A row of GET /v1/venda/busca."""
    client = company.people[sale["id_cliente"]]
    address = (client["enderecos"] or [{}])[0]
    return {
        "id": sale["id"], "id_legado": sale["id_legado"], "numero": sale["numero"], "data": sale["data_venda"],
        "criado_em": sale["data_criacao"], "data_alteracao": sale["data_alteracao"], "total": sale["total"],
        "tipo": "SALE", "itens": _item_kinds(sale), "condicao_pagamento": bool(sale["pagamento"]["parcelas"]),
        "cliente": {"id": client["id"], "nome": client["nome"], "email": client["email"],
                    "telefone": client["telefone_celular"] or client["telefone_comercial"],
                    "cidade": address.get("cidade"), "estado": address.get("estado")},
        "situacao": _situation(sale), "versao": sale["versao"], "id_contrato": sale["id_contrato"],
        "origem": sale["origem"],
    }


def _payment_view(sale: dict) -> dict:
    payment = sale["pagamento"]
    return {"tipo_pagamento": payment["tipo_pagamento"], "id_conta_financeira": payment["id_conta_financeira"],
            "pagamento_a_vista": len(payment["parcelas"]) == 1,
            "opcao_condicao_pagamento": payment["opcao_condicao_pagamento"], "nsu": payment["nsu"],
            "observacoes_pagamento": sale["observacoes_pagamento"],
            "parcelas": [dict(installment) for installment in payment["parcelas"]]}


def sale_detail(company: Company, sale: dict) -> dict:
    """GET /v1/venda/{id}: nested cliente, venda, vendedor, contrato."""
    client = company.people[sale["id_cliente"]]
    seller = company.sellers.get(sale["id_vendedor"] or "")
    contract = company.contracts.get(sale["id_contrato"] or "")
    values = sale["valores"]
    totals = line_totals(sale["itens"])
    return {
        "cliente": {"uuid": client["id"], "id": client["id"], "nome": client["nome"],
                    "tipo_pessoa": client["tipo_pessoa"], "documento": client["documento"],
                    "email": client["email"]},
        "evento_financeiro": {"id": sale["id_evento_financeiro"]} if sale["id_evento_financeiro"] else None,
        "venda": {
            "id": sale["id"], "id_legado": sale["id_legado"], "numero": sale["numero"], "status": sale["status"],
            "tipo_negociacao": "VENDA", "data_venda": sale["data_venda"], "data_compromisso": sale["data_venda"],
            "id_cliente": client["id"], "id_categoria": sale["id_categoria"],
            "id_centro_custo": sale["id_centro_custo"], "observacoes": sale["observacoes"],
            "configuracao_de_desconto": {"tipo_desconto": values["desconto_tipo"],
                                         "taxa_desconto": values["desconto_taxa"]},
            "composicao_valor": composition_view(values), "total": sale["total"],
            "condicao_pagamento": _payment_view(sale),
            "total_itens": {"contagem_produtos": totals["quantidade_produtos"],
                            "contagem_servicos": totals["quantidade_servicos"], "contagem_nao_conciliados": 0},
            "situacao": {**_situation(sale), "ativado": sale["situacao"] != "CANCELADO"},
            "tipo_pendencia": {"nome": "NENHUMA", "descricao": "Nenhuma"},
            "versao": sale["versao"], "origem": sale["origem"],
            "criado_em": sale["data_criacao"], "data_alteracao": sale["data_alteracao"],
        },
        "vendedor": {"id": seller["id"], "nome": seller["nome"], "id_legado": seller["id_legado"]} if seller else None,
        "contrato": {"uuid": contract["id"], "data_inicio": contract["data_inicio"],
                     "data_fim": contract["data_fim"], "dia_vencimento": contract["pagamento"]["dia_vencimento"],
                     "periodo": contract["tipo_frequencia"],
                     "periodicidade": contract["intervalo_frequencia"]} if contract else None,
    }


def sale_created(sale: dict) -> dict:
    """The answer of POST /v1/venda."""
    values = sale["valores"]
    return {"id": sale["id"], "id_legado": sale["id_legado"], "id_cliente": sale["id_cliente"],
            "numero": sale["numero"], "origem": sale["origem"], "id_categoria": sale["id_categoria"],
            "data_venda": sale["data_venda"], "situacao": _situation(sale),
            "pendencia": {"nome": "NENHUMA", "descricao": "Nenhuma"},
            "valor_composicao": {"valor_bruto": values["valor_bruto"], "frete": values["frete"],
                                 "desconto": {"tipo": values["desconto_tipo"], "valor": values["desconto_taxa"]},
                                 "valor_liquido": values["valor_liquido"]},
            "condicao_pagamento": _payment_view(sale), "observacoes": sale["observacoes"],
            "id_vendedor": sale["id_vendedor"], "versao": sale["versao"], "total": sale["total"]}


def sale_lines(sale: dict) -> list[dict]:
    return [line_view(line) for line in sale["itens"]]
