"""A Brazilian bakery's spreadsheet, generated from a seed: customers, sales orders and payables.

Rows are typed the way Padaria Aurora's people type them ("R$ 18,90", "20/11/2026",
"529.982.247-25"); every CPF and CNPJ is new and valid (check digits from the parser's own
rule); products come from the demo catalogue of the Conta Azul stand-in. The same seed
always gives the same sheet, so a failing crash run can be replayed.
"""
from __future__ import annotations

import random
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from itertools import count

from sandbox.contaazul.demo_catalog import PADARIA
from sheets_addon.mapping.parsers import check_digits
from sheets_addon.mapping.parsers.documents import Document

TRIGGER = "Enviar?"
Row = list[str]


@dataclass(frozen=True)
class Tab:
    """One tab of the sheet and the flow that reads it."""

    kind: str
    title: str
    mapping: dict[str, str]
    rows: list[Row]  # header first

    @property
    def header(self) -> Row:
        return self.rows[0]


FIRST_NAMES = ("Ana", "Bruno", "Carla", "Diego", "Eduarda", "Felipe", "Gabriela", "Heitor", "Isabela", "João",
               "Larissa", "Marcos", "Natália", "Otávio", "Paula", "Rafael", "Sabrina", "Thiago", "Vitória", "Wagner")
SURNAMES = ("Silva", "Souza", "Oliveira", "Pereira", "Lima", "Carvalho", "Ferreira", "Rodrigues", "Almeida",
            "Nascimento", "Araújo", "Ribeiro", "Gonçalves", "Barbosa", "Cardoso", "Teixeira", "Moreira", "Correia")
BUSINESSES = ("Mercadinho", "Lanchonete", "Empório", "Café", "Restaurante", "Buffet", "Hotel", "Escola")
SUPPLIER_TRADES = ("Distribuidora", "Atacadista", "Comercial", "Indústria")
CITIES = (("São Paulo", "SP"), ("Santo André", "SP"), ("Campinas", "SP"), ("Guarulhos", "SP"), ("Osasco", "SP"))
PAYMENTS = (("Pix", "À vista"), ("Dinheiro", "À vista"), ("Cartão de crédito", "3x"), ("Boleto", "30, 60, 90"))
SALE_CATEGORIES = ("Vendas de Mercadorias", "Vendas por Encomenda", "Vendas para Empresas")
EXPENSES = (  # (what was bought, category, cost centre, typical value)
    ("Farinha de trigo 25 sacos", "Matéria-prima", "Produção", 2150),
    ("Fermento e melhoradores", "Insumos de Produção", "Produção", 480),
    ("Leite integral 200 L", "Matéria-prima", "Produção", 940),
    ("Embalagens kraft para pão", "Embalagens", "Loja Vila Mariana", 610),
    ("Gás de cozinha P45", "Gás de Cozinha", "Produção", 1380),
    ("Conta de energia da loja", "Energia Elétrica", "Loja Vila Mariana", 2890),
    ("Manutenção do forno", "Manutenção de Equipamentos", "Produção", 750),
    ("Material de limpeza do mês", "Material de Limpeza", "Loja Vila Mariana", 320),
)
KNOWN_SUPPLIERS = ("Moinho Paulista Farinhas Ltda", "Laticínios Serra Azul Ltda", "Embalagens Nova Era Ltda")
KNOWN_CLIENTS = ("Maria Aparecida dos Santos", "Café Bom Dia Ltda", "Hotel Ipiranga Ltda")


class Bakery:
    """Draws names, documents and amounts from one seeded generator; documents never repeat."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self._documents: set[str] = set()
        self._names: set[str] = set()

    def document(self, company: bool) -> str:
        """A new valid CNPJ (a head office, "/0001") or CPF, punctuated as people type it."""
        while True:
            base = f"{self.rng.randrange(10**8):08d}0001" if company else f"{self.rng.randrange(10**9):09d}"
            if base not in self._documents and len(set(base)) > 1:
                self._documents.add(base)
                return Document(base + check_digits(base)).formatted

    def person_name(self) -> str:
        return self._new_name(lambda: f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(SURNAMES)} "
                                      f"{self.rng.choice(SURNAMES)}")

    def business_name(self, trades: tuple[str, ...] = BUSINESSES) -> str:
        return self._new_name(lambda: f"{self.rng.choice(trades)} {self.rng.choice(SURNAMES)} & "
                                      f"{self.rng.choice(SURNAMES)} Ltda")

    def _new_name(self, draw: Callable[[], str]) -> str:
        while (name := draw()) in self._names:
            pass
        self._names.add(name)
        return name

    def party(self) -> tuple[str, str]:
        """(name, CPF/CNPJ) of a new person or company, one in three a company."""
        company = self.rng.random() < 1 / 3
        return (self.business_name() if company else self.person_name()), self.document(company)

    def day(self) -> str:
        return f"{self.rng.randint(16, 20)}/11/2026"


def customers_tab(bakery: Bakery, count: int) -> Tab:
    """New customers with CPF or CNPJ, e-mail, mobile and city: one row, one person."""
    rows: list[Row] = [["Nome", "CPF/CNPJ", "E-mail", "Celular", "Cidade", "UF", TRIGGER]]
    for _ in range(count):
        name, document = bakery.party()
        city, state = bakery.rng.choice(CITIES)
        phone = f"(11) 9{bakery.rng.randrange(8000, 9999)}-{bakery.rng.randrange(10000):04d}"
        rows.append([name, document, email_of(name), phone, city, state, "sim"])
    mapping = {"name": "Nome", "document": "CPF/CNPJ", "email": "E-mail", "mobile_phone": "Celular",
               "city": "Cidade", "state": "UF"}
    return Tab("customer", "Clientes", mapping, rows)


def sales_tab(bakery: Bakery, lines: int, clients: int = 12, new_clients: Sequence[tuple[str, str]] = (),
              title: str = "Vendas") -> Tab:
    """Orders of one to four item lines each, `lines` rows in all, from a small pool of clients
    (some new, with a CPF/CNPJ; some already in Conta Azul, by name), several orders a day each.
    `new_clients` (name, CPF/CNPJ) replace the `clients` drawn, e.g. to share clients between tabs."""
    drawn = list(new_clients) or [bakery.party() for _ in range(clients)]
    pool = drawn + [(name, "") for name in KNOWN_CLIENTS]
    products = [(code, price) for _, code, price, _, active in PADARIA.products if active]
    rows: list[Row] = [["Pedido", "Cliente", "CPF/CNPJ", "Data", "Código", "Qtd", "Preço", "Pagamento",
                        "Condição", "Categoria", TRIGGER]]
    for number in count(1):
        if len(rows) - 1 >= lines:
            break
        client, document = bakery.rng.choice(pool)
        payment, condition = bakery.rng.choice(PAYMENTS)
        order = [f"PED-{number:04d}", client, document, bakery.day()]
        tail = [payment, condition, bakery.rng.choice(SALE_CATEGORIES), "sim"]
        for code, price in bakery.rng.sample(products, min(bakery.rng.randint(1, 4), lines + 1 - len(rows))):
            quantity = str(bakery.rng.randint(1, 12))
            rows.append([*order, code, quantity, money(Decimal(price)), *tail])
    mapping = {"order_key": "Pedido", "client_name": "Cliente", "client_document": "CPF/CNPJ",
               "sale_date": "Data", "item_code": "Código", "quantity": "Qtd", "unit_price": "Preço",
               "payment_type": "Pagamento", "payment_condition": "Condição", "category": "Categoria"}
    return Tab("sale", title, mapping, rows)


def payables_tab(bakery: Bakery, count: int, twins: int = 0) -> Tab:
    """Supplier bills, each with its own invoice number; some in installments, some from new
    suppliers (with CNPJ), the rest from suppliers Conta Azul already has (by name). `twins` of
    them appear twice, identical: two rows, two bills (the same delivery, billed twice)."""
    new_suppliers = [(bakery.business_name(SUPPLIER_TRADES), bakery.document(True)) for _ in range(4)]
    suppliers = new_suppliers + [(name, "") for name in KNOWN_SUPPLIERS]
    rows: list[Row] = [["Fornecedor", "CNPJ", "Descrição", "Valor", "Vencimento", "Parcelas", "Categoria",
                        "Centro de custo", "NF", TRIGGER]]
    for invoice in bakery.rng.sample(range(1000, 99999), count):
        supplier, document = bakery.rng.choice(suppliers)
        what, category, cost_center, typical = bakery.rng.choice(EXPENSES)
        value = Decimal(typical) * Decimal(bakery.rng.randint(80, 120)) / 100
        installments = bakery.rng.choice(("", "", "2", "3"))
        rows.append([supplier, document, f"{what} - NF {invoice:06d}", money(value),
                     f"{bakery.rng.randint(1, 28):02d}/12/2026", installments, category, cost_center,
                     f"{invoice:06d}", "sim"])
    for row in bakery.rng.sample(rows[1:], twins):
        rows.insert(bakery.rng.randint(1, len(rows)), list(row))
    mapping = {"supplier_name": "Fornecedor", "supplier_document": "CNPJ", "description": "Descrição",
               "amount": "Valor", "due_date": "Vencimento", "installments": "Parcelas", "category": "Categoria",
               "cost_center": "Centro de custo", "invoice_number": "NF"}
    return Tab("payable", "Contas a pagar", mapping, rows)


def money(value: Decimal) -> str:
    """R$ 1.234,56, as a Brazilian types it."""
    whole, cents = f"{value.quantize(Decimal('0.01')):,.2f}".split(".")
    return f"R$ {whole.replace(',', '.')},{cents}"


def email_of(name: str) -> str:
    """contato@mercadinho-silva-souza.com.br for a company, ana.silva.souza@gmail.com for a person."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    words = [word for word in plain.split() if word.isalnum()]
    if words[-1] == "ltda":
        return f"contato@{'-'.join(words[:-1])}.com.br"
    return f"{'.'.join(words)}@gmail.com"
