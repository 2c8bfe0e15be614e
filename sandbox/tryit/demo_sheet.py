"""The try-it page's spreadsheet: what a small bakery keeps in Google Sheets before Azulejo.

Rows are typed into the Sheets stand-in as a person would (USER_ENTERED, pt_BR), so dates and
money become real dates and numbers. The "Vendas" tab already has three rows marked "sim" in
"Enviar?" (one with a wrong CPF, on purpose, for the preview) and two waiting to be marked.
Codes, categories and payment terms are the Padaria Aurora's in the Conta Azul stand-in.
"""
from __future__ import annotations

from datetime import date, timedelta

TITLE = "Padaria Aurora — controle"
SALES_TAB, CUSTOMERS_TAB, BILLS_TAB = "Vendas", "Clientes", "Contas a pagar"

SALES_HEADER = ["Pedido", "Cliente", "CPF/CNPJ", "Data", "Código", "Qtd", "Preço", "Pagamento", "Condição",
                "Categoria", "Enviar?"]
CUSTOMERS_HEADER = ["Nome", "CPF/CNPJ", "E-mail", "Celular", "Cidade", "Estado (UF)", "Enviar?"]
BILLS_HEADER = ["Fornecedor", "CNPJ", "Descrição", "Valor", "Vencimento", "Categoria", "Enviar?"]


def demo_tabs(today: date | None = None) -> dict[str, list[list[str]]]:
    """The tabs and their rows, dated around `today` so the sales are recent."""
    today = today or date.today()
    day = _day(today)
    return {
        SALES_TAB: [
            SALES_HEADER,
            ["P-101", "Joana Prado", "529.982.247-25", day(-2), "PF-KG", "2", "R$ 18,90", "Pix", "À vista",
             "Vendas de Mercadorias", "sim"],
            ["P-101", "Joana Prado", "529.982.247-25", day(-2), "CF-500", "1", "R$ 29,90", "Pix", "À vista",
             "Vendas de Mercadorias", "sim"],
            ["P-102", "Rafael Nunes", "123.456.789-00", day(-1), "BL-CEN", "1", "R$ 38,00", "Dinheiro", "À vista",
             "Vendas de Mercadorias", "sim"],
            ["P-103", "Mercado Sol Ltda", "11.222.333/0001-81", day(0), "PQ-1KG", "4", "R$ 42,00", "Boleto",
             "30/60", "Vendas para Empresas", ""],
            ["P-104", "Lívia Castro", "111.444.777-35", day(0), "SN-CRM", "6", "R$ 7,00", "Cartão de crédito",
             "À vista", "Vendas de Mercadorias", ""],
        ],
        CUSTOMERS_TAB: [
            CUSTOMERS_HEADER,
            ["Joana Prado", "529.982.247-25", "joana.prado@example.com", "(11) 98888-1234", "São Paulo", "SP", ""],
            ["Mercado Sol Ltda", "11.222.333/0001-81", "compras@mercadosol.example.com", "(11) 3333-4444",
             "Santo André", "SP", ""],
        ],
        BILLS_TAB: [
            BILLS_HEADER,
            ["Moinho Paulista Farinhas Ltda", "", "Farinha de trigo - 20 sacos", "R$ 2.640,00", day(10),
             "Matéria-prima", ""],
            ["Laticínios Serra Azul Ltda", "", "Manteiga e creme de leite", "R$ 915,40", day(15), "Matéria-prima", ""],
        ],
    }


def _day(today: date):
    def day(offset: int) -> str:
        return (today + timedelta(days=offset)).strftime("%d/%m/%Y")
    return day
