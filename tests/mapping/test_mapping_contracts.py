"""Contract rows: recurring sales, defaults for what a sheet usually leaves blank."""
from datetime import date
from decimal import Decimal

from sheets_addon.mapping import group_contract_rows, parse_row
from sheets_addon.mapping.parsers import Frequency

MAPPING = {"order_key": "Contrato", "client_document": "CNPJ", "item_name": "Serviço",
           "quantity": "Qtd", "unit_price": "Mensalidade", "frequency": "Frequência",
           "start_date": "Início", "end_date": "Fim", "issue_day": "Dia de emissão",
           "due_day": "Dia de vencimento", "first_due_date": "Primeiro vencimento",
           "payment_type": "Forma de pagamento"}


def contract_rows(*rows):
    parsed = []
    for number, cells in enumerate(rows, start=2):
        row = {header: None for header in MAPPING.values()}
        row.update({MAPPING[key]: value for key, value in cells.items()})
        parsed.append((number, parse_row("contract", MAPPING, row)))
    return group_contract_rows(parsed)


OFICINA = dict(client_document="11.222.333/0001-81", start_date="15/01/2026")


def test_a_monthly_contract_with_two_services_and_usual_defaults():
    [group] = contract_rows(
        dict(order_key="C-7", **OFICINA, item_name="Manutenção preventiva", unit_price="R$ 450,00",
             payment_type="boleto"),
        dict(order_key="C-7", item_name="Suporte remoto", unit_price=150, quantity=2),
    )
    contract = group.draft
    assert group.ok and group.rows == (2, 3)
    assert contract.frequency == Frequency("MENSAL", 1)
    assert contract.end_date is None  # tipo_expiracao NUNCA
    assert (contract.issue_day, contract.due_day, contract.first_due_date) == (15, 15, date(2026, 1, 15))
    assert contract.total == Decimal("750.00")
    assert contract.payment_type == "BOLETO_BANCARIO"


def test_explicit_terms():
    [group] = contract_rows(dict(**OFICINA, item_name="Hospedagem", unit_price=1200, frequency="anual",
                                 end_date="14/01/2028", issue_day="dia 20", due_day=5))
    contract = group.draft
    assert contract.frequency == Frequency("ANUAL", 1)
    assert contract.end_date == date(2028, 1, 14)
    assert (contract.issue_day, contract.due_day) == (20, 5)
    assert contract.first_due_date == date(2026, 2, 5)  # the first 5th on or after 15/01


def test_open_ended_words_and_end_before_start():
    [open_ended] = contract_rows(dict(**OFICINA, item_name="Suporte", unit_price=100, end_date="sem fim"))
    assert open_ended.draft.end_date is None
    [backwards] = contract_rows(dict(**OFICINA, item_name="Suporte", unit_price=100, end_date="01/01/2026"))
    assert [error.message for error in backwards.errors[2]] == [
        'Data de fim antes do início na coluna "Fim": a data de início não pode ser posterior à data de fim']


def test_first_due_date_sets_the_due_day_when_not_given():
    [group] = contract_rows(dict(**OFICINA, item_name="Suporte", unit_price=100, first_due_date="10/02/2026"))
    assert (group.draft.due_day, group.draft.first_due_date) == (10, date(2026, 2, 10))
