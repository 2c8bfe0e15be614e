"""Payables and receivables: one row, one bill, optionally in monthly installments."""
from datetime import date
from decimal import Decimal

from sheets_addon.mapping import FinancialDraft, Party, parse_row
from sheets_addon.mapping.parsers import Document, Installment

PAYABLE = {"supplier_name": "Fornecedor", "supplier_document": "CNPJ", "description": "Descrição",
           "amount": "Valor", "due_date": "Vencimento", "competence_date": "Competência",
           "category": "Categoria", "cost_center": "Centro de custo", "financial_account": "Conta",
           "payment_type": "Forma de pagamento", "installments": "Parcelas", "notes": "Obs"}


def bill(**cells):
    row = {header: None for header in PAYABLE.values()}
    row.update({PAYABLE[key]: value for key, value in cells.items()})
    return row


def test_a_supplier_bill():
    parsed = parse_row("payable", PAYABLE, bill(
        supplier_name="Moinho Paulista S.A.", supplier_document="33.000.167/0001-01",
        description="Farinha de trigo - NF 5521", amount="R$ 2.350,90", due_date="10/02/2026",
        competence_date=46023, category="Matéria-prima", cost_center="Produção", financial_account="Itaú",
        payment_type="boleto"))
    assert parsed.ok, parsed.errors
    assert parsed.draft == FinancialDraft(
        direction="payable",
        party=Party("Moinho Paulista S.A.", Document("33000167000101"), None),
        description="Farinha de trigo - NF 5521", amount=Decimal("2350.90"),
        competence_date=date(2026, 1, 1), due_date=date(2026, 2, 10),
        installments=(Installment(1, date(2026, 2, 10), Decimal("2350.90")),),
        payment_type="BOLETO_BANCARIO", financial_account="Itaú", category="Matéria-prima",
        cost_center="Produção", invoice_number=None, notes=None)


def test_competence_defaults_to_the_due_date_and_installments_are_monthly():
    parsed = parse_row("payable", PAYABLE, bill(supplier_name="Contabilidade Silva", description="Honorários",
                                                 amount=1000, due_date="31/01/2026", installments=3))
    assert parsed.draft.competence_date == date(2026, 1, 31)
    assert [(i.due_date, i.amount) for i in parsed.draft.installments] == [
        (date(2026, 1, 31), Decimal("333.34")), (date(2026, 2, 28), Decimal("333.33")),
        (date(2026, 3, 31), Decimal("333.33"))]


def test_a_bill_needs_a_positive_amount_a_due_date_a_description_and_a_party():
    parsed = parse_row("payable", PAYABLE, bill(amount="R$ 0,00", due_date="31/02/2026"))
    assert [error.message for error in parsed.errors] == [
        'Valor inválido na coluna "Valor": o valor precisa ser maior que zero',
        'Data inválida na coluna "Vencimento": a data 31/02/2026 não existe no calendário; '
        "confira o dia e o mês",
        'Célula vazia na coluna "Descrição": o campo "Descrição" é obrigatório',
        'Célula vazia na coluna "Fornecedor": preencha "Fornecedor" ou "CNPJ" para identificar o fornecedor',
    ]


def test_a_receivable_is_with_a_client():
    mapping = {"client_email": "E-mail", "description": "Descrição", "amount": "Total", "due_date": "Venc."}
    parsed = parse_row("receivable", mapping, {"E-mail": "ana@gmail.com", "Descrição": "Mensalidade março",
                                                "Total": 150.0, "Venc.": "2026-03-10"})
    assert parsed.draft.direction == "receivable"
    assert parsed.draft.party.lookup_keys() == [("email", "ana@gmail.com")]
    assert parsed.draft.amount == Decimal("150.00")
