"""What the person would see on Conta Azul's screens: the connected company's customers, sales and bills.

Read straight from the Conta Azul stand-in's world (as its screens would be), newest first;
records made after the try-it page started are marked new, so the sale a row just became
stands out.
"""
from __future__ import annotations

from datetime import datetime
from typing import Any

from sandbox.contaazul.documents import bare
from sandbox.contaazul.model import finance
from sandbox.contaazul.model.common import brl
from sandbox.contaazul.model.people import format_document
from sandbox.contaazul.world import Company, World

SHOWN = 8  # per list; the page is a glance, not Conta Azul


def find_company(world: World, document: str) -> Company | None:
    """The company with this CNPJ (its mask ignored; letters count, so two alphanumeric CNPJs never meet)."""
    wanted = bare(document)
    with world.lock:
        return next((c for c in world.companies.values() if bare(c.documento) == wanted), None) if wanted else None


def company_records(world: World, company: Company, since: datetime) -> dict[str, Any]:
    """The company's newest customers, sales, payables and receivables, as plain JSON."""
    with world.lock:
        finance.settle(world, company)  # Conta Azul's screen shows a bill once its protocol is done
        people = [p for p in company.people.values() if "Cliente" in p["perfis"]]
        bills = [e for e in company.events.values() if not e.get("excluido") and not e.get("id_venda")]
        return {
            "company": {"name": company.razao_social, "document": format_document(company.documento)},
            "customers": _newest(people, since, _customer),
            "sales": _newest(list(company.sales.values()), since, lambda sale: _sale(company, sale)),
            "payables": _newest([e for e in bills if e["tipo"] == finance.PAYABLE], since,
                                lambda event: _bill(company, event)),
            "receivables": _newest([e for e in bills if e["tipo"] == finance.RECEIVABLE], since,
                                   lambda event: _bill(company, event)),
        }


def _newest(records: list[dict], since: datetime, view) -> dict[str, Any]:
    ordered = sorted(records, key=lambda r: (r["data_criacao"], r["id_legado"]), reverse=True)
    shown = [{**view(r), "id": r["id"], "new": r["data_criacao"] >= since} for r in ordered[:SHOWN]]
    return {"total": len(records), "new": sum(1 for r in records if r["data_criacao"] >= since), "items": shown}


def _customer(person: dict) -> dict[str, Any]:
    return {"name": person["nome"], "document": format_document(person["documento"] or ""), "email": person["email"] or ""}


def _sale(company: Company, sale: dict) -> dict[str, Any]:
    client = company.people.get(sale["id_cliente"]) or {}
    items = "; ".join(f"{_quantity(line['quantidade'])} × {line['nome']}" for line in sale["itens"])
    return {"number": sale["numero"], "date": sale["data_venda"].strftime("%d/%m/%Y"),
            "client": client.get("nome", ""), "total": brl(sale["total"]), "situation": sale["situacao"],
            "items": items}


def _bill(company: Company, event: dict) -> dict[str, Any]:
    contact = company.people.get(event["id_contato"]) or {}
    first_due = min(installment["data_vencimento"] for installment in event["parcelas"])
    return {"description": event["descricao"], "contact": contact.get("nome", ""), "total": brl(event["valor"]),
            "due": first_due.strftime("%d/%m/%Y"), "installments": len(event["parcelas"])}


def _quantity(value) -> str:
    text = f"{value:f}".rstrip("0").rstrip(".") if "." in f"{value:f}" else f"{value:f}"
    return text.replace(".", ",")
