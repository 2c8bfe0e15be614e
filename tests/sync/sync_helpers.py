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


def sale_row(**cells: Any) -> dict[str, Any]:
    """One row of the bakery's sales sheet: Maria buys 2 kg of bread, Pix, in 3x."""
    return {"Pedido": "P-1", "Cliente": "Maria Aparecida dos Santos", "Data": "15/03/2026",
            "Código": "PF-KG", "Qtd": "2", "Preço": "R$ 18,90", "Pagamento": "Pix", "Condição": "3x", **cells}


CONTRACT_ROW = {"Contrato": "C-7", "Cliente": "Café Bom Dia Ltda", "Produto": "Pão Francês (kg)", "Qtd": "60",
                "Preço": "R$ 17,50", "Início": "01/04/2026", "Dia de vencimento": "10", "Pagamento": "Boleto",
                "Categoria": "Vendas para Empresas", "Vendedor": "Juliana Ferreira",
                "Observações": "Entrega diária às 6h"}
FLOUR_BILL = {"Fornecedor": "Moinho Paulista Farinhas Ltda", "Descrição": "Farinha de trigo - 40 sacos",
              "Valor": "R$ 5.280,00", "Vencimento": "10/04/2026", "Competência": "31/03/2026", "Parcelas": "3",
              "Forma de pagamento": "boleto", "Categoria": "Matéria-prima", "Centro de custo": "Produção",
              "NF": "004512", "Observações": "Pedido semanal"}


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
