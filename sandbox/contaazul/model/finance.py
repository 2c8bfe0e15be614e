"""Payables and receivables (eventos financeiros): asynchronous creation through protocols, search.

A POST answers 202 with a PENDING protocol at once. Schema errors are immediate 400s; what can
only be known by looking at the company's records (unknown contact, category, account) turns
the protocol to ERROR with a `resposta`, as Conta Azul does. Protocols settle after
settings.protocol_delay_seconds of the world's clock, whenever anyone next looks.
"""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from ..errors import BadRequest, NotFound
from ..filters import changed_between, contains, one_of, within
from ..validation import Fields, Query
from ..world import Company, World
from .common import brl, new_record, ordered, referenced, stamp
from .items import check_installments_total
from .ledger import account_row, default_account, usable_account, usable_category, usable_cost_center

PAYABLE, RECEIVABLE = "DESPESA", "RECEITA"
PAYMENT_METHODS = (
    "DINHEIRO", "CARTAO_CREDITO", "BOLETO_BANCARIO", "CARTAO_CREDITO_VIA_LINK", "CHEQUE", "CARTAO_DEBITO",
    "TRANSFERENCIA_BANCARIA", "OUTRO", "CARTEIRA_DIGITAL", "CASHBACK", "CREDITO_LOJA", "CREDITO_VIRTUAL",
    "DEPOSITO_BANCARIO", "PIX_PAGAMENTO_INSTANTANEO", "PROGRAMA_FIDELIDADE", "SEM_PAGAMENTO",
    "VALE_ALIMENTACAO", "VALE_COMBUSTIVEL", "VALE_PRESENTE", "VALE_REFEICAO", "PIX_COBRANCA",
    "DEBITO_AUTOMATICO")
TRANSLATED = {  # status: (payables, receivables)
    "PENDING": ("EM_ABERTO", "EM_ABERTO"), "OVERDUE": ("ATRASADO", "ATRASADO"),
    "ACQUITTED": ("PAGO", "RECEBIDO"), "PARTIAL": ("PAGO_PARCIAL", "RECEBIDO_PARCIAL"),
    "LOST": ("PERDIDO", "PERDIDO"), "RENEGOTIATED": ("RENEGOCIADO", "RENEGOCIADO"),
}
UNKNOWN_CONTACT = "O contato '{id}' não foi encontrado."
PROTOCOL_NOT_FOUND = "Protocolo não encontrado."
INSTALLMENT_NOT_FOUND = "Parcela não encontrada."
INSTALLMENT_STATUS = {  # the search's status -> the installment detail's (PENDENTE is EM_ABERTO there)
    "PENDING": "PENDENTE", "OVERDUE": "ATRASADO", "ACQUITTED": "QUITADO", "PARTIAL": "RECEBIDO_PARCIAL",
    "LOST": "PERDIDO", "RENEGOTIATED": "RENEGOCIADO",
}
SUCCESS_MESSAGE = "Evento financeiro criado com sucesso."
ZERO = Decimal("0")


def _money_details(item: Fields) -> dict:
    values = item.object("detalhe_valor", required=True)
    details = {key: values.money(key) for key in ("valor_liquido", "multa", "juros", "desconto", "taxa")}
    return {"valor_bruto": values.money("valor_bruto", required=True, positive=True), **details}


def _parse_event(body: Fields) -> dict:
    """The schema checks of contas-a-pagar/receber: immediate 400s."""
    amount = body.money("valor", required=True, positive=True)
    if body.data.get("observacao") is None:
        body.raw("observacao", required=True)
    shares = [{"id_categoria": share.uuid("id_categoria", required=True),
               "valor": share.money("valor", required=True, positive=True),
               "rateio_centro_custo": [{"id_centro_custo": center.uuid("id_centro_custo", required=True),
                                        "valor": center.money("valor", required=True, positive=True)}
                                       for center in share.objects("rateio_centro_custo")]}
              for share in body.objects("rateio", max_items=50)]
    shared = sum((share["valor"] for share in shares), ZERO)
    if shares and shared != amount:
        raise BadRequest(f"A soma do rateio ({brl(shared)}) é diferente do valor do lançamento ({brl(amount)}).")
    terms = body.object("condicao_pagamento", required=True)
    installments = [{"numero": index + 1, "descricao": item.text("descricao", max_length=200),
                     "data_vencimento": item.date("data_vencimento", required=True),
                     "nota": item.text("nota", max_length=500),
                     "id_conta_financeira": item.uuid("conta_financeira"),
                     "detalhe_valor": _money_details(item),
                     "metodo_pagamento": item.choice("metodo_pagamento", PAYMENT_METHODS)}
                    for index, item in enumerate(terms.objects("parcelas", required=True, min_items=1,
                                                               max_items=360))]
    check_installments_total([{"valor": i["detalhe_valor"]["valor_bruto"]} for i in installments],
                             amount, "do lançamento")
    return {"data_competencia": body.date("data_competencia", required=True), "valor": amount,
            "descricao": body.text("descricao", required=True, max_length=500),
            "observacao": body.text("observacao"), "id_contato": body.uuid("contato", required=True),
            "id_conta_financeira": body.uuid("conta_financeira", required=True),
            "rateio": shares, "parcelas": installments}


def _check_references(company: Company, fields: dict, kind: str) -> None:
    """What only the company's records can tell; raised here, reported through the protocol."""
    referenced(company.people, fields["id_contato"], UNKNOWN_CONTACT)
    usable_account(company, fields["id_conta_financeira"])
    for share in fields["rateio"]:
        usable_category(company, share["id_categoria"], kind)
        for center in share["rateio_centro_custo"]:
            usable_cost_center(company, center["id_centro_custo"])
    for installment in fields["parcelas"]:
        usable_account(company, installment["id_conta_financeira"])


def submit(world: World, company: Company, body: Fields, kind: str) -> dict:
    """POST contas-a-pagar / contas-a-receber: a PENDING protocol (schema errors raise at once)."""
    fields = _parse_event(body)
    try:
        _check_references(company, fields, kind)
        error = None
    except BadRequest as problem:
        error = problem.message
    protocol = {"id": world.new_id(), "status": "PENDING", "tipo": kind, "fields": fields, "error": error,
                "data_criacao": world.now(), "evento_financeiro_id": None, "resposta": None,
                "ready_at": world.clock.timestamp() + world.settings.protocol_delay_seconds}
    company.protocols[protocol["id"]] = protocol
    return protocol


def new_event(world: World, company: Company, kind: str, fields: dict) -> dict:
    """Stores an event; its installments start unpaid unless `pago` says otherwise."""
    installments = [{"id": world.new_id(), "pago": ZERO, "perdido": False, **installment}
                    for installment in fields["parcelas"]]
    event = new_record(world, company, tipo=kind, id_venda=None, **{**fields, "parcelas": installments})
    company.events[event["id"]] = event
    return event


def settle(world: World, company: Company) -> None:
    """Finishes every protocol whose processing time has passed."""
    now = world.clock.timestamp()
    for protocol in company.protocols.values():
        if protocol["status"] != "PENDING" or protocol["ready_at"] > now:
            continue
        if protocol["error"]:
            protocol.update(status="ERROR", resposta=protocol["error"])
        else:
            event = new_event(world, company, protocol["tipo"], protocol["fields"])
            protocol.update(status="SUCCESS", resposta=SUCCESS_MESSAGE, evento_financeiro_id=event["id"])


def find_protocol(world: World, company: Company, protocol_id: str) -> dict:
    settle(world, company)
    protocol = company.protocols.get(protocol_id)
    if protocol is None:
        raise NotFound(PROTOCOL_NOT_FOUND)
    return protocol


def protocol_created(protocol: dict) -> dict:
    return {"protocolo": protocol["id"], "status": protocol["status"], "data_criacao": protocol["data_criacao"]}


def protocol_view(protocol: dict) -> dict:
    return {"id": protocol["id"], "protocolo": protocol["id"], "status": protocol["status"],
            "resposta": protocol["resposta"], "evento_financeiro_id": protocol["evento_financeiro_id"],
            "data_criacao": protocol["data_criacao"]}


def sync_sale_receivable(world: World, company: Company, sale: dict, approved: bool) -> None:
    """An approved sale carries a receivable with its installments; other situations carry none."""
    event = company.events.get(sale["id_evento_financeiro"] or "")
    if not approved:
        if event is not None:
            event["excluido"] = True
            stamp(event, world.now())
            sale["id_evento_financeiro"] = None
        return
    account = sale["pagamento"]["id_conta_financeira"] or (default_account(company) or {}).get("id")
    fields = {"data_competencia": sale["data_venda"], "valor": sale["total"],
              "descricao": f"Venda {sale['numero']}", "observacao": sale["observacoes"] or "",
              "id_contato": sale["id_cliente"], "id_conta_financeira": account,
              "rateio": [{"id_categoria": sale["id_categoria"], "valor": sale["total"], "rateio_centro_custo": []}]
              if sale["id_categoria"] else [],
              "parcelas": [{"numero": i["numero"], "descricao": i["descricao"], "data_vencimento": i["data_vencimento"],
                            "nota": None, "id_conta_financeira": account, "metodo_pagamento": None,
                            "detalhe_valor": {"valor_bruto": i["valor"]}} for i in sale["pagamento"]["parcelas"]]}
    if event is not None:
        event["excluido"] = True
    event = new_event(world, company, RECEIVABLE, fields)
    event["id_venda"] = sale["id"]
    sale["id_evento_financeiro"] = event["id"]


def _installment_total(installment: dict) -> Decimal:
    values = installment["detalhe_valor"]
    if values.get("valor_liquido") is not None:
        return values["valor_liquido"]
    extra = (values.get("multa") or ZERO) + (values.get("juros") or ZERO)
    return values["valor_bruto"] + extra - (values.get("desconto") or ZERO)


def _status(installment: dict, total: Decimal, today: date) -> str:
    if installment["perdido"]:
        return "LOST"
    if installment["pago"] >= total:
        return "ACQUITTED"
    if installment["pago"] > 0:
        return "PARTIAL"
    return "OVERDUE" if installment["data_vencimento"] < today else "PENDING"


def installment_rows(world: World, company: Company, kind: str) -> list[dict]:
    """One row per installment of the company's live events of a kind (the search's unit)."""
    today = world.today()
    rows = []
    for event in company.events.values():
        if event.get("excluido") or event["tipo"] != kind:
            continue
        for installment in event["parcelas"]:
            total = _installment_total(installment)
            rows.append({"event": event, "installment": installment, "total": total,
                         "status": _status(installment, total, today)})
    return rows


def search(world: World, company: Company, query: Query, kind: str) -> list[dict]:
    """GET …/contas-a-pagar/buscar and …/contas-a-receber/buscar."""
    settle(world, company)
    due_from, due_to = query.date_range("data_vencimento_de", "data_vencimento_ate", required=True)
    accrual_from, accrual_to = query.date_range("data_competencia_de", "data_competencia_ate")
    changed_from, changed_to = query.changed_range()
    low, high = query.money("valor_de"), query.money("valor_ate")
    side = 0 if kind == PAYABLE else 1
    statuses = query.choices("status", sorted({names[side] for names in TRANSLATED.values()}))
    text = query.text("descricao")
    categories, centers = query.uuids("ids_categorias"), query.uuids("ids_centros_de_custo")
    accounts = query.uuids("ids_contas_financeiras")
    contacts = query.uuids("ids_fornecedores" if kind == PAYABLE else "ids_clientes")

    def matches(row: dict) -> bool:
        event, installment = row["event"], row["installment"]
        shares = event["rateio"]
        return (within(installment["data_vencimento"], due_from, due_to)
                and within(event["data_competencia"], accrual_from, accrual_to)
                and changed_between(event, changed_from, changed_to) and within(row["total"], low, high)
                and one_of(TRANSLATED[row["status"]][side], statuses)
                and contains(text, event["descricao"], installment["descricao"])
                and (not categories or any(s["id_categoria"] in categories for s in shares))
                and (not centers or any(c["id_centro_custo"] in centers
                                        for s in shares for c in s["rateio_centro_custo"]))
                and one_of(installment["id_conta_financeira"] or event["id_conta_financeira"], accounts)
                and one_of(event["id_contato"], contacts))
    rows = [row for row in installment_rows(world, company, kind) if matches(row)]
    return ordered(rows, lambda row: (row["installment"]["data_vencimento"], row["event"]["id_legado"]))


def installment_row(company: Company, row: dict) -> dict:
    event, installment = row["event"], row["installment"]
    side = 0 if event["tipo"] == PAYABLE else 1
    contact = company.people.get(event["id_contato"]) or {}
    categories = [company.categories[s["id_categoria"]] for s in event["rateio"]]
    centers = [company.cost_centers[c["id_centro_custo"]] for s in event["rateio"] for c in s["rateio_centro_custo"]]
    return {
        "id": installment["id"],
        "descricao": installment["descricao"] or event["descricao"],
        "data_vencimento": installment["data_vencimento"], "status": row["status"],
        "status_traduzido": TRANSLATED[row["status"]][side], "total": row["total"],
        "pago": installment["pago"], "nao_pago": max(row["total"] - installment["pago"], ZERO),
        "data_criacao": event["data_criacao"], "data_alteracao": event["data_alteracao"],
        "data_competencia": event["data_competencia"],
        "categorias": [{"id": c["id"], "nome": c["nome"]} for c in categories],
        "centros_custo": [{"id": c["id"], "nome": c["nome"]} for c in centers],
        "fornecedor" if event["tipo"] == PAYABLE else "cliente": {"id": contact.get("id"), "nome": contact.get("nome")},
    }


def find_installment(world: World, company: Company, installment_id: str) -> dict:
    """GET …/eventos-financeiros/parcelas/{id}: the installment of a live event, as a search row holds it."""
    settle(world, company)
    for row in installment_rows(world, company, PAYABLE) + installment_rows(world, company, RECEIVABLE):
        if row["installment"]["id"] == installment_id:
            return row
    raise NotFound(INSTALLMENT_NOT_FOUND)


def installment_detail(company: Company, row: dict) -> dict:
    """The `Parcela` of the financial spec, with its `evento`: what a search row lacks (the event's id).

    Only what the stand-in keeps is answered; settlements, attachments and charges it does not model
    are left out rather than made up.
    """
    event, installment = row["event"], row["installment"]
    account_id = installment["id_conta_financeira"] or event["id_conta_financeira"]
    account = company.accounts.get(account_id or "")
    return {
        "id": installment["id"], "indice": installment["numero"], "status": INSTALLMENT_STATUS[row["status"]],
        "valor_pago": installment["pago"], "nao_pago": max(row["total"] - installment["pago"], ZERO),
        "data_vencimento": installment["data_vencimento"],
        "descricao": installment["descricao"] or event["descricao"], "nota": installment["nota"],
        "id_conta_financeira": account_id, "conta_financeira": account_row(account) if account else None,
        "valor_composicao": {key: value for key, value in installment["detalhe_valor"].items() if value is not None},
        "valor_total_liquido": row["total"], "metodo_pagamento": installment["metodo_pagamento"],
        "data_alteracao": event["data_alteracao"], "evento": _event_summary(company, event),
    }


def _event_summary(company: Company, event: dict) -> dict:
    """`Parcela.evento`: the event's id, type, accrual date, origin and split (no notes, no contact)."""
    origin = {"origem": "VENDA", "id": event["id_venda"]} if event["id_venda"] else {"origem": "LANCAMENTO_FINANCEIRO"}
    return {"id": event["id"], "tipo": event["tipo"], "data_competencia": event["data_competencia"],
            "condicao_pagamento": {"quantidade_parcelas": len(event["parcelas"])}, "referencia": origin,
            "rateio": [_share(company, share) for share in event["rateio"]]}


def _share(company: Company, share: dict) -> dict:
    centers = [{"id_centro_custo": center["id_centro_custo"], "valor": center["valor"],
                "nome_centro_custo": company.cost_centers[center["id_centro_custo"]]["nome"]}
               for center in share["rateio_centro_custo"]]
    return {"id_categoria": share["id_categoria"], "nome_categoria": company.categories[share["id_categoria"]]["nome"],
            "valor": share["valor"], "rateio_centro_custo": centers}


def changed_events(world: World, company: Company, query: Query) -> list[dict]:
    """GET …/eventos-financeiros/alteracoes: ids of events saved within [data_inicio, data_fim]."""
    settle(world, company)
    start, end = query.local_datetime("data_inicio", required=True), query.local_datetime("data_fim", required=True)
    if start > end:
        raise BadRequest("A data de início não pode ser posterior à data de fim.")
    return ordered([e for e in company.events.values() if within(e["data_alteracao"], start, end)],
                   lambda e: e["data_alteracao"])


def changed_event_row(event: dict) -> dict:
    return {"id": event["id"], "tipo": event["tipo"], "data_alteracao": event["data_alteracao"],
            "excluido": bool(event.get("excluido"))}
