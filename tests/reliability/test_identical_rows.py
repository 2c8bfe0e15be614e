"""Identical rows are as many records, each row keeping its own ledger entry from cycle to cycle.

A row without an order key is known by its values' fingerprint and its occurrence among the
identical rows a cycle reads; a cycle reads only open rows, so the numbers held by twins
already told ✔ must be skipped, or an open twin would take a told one's entry over.
"""
from __future__ import annotations

from contaazul import NetworkError
from contaazul.resources.sales import Sales
from sheets_addon.sync.units import Unit, skip_told
from tests import wiring

HEADER = ["Cliente", "Data", "Código", "Qtd", "Preço", "Pagamento", "Condição", "Enviar?"]
CASH_SALE = ["Maria Aparecida dos Santos", "20/11/2026", "PF-KG", "2", "R$ 18,90", "Dinheiro", "À vista", "sim"]
MAPPING = {"client_name": "Cliente", "sale_date": "Data", "item_code": "Código", "quantity": "Qtd",
           "unit_price": "Preço", "payment_type": "Pagamento", "payment_condition": "Condição"}


def test_skip_told_gives_open_twins_the_numbers_no_told_twin_holds():
    units = [Unit((row,), f"row:f#{n}", "f", None, {}) for n, row in enumerate((4, 7), start=1)]
    other = Unit((9,), "order:P-1", "g", None, {})
    renumbered = skip_told([*units, other], {"row:f#1", "row:f#3"})
    assert [unit.row_key for unit in renumbered] == ["row:f#2", "row:f#4", "order:P-1"]


def test_a_twin_whose_answer_was_lost_is_looked_up_next_cycle_not_sent_again(
        connection, sheets_sandbox, contaazul_sandbox, monkeypatch):
    spreadsheet = sheets_sandbox.create_spreadsheet("Vendas no caixa", {"Vendas": [HEADER, CASH_SALE, CASH_SALE]})
    flow = wiring.make_flow(connection, "sale", spreadsheet, MAPPING)
    create, sent = Sales.create, []

    def answer_lost_on_the_second(self: Sales, body: dict) -> dict:
        sent.append(create(self, body))  # Conta Azul records it...
        if len(sent) == 2:  # ...and the second answer never arrives
            raise NetworkError("connection reset", maybe_applied=True)
        return sent[-1]

    monkeypatch.setattr(Sales, "create", answer_lost_on_the_second)
    first = wiring.run_flow(flow)  # the first twin is told ✔, the second ⏳
    monkeypatch.undo()
    second = wiring.run_flow(flow)

    assert (first.created, first.retry_later) == (1, 1)
    assert (second.created, second.recovered) == (0, 1)
    notes = [str(sale["observacoes"]) for sale in contaazul_sandbox.company().sales.values()]
    ours = [text for text in notes if f"[azulejo:{flow.id}:" in text]
    assert len(ours) == 2 and len(set(ours)) == 2  # two sales, each with its own row's marker
