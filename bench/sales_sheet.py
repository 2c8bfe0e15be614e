"""A bakery's sales sheet of any size, as it stands after months of use.

Most rows were sent long ago (`✔`), some wait with an error to fix (`✖`), the newest few are
ticked and not sent yet, and some were never ticked; before the next cycle the person ticks
a few of those. Rows use the demo company's own active clients and products, so the only
Conta Azul calls are the sales themselves and a handful of cached lookups.
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from math import ceil

from sandbox.contaazul import SandboxServer
from sandbox.sheets import SheetsSandboxServer
from sheets_addon.mapping.parsers.documents import Document

TAB = "Vendas"
HEADER = ["Pedido", "Cliente", "CPF/CNPJ", "Data", "Código", "Qtd", "Preço", "Pagamento", "Condição",
          "Categoria", "Enviar?", "Status Azulejo"]
MAPPING = {"order_key": "Pedido", "client_name": "Cliente", "client_document": "CPF/CNPJ",
           "sale_date": "Data", "item_code": "Código", "quantity": "Qtd", "unit_price": "Preço",
           "payment_type": "Pagamento", "payment_condition": "Condição", "category": "Categoria"}
TRIGGER_COLUMN = chr(ord("A") + HEADER.index("Enviar?"))
ERROR_STATUS = '✖ "Qtd": informe um número'  # an earlier cycle's words; the first cycle here writes its own


@dataclass(frozen=True)
class Mix:
    """How many rows of each kind a sheet has (they add up to `rows`)."""

    rows: int
    new: int               # ticked, no status yet: the next cycle sends them
    errors: int            # ticked, `✖`: read every cycle, sent only once fixed
    unticked: int          # not ticked; the person ticks `per_cycle` of them before each later cycle
    per_cycle: int

    @property
    def done(self) -> int:
        return self.rows - self.new - self.errors - self.unticked

    @classmethod
    def typical(cls, rows: int) -> Mix:
        """1% new (at most 50), 0.2% errors (at most 200), 1% unticked (at least 2), 1-25 ticked per cycle."""
        new, errors, unticked = min(50, ceil(rows / 100)), min(200, ceil(rows / 500)), max(2, ceil(rows / 100))
        if new + errors + unticked > rows:
            raise ValueError(f"a sheet of {rows} rows is too small for a mix")
        return cls(rows, new, errors, unticked, min(25, unticked // 2))

    @classmethod
    def all_new(cls, rows: int) -> Mix:
        return cls(rows, rows, 0, 0, 0)


@dataclass
class SalesSheet:
    spreadsheet_id: str
    mix: Mix
    unticked: list[int]  # sheet row numbers (1-based; the header is row 1), in the order they get ticked

    def tick_some(self, sheets: SheetsSandboxServer) -> None:
        """The person ticks "Enviar?" on `per_cycle` older rows, one cell at a time."""
        for row in self.unticked[: self.mix.per_cycle]:
            sheets.type_cells(self.spreadsheet_id, f"{TAB}!{TRIGGER_COLUMN}{row}", [["sim"]])
        del self.unticked[: self.mix.per_cycle]


def create_sales_sheet(sheets: SheetsSandboxServer, contaazul: SandboxServer, mix: Mix,
                       seed: int = 7) -> SalesSheet:
    """Types the whole sheet in one go (the stand-in's in-process control, pt_BR typing)."""
    clients, products = _clients(contaazul), _product_codes(contaazul)
    rng = random.Random(seed)
    history = mix.rows - mix.new  # the new rows are the last ones, as people append
    picked = rng.sample(range(history), mix.errors + mix.unticked)
    errors, unticked = set(picked[: mix.errors]), picked[mix.errors:]
    rows = [HEADER]
    for index in range(mix.rows):
        name, document = clients[index % len(clients)]
        quantity, trigger, status = "2", "sim", f"✔ Venda {index + 1} criada"
        if index >= history:
            status = ""
        elif index in errors:
            quantity, status = "dois", ERROR_STATUS
        elif index in unticked:
            trigger, status = "", ""
        rows.append([f"P-{index + 1:06d}", name, document, "20/11/2026", products[index % len(products)],
                     quantity, "R$ 18,90", "Pix", "À vista", "Vendas de Mercadorias", trigger, status])
    spreadsheet_id = sheets.create_spreadsheet(f"Vendas ({mix.rows} linhas)", {TAB: rows})
    return SalesSheet(spreadsheet_id, mix, [index + 2 for index in unticked])


def _clients(contaazul: SandboxServer) -> list[tuple[str, str]]:
    """The demo company's active clients with a document, as a person types them."""
    people = contaazul.company().people.values()
    return [(p["nome"], Document(p["documento"]).formatted) for p in people
            if p.get("ativo") and "Cliente" in p.get("perfis", ()) and p.get("documento")]


def _product_codes(contaazul: SandboxServer) -> list[str]:
    products = contaazul.company().products.values()
    return [p["codigo_sku"] for p in products if p.get("ativo") and p.get("codigo_sku")][:5]
