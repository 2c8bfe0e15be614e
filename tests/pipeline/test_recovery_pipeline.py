"""What the ledger does when a cycle dies or Conta Azul cannot answer: never a second record."""
from __future__ import annotations

import pytest
from gspread.utils import absolute_range_name

from sheets_addon.db import get_session
from sheets_addon.models import RowRecord
from sheets_addon.sync.ledger import Ledger

HEADER = ["Pedido", "Cliente", "CPF/CNPJ", "Data", "Código", "Qtd", "Preço", "Enviar?"]
MAPPING = {"order_key": "Pedido", "client_name": "Cliente", "client_document": "CPF/CNPJ",
           "sale_date": "Data", "item_code": "Código", "quantity": "Qtd", "unit_price": "Preço"}


class SimulatedCrash(BaseException):
    """The process dies here (raised past every handler, like a SIGKILL would stop it)."""


def status(sheets_sandbox, spreadsheet, row):
    cells = sheets_sandbox.read(spreadsheet, absolute_range_name("Vendas", f"I{row}"))
    return cells[0][0] if cells else ""


@pytest.fixture
def order_sheet(sheets_sandbox):
    rows = [HEADER, ["R-1", "Joana Prado", "529.982.247-25", "20/11/2026", "PF-KG", "3", "18,90", "x"]]
    return sheets_sandbox.create_spreadsheet("Recuperação", {"Vendas": rows})


def test_an_intent_whose_lookup_fails_stays_pending_and_is_finished_once(
        order_sheet, make_flow, run_cycle, sheets_sandbox, contaazul_sandbox, monkeypatch):
    flow = make_flow("sale", order_sheet, MAPPING)
    before = len(contaazul_sandbox.company().sales)
    record_intent = Ledger.record_intent

    def intent_then_die(self, *args, **kwargs):
        record_intent(self, *args, **kwargs)
        raise SimulatedCrash

    monkeypatch.setattr(Ledger, "record_intent", intent_then_die)
    with pytest.raises(SimulatedCrash):
        run_cycle(flow)
    monkeypatch.undo()
    get_session().rollback()
    [record] = get_session().query(RowRecord).all()
    assert record.state == "pending" and record.row_key == "order:R-1"

    contaazul_sandbox.configure_faults(error_rate=1.0, fail_status=503)
    down = run_cycle(flow)
    assert down.retry_later == 1 and down.created == 0
    assert status(sheets_sandbox, order_sheet, 2).startswith("⏳")
    get_session().refresh(record)
    assert record.state == "pending" and record.intent

    contaazul_sandbox.configure_faults(error_rate=0.0)
    back = run_cycle(flow)
    assert back.created + back.recovered == 1
    assert len(contaazul_sandbox.company().sales) == before + 1
    assert status(sheets_sandbox, order_sheet, 2).startswith("✔ Venda")
    assert run_cycle(flow).created == 0


def test_a_crash_after_the_create_is_finished_by_lookup_not_by_a_second_sale(
        order_sheet, make_flow, run_cycle, sheets_sandbox, contaazul_sandbox, monkeypatch):
    flow = make_flow("sale", order_sheet, MAPPING)
    before = len(contaazul_sandbox.company().sales)
    monkeypatch.setattr(Ledger, "record_done", lambda *args, **kwargs: (_ for _ in ()).throw(SimulatedCrash))
    with pytest.raises(SimulatedCrash):
        run_cycle(flow)
    monkeypatch.undo()
    get_session().rollback()
    assert len(contaazul_sandbox.company().sales) == before + 1

    report = run_cycle(flow)

    assert (report.recovered, report.created) == (1, 0)
    assert len(contaazul_sandbox.company().sales) == before + 1
    assert status(sheets_sandbox, order_sheet, 2).startswith("✔ Venda")


def test_new_rows_under_an_order_already_sent_are_refused_and_the_sale_is_kept(
        order_sheet, make_flow, run_cycle, sheets_sandbox, contaazul_sandbox):
    flow = make_flow("sale", order_sheet, MAPPING)
    run_cycle(flow)
    count = len(contaazul_sandbox.company().sales)
    sheets_sandbox.type_cells(order_sheet, absolute_range_name("Vendas", "A3:H3"),
                              [["R-1", "Joana Prado", "529.982.247-25", "20/11/2026", "SRV-CB", "1", "35,00", "x"]])

    report = run_cycle(flow)

    assert report.created == 0
    assert 'pedido "R-1" já foi enviado' in status(sheets_sandbox, order_sheet, 3)
    assert len(contaazul_sandbox.company().sales) == count
    [record] = get_session().query(RowRecord).all()
    assert record.state == "done" and record.contaazul_id


BILL_HEADER = ["Fornecedor", "Descrição", "Valor", "Vencimento", "Enviar?"]
FLOUR = ["Moinho Paulista Farinhas Ltda", "Farinha de trigo - lote 5512", "R$ 5.280,00", "10/12/2026", "x"]
BILL_MAPPING = {"supplier_name": "Fornecedor", "description": "Descrição", "amount": "Valor", "due_date": "Vencimento"}


def test_a_bill_whose_twin_died_before_its_create_is_created_not_taken_from_the_twin(
        make_flow, run_cycle, sheets_sandbox, contaazul_sandbox, monkeypatch):
    """Two identical bills: the second row's intent is recorded, then the worker dies. Its lookup
    finds the first row's bill (search rows cannot tell twins apart), which that row already holds."""
    sheet = sheets_sandbox.create_spreadsheet("Contas", {"Contas": [BILL_HEADER, FLOUR, FLOUR]})
    flow = make_flow("payable", sheet, BILL_MAPPING, worksheet="Contas")
    record_intent, intents = Ledger.record_intent, []

    def second_intent_then_die(self, *args, **kwargs):
        intents.append(record_intent(self, *args, **kwargs))
        if len(intents) == 2:
            raise SimulatedCrash
        return intents[-1]

    monkeypatch.setattr(Ledger, "record_intent", second_intent_then_die)
    with pytest.raises(SimulatedCrash):
        run_cycle(flow)
    monkeypatch.undo()
    get_session().rollback()

    report = run_cycle(flow)

    bills = [e["id"] for e in contaazul_sandbox.company().events.values() if e["descricao"] == FLOUR[1]]
    held = [record.contaazul_id for record in get_session().query(RowRecord).order_by(RowRecord.row_key)]
    assert (report.recovered, report.created) == (0, 1)
    assert len(bills) == 2 and sorted(held) == sorted(bills)  # each row its own bill, by the event's id
