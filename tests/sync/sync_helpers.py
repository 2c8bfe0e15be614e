"""Sheet rows -> drafts through the real mapping, and small readers of the stand-in's state.

Tests write rows the way a Brazilian bakery's sheet has them ("R$ 18,90", "15/03/2026"), so
the actions are exercised with exactly what the mapping hands them.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sheets_addon.mapping import group_contract_rows, group_sale_rows, parse_row
from sheets_addon.mapping.parsers import check_digits

SALE_COLUMNS = {
    "order_key": "Pedido", "client_name": "Cliente", "client_document": "CPF/CNPJ",
    "client_email": "E-mail", "sale_date": "Data", "item_code": "Código", "item_name": "Produto",
    "quantity": "Qtd", "unit_price": "Preço", "discount": "Desconto", "freight": "Frete",
    "payment_type": "Pagamento", "payment_condition": "Condição", "category": "Categoria",
    "cost_center": "Centro de custo", "seller": "Vendedor", "financial_account": "Conta",
    "status": "Situação", "notes": "Observações",
}
CONTRACT_COLUMNS = {
    "order_key": "Contrato", "client_name": "Cliente", "client_document": "CPF/CNPJ",
    "item_code": "Código", "item_name": "Produto", "quantity": "Qtd", "unit_price": "Preço",
    "frequency": "Frequência", "start_date": "Início", "end_date": "Fim", "due_day": "Dia de vencimento",
    "payment_type": "Pagamento", "financial_account": "Conta", "category": "Categoria",
    "cost_center": "Centro de custo", "seller": "Vendedor", "notes": "Observações",
}
CUSTOMER_COLUMNS = {
    "name": "Nome", "document": "CPF/CNPJ", "email": "E-mail", "mobile_phone": "Celular",
    "phone": "Telefone", "cep": "CEP", "street": "Endereço", "street_number": "Número",
    "district": "Bairro", "city": "Cidade", "state": "UF", "notes": "Observações",
}
PAYABLE_COLUMNS = {
    "supplier_name": "Fornecedor", "supplier_document": "CNPJ", "supplier_email": "E-mail",
    "description": "Descrição", "amount": "Valor", "due_date": "Vencimento", "competence_date": "Competência",
    "installments": "Parcelas", "payment_type": "Forma de pagamento", "financial_account": "Conta",
    "category": "Categoria", "cost_center": "Centro de custo", "invoice_number": "NF", "notes": "Observações",
}
RECEIVABLE_COLUMNS = {
    "client_name": "Cliente", "client_document": "CPF/CNPJ", "description": "Descrição", "amount": "Valor",
    "due_date": "Vencimento", "financial_account": "Conta", "category": "Categoria", "notes": "Observações",
}


def draft_of(kind: str, mapping: Mapping[str, str], *rows: Mapping[str, Any]) -> tuple[Any, Mapping[str, str]]:
    """The draft the mapping makes of `rows` (cells by header; missing headers are blank)."""
    parsed = [parse_row(kind, mapping, {header: row.get(header, "") for header in mapping.values()})
              for row in rows]
    assert all(p.ok for p in parsed), [str(e) for p in parsed for e in p.errors]
    if kind in ("sale", "contract"):
        group = group_sale_rows if kind == "sale" else group_contract_rows
        [order] = group(list(enumerate(parsed)))
        assert order.ok, order.errors
        return order.draft, parsed[0].columns
    return parsed[0].draft, parsed[0].columns


def new_cpf(seed: int) -> str:
    """A valid CPF nobody in the demo companies has, as people type it."""
    base = f"{seed:09d}"[-9:]
    digits = base + check_digits(base)
    return f"{digits[:3]}.{digits[3:6]}.{digits[6:9]}-{digits[9:]}"


def by_name(records: Mapping[str, dict], name: str, field: str = "nome") -> dict:
    return next(r for r in records.values() if r.get(field) == name)


def counts(company: Any) -> dict[str, int]:
    """How many records of each kind the company has: a dry run must leave these unchanged."""
    kinds = ("people", "sales", "contracts", "events", "protocols", "cost_centers")
    return {kind: len(getattr(company, kind)) for kind in kinds}
