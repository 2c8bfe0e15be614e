"""A sales spreadsheet as a Brazilian user would have typed it, opened through real gspread."""
from __future__ import annotations

import pytest

SALES_ROWS = [
    ["Data", "Cliente", "Valor", "Pago"],
    ["31/12/2026", "Ana Souza", "R$ 1.234,56", "VERDADEIRO"],
    ["15/01/2027", "Bruno Lima", "R$ 99,90", "FALSO"],
    ["02/02/2027", "Carla Dias", "1.500", "TRUE"],
]


@pytest.fixture
def sales_id(sheets_sandbox) -> str:
    """A spreadsheet with a 'Vendas' tab (typed as above) and a 'Vendas d'Ana' tab."""
    return sheets_sandbox.create_spreadsheet(
        "Vendas 2026", {"Vendas": SALES_ROWS, "Vendas d'Ana": [["Produto", "Qtd"], ["Pão", "12"]]})


@pytest.fixture
def sales(gspread_client, sales_id):
    """The sales spreadsheet opened with gspread (open_by_key)."""
    return gspread_client.open_by_key(sales_id)


@pytest.fixture
def vendas(sales):
    return sales.worksheet("Vendas")
