"""Contracts (recurring sales): creation with its first scheduled sale, search, closing, removal."""
from __future__ import annotations

import calendar
from datetime import date

from ..errors import BadRequest, NotFound
from ..filters import contains, one_of
from ..validation import Fields, Query, check_period
from ..world import Company, World
from . import sales
from .common import live, new_record, ordered, referenced, stamp
from .items import composition, parse_lines
from .ledger import UNKNOWN_SELLER, usable_account, usable_category, usable_cost_center

FREQUENCIES = ("MENSAL", "ANUAL")
EXPIRATIONS = ("DATA", "NUNCA")
LIST_STATUSES = ("TODOS", "ATIVO", "INATIVO", "PROXIMO_AO_VENCIMENTO")
PAYMENT_TYPES = tuple(kind for kind in sales.PAYMENT_TYPES if kind != "VALE_PRESENTE")
NOT_FOUND = "Contrato não encontrado."
ENDING_SOON_DAYS = 30


def add_months(start: date, months: int, day: int | None = None) -> date:
    """The same (or given) day `months` later, clamped to the month's last day."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day or start.day, calendar.monthrange(year, month)[1]))


def _terms(company: Company, body: Fields, end_always_required: bool, contract_id: str | None = None) -> dict:
    """`termos`; both published contract specs list `data_fim` as required, NUNCA or not (see README)."""
    terms = body.object("termos", required=True)
    expiration = terms.choice("tipo_expiracao", EXPIRATIONS, required=True)
    start = terms.date("data_inicio", required=True)
    end = terms.date("data_fim", required=end_always_required or expiration == "DATA")
    check_period(start, end)
    number = terms.integer("numero", required=True, minimum=1, maximum=999_999_999)
    if any(c["numero"] == number and c["id"] != contract_id for c in live(company.contracts)):
        raise BadRequest(f"Já existe um contrato com o número {number}.")
    return {"numero": number, "tipo_frequencia": terms.choice("tipo_frequencia", FREQUENCIES, required=True),
            "tipo_expiracao": expiration, "data_inicio": start, "data_fim": end,
            "intervalo_frequencia": terms.integer("intervalo_frequencia", required=True, minimum=1, maximum=60),
            "dia_emissao_venda": terms.integer("dia_emissao_venda", required=True, minimum=1, maximum=31)}


def _payment(company: Company, body: Fields) -> dict:
    terms = body.object("condicao_pagamento", required=True)
    account = usable_account(company, terms.uuid("id_conta_financeira"))
    return {"tipo_pagamento": terms.choice("tipo_pagamento", PAYMENT_TYPES, required=True),
            "dia_vencimento": terms.integer("dia_vencimento", required=True, minimum=1, maximum=31),
            "primeira_data_vencimento": terms.date("primeira_data_vencimento", required=True),
            "id_conta_financeira": account["id"] if account else None}


def parse_contract(world: World, company: Company, body: Fields) -> dict:
    """Checked fields of POST /v1/contratos."""
    client = referenced(company.people, body.uuid("id_cliente", required=True), sales.UNKNOWN_CLIENT)
    terms = _terms(company, body, world.settings.contract_end_required)
    category = usable_category(company, body.uuid("id_categoria"), "RECEITA")
    center = usable_cost_center(company, body.uuid("id_centro_custo"))
    seller = referenced(company.sellers, body.uuid("id_vendedor"), UNKNOWN_SELLER)
    lines = parse_lines(world, company, body)
    values = composition(lines, body)
    return {**terms, "id_cliente": client["id"], "id_categoria": category["id"] if category else None,
            "id_centro_custo": center["id"] if center else None, "id_vendedor": seller["id"] if seller else None,
            "observacoes": body.text("observacoes"), "observacoes_pagamento": body.text("observacoes_pagamento"),
            "pagamento": _payment(company, body), "itens": lines, "valores": values,
            "total": values["valor_liquido"]}


def create_contract(world: World, company: Company, fields: dict) -> dict:
    """Stores the contract and schedules its first sale (answered as id_venda)."""
    contract = new_record(world, company, **fields, status="ATIVO", id_venda=None)
    company.contracts[contract["id"]] = contract
    first_due = fields["pagamento"]["primeira_data_vencimento"]
    sale = sales.create_sale(world, company, {
        "id_cliente": fields["id_cliente"], "numero": sales.next_number(company), "situacao": "CONTRATO",
        "status": sales.SITUATIONS["CONTRATO"][1], "data_venda": fields["data_inicio"],
        "id_categoria": fields["id_categoria"], "id_centro_custo": fields["id_centro_custo"],
        "id_vendedor": fields["id_vendedor"], "observacoes": fields["observacoes"],
        "observacoes_pagamento": fields["observacoes_pagamento"],
        "itens": [dict(line, id=world.new_id()) for line in fields["itens"]],
        "valores": dict(fields["valores"]), "total": fields["total"],
        "pagamento": {"tipo_pagamento": fields["pagamento"]["tipo_pagamento"],
                      "id_conta_financeira": fields["pagamento"]["id_conta_financeira"],
                      "opcao_condicao_pagamento": "À vista", "nsu": None,
                      "parcelas": [{"id": world.new_id(), "numero": 1, "data_vencimento": first_due,
                                    "valor": fields["total"], "descricao": None}]},
    }, origem="CONTRATO", id_contrato=contract["id"])
    contract["id_venda"] = sale["id"]
    return contract


def find_contract(company: Company, contract_id: str) -> dict:
    contract = company.contracts.get(contract_id)
    if contract is None or contract["status"] == "DELETADO":
        raise NotFound(NOT_FOUND)
    return contract


def close_contract(world: World, contract: dict) -> None:
    """POST /v1/contratos/{id}/encerrar."""
    if contract["status"] != "ATIVO":
        raise BadRequest("O contrato já está encerrado.")
    contract["status"] = "INATIVO"
    stamp(contract, world.now())


def delete_contract(world: World, company: Company, contract: dict) -> None:
    """DELETE /v1/contratos/{id}: gone, and its sales cancelled."""
    now = world.now()
    contract["status"] = "DELETADO"
    stamp(contract, now)
    for sale in company.sales.values():
        if sale["id_contrato"] == contract["id"] and sale["situacao"] != "CANCELADO":
            sale.update(situacao="CANCELADO", status=sales.SITUATIONS["CANCELADO"][1])
            sale["versao"] += 1
            stamp(sale, now)


def next_number(company: Company) -> int:
    return max((c["numero"] for c in company.contracts.values()), default=0) + 1


def expires_on(contract: dict) -> date | None:
    """The day a contract ends: its `data_fim` when it expires by date; a NUNCA one never ends."""
    return contract["data_fim"] if contract["tipo_expiracao"] == "DATA" else None


def _periods(contract: dict) -> int | None:
    if expires_on(contract) is None:
        return None
    start, end = contract["data_inicio"], contract["data_fim"]
    months = (end.year - start.year) * 12 + end.month - start.month
    step = contract["intervalo_frequencia"] * (12 if contract["tipo_frequencia"] == "ANUAL" else 1)
    return months // step + 1


def _next_due(contract: dict, today: date) -> date:
    payment = contract["pagamento"]
    due = payment["primeira_data_vencimento"]
    step = contract["intervalo_frequencia"] * (12 if contract["tipo_frequencia"] == "ANUAL" else 1)
    periods = 0
    while due < today and periods < 2000:
        periods += 1
        due = add_months(payment["primeira_data_vencimento"], step * periods, payment["dia_vencimento"])
    return due


def _list_status(contract: dict, today: date) -> set[str]:
    statuses = {"TODOS", contract["status"]}
    end = expires_on(contract)
    if contract["status"] == "ATIVO" and end and (end - today).days <= ENDING_SOON_DAYS:
        statuses.add("PROXIMO_AO_VENCIMENTO")
    return statuses


def search(world: World, company: Company, query: Query) -> list[dict]:
    """GET /v1/contratos: contracts in force at some point of [data_inicio, data_fim]."""
    start, end = query.date_range("data_inicio", "data_fim", required=True)
    text, clients = query.text("busca_textual"), query.uuids("cliente_id")
    status = query.choice("status", LIST_STATUSES) or "TODOS"
    payment_types = query.choices("tipo_pagamento", PAYMENT_TYPES)
    ascending = query.choice("campo_ordenado_ascendente", ("DATA_INICIO", "DATA_FIM"))
    field = ascending or query.choice("campo_ordenado_descendente", ("DATA_INICIO", "DATA_FIM")) or "DATA_INICIO"
    today = world.today()
    rows = [c for c in live(company.contracts)
            if c["status"] != "DELETADO" and c["data_inicio"] <= end and (expires_on(c) or date.max) >= start
            and contains(text, company.people[c["id_cliente"]]["nome"], str(c["numero"]), c["observacoes"])
            and one_of(c["id_cliente"], clients) and status in _list_status(c, today)
            and one_of(c["pagamento"]["tipo_pagamento"], payment_types)]
    key = (lambda c: expires_on(c) or date.max) if field == "DATA_FIM" else (lambda c: c["data_inicio"])
    return ordered(rows, key, descending=not ascending and query.has("campo_ordenado_descendente"))


def _account(company: Company, contract: dict) -> dict | None:
    return company.accounts.get(contract["pagamento"]["id_conta_financeira"] or "")


def contract_row(world: World, company: Company, contract: dict) -> dict:
    client = company.people[contract["id_cliente"]]
    account = _account(company, contract)
    return {"id": contract["id"], "numero": contract["numero"], "cliente": {"id": client["id"], "nome": client["nome"]},
            "conta_financeira": {"id": account["id"], "tipo": account["tipo"]} if account else None,
            "data_inicio": contract["data_inicio"], "proximo_vencimento": _next_due(contract, world.today()),
            "status": contract["status"],
            "termos": {"data_fim": contract["data_fim"], "tipo_expiracao": contract["tipo_expiracao"],
                       "vigencia_atual": 1, "vigencia_total": _periods(contract)},
            "tipo_pagamento": contract["pagamento"]["tipo_pagamento"], "total": contract["total"],
            "total_proximo_vencimento": contract["total"]}


def contract_detail(world: World, company: Company, contract: dict) -> dict:
    client = company.people[contract["id_cliente"]]
    seller = company.sellers.get(contract["id_vendedor"] or "")
    account = _account(company, contract)
    values, periods = contract["valores"], _periods(contract)
    return {
        "id": contract["id"], "status": contract["status"], "observacoes": contract["observacoes"],
        "cliente": {"id": client["id"], "nome": client["nome"]},
        "composicao_valor": {"valor_bruto": values["valor_bruto"], "desconto": values["desconto"],
                             "frete": values["frete"], "valor_impostos_servico": 0,
                             "valor_liquido": values["valor_liquido"]},
        "condicao_pagamento": {"dia_vencimento": contract["pagamento"]["dia_vencimento"],
                               "tipo_pagamento": contract["pagamento"]["tipo_pagamento"],
                               "nome_conta_financeira": account["nome"] if account else None,
                               "observacoes_pagamento": contract["observacoes_pagamento"]},
        "configuracao_recorrencia": {"vigencia_total": periods,
                                     "vigencia_restante": periods - 1 if periods else None},
        "data_proxima_emissao": contract["data_inicio"],
        "data_proximo_vencimento": _next_due(contract, world.today()),
        "data_ultima_emissao": None, "id_proxima_venda_agendada": contract["id_venda"],
        "id_ultima_venda_confirmada": None,
        "termos": {key: contract[key] for key in ("data_fim", "data_inicio", "dia_emissao_venda",
                                                  "intervalo_frequencia", "numero", "tipo_expiracao",
                                                  "tipo_frequencia")},
        "vendedor": {"id": seller["id"], "nome": seller["nome"]} if seller else None,
        "itens": [{"id": line["id_item"], "nome": line["nome"], "descricao": line["descricao"],
                   "tipo": line["tipo"], "quantidade": line["quantidade"], "valor": line["valor"]}
                  for line in contract["itens"]],
        "data_criacao": contract["data_criacao"], "data_alteracao": contract["data_alteracao"],
    }
