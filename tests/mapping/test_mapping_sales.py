"""Sale rows and their grouping: rows sharing an order key become one sale with several items."""
from datetime import date
from decimal import Decimal

import pytest

from sheets_addon.mapping import ItemLine, SaleDraft, group_sale_rows, parse_row
from sheets_addon.mapping.parsers import Discount, Document

MAPPING = {"order_key": "Pedido", "client_name": "Cliente", "client_document": "CPF/CNPJ",
           "sale_date": "Data", "item_code": "Código", "item_name": "Produto", "quantity": "Qtd",
           "unit_price": "Preço", "discount": "Desconto", "freight": "Frete",
           "payment_type": "Pagamento", "payment_condition": "Condição", "installments": "Parcelas",
           "first_due_date": "Vencimento", "due_dates": "Vencimentos", "status": "Situação",
           "category": "Categoria", "notes": "Obs"}


def sale_row(**cells):
    row = {header: "" for header in MAPPING.values()}
    row.update({MAPPING[key]: value for key, value in cells.items()})
    return row


def sales(*rows):
    parsed = [(number, parse_row("sale", MAPPING, row)) for number, row in enumerate(rows, start=2)]
    return parsed, group_sale_rows(parsed)


ANA = dict(client_name="Ana Souza", client_document="529.982.247-25", sale_date="05/01/2026")


def test_rows_of_one_order_become_one_sale_with_several_items():
    _, groups = sales(
        sale_row(order_key="1042", **ANA, item_code="PQ-01", item_name="Pão de queijo (kg)", quantity="1,5",
                 unit_price="R$ 39,90", payment_type="Pix", payment_condition="3x", status="aprovada",
                 category="Vendas de produtos"),
        sale_row(order_key="1042", item_name="Café coado 300ml", quantity=2, unit_price=6.5),  # blanks repeat
        sale_row(order_key="1043", **ANA, item_name="Bolo de fubá", unit_price="25"),
    )
    first, second = groups
    assert (first.order_key, first.rows, first.ok) == ("1042", (2, 3), True)
    sale: SaleDraft = first.draft
    assert sale.client.document == Document("52998224725") and sale.client.name == "Ana Souza"
    assert sale.items == (
        ItemLine("PQ-01", "Pão de queijo (kg)", None, Decimal("1.5"), Decimal("39.90")),
        ItemLine(None, "Café coado 300ml", None, Decimal("2"), Decimal("6.50")),
    )
    assert sale.total == Decimal("72.85")  # 59.85 + 13.00
    assert sale.status == "APROVADO" and sale.payment_type == "PIX_PAGAMENTO_INSTANTANEO"
    assert sale.condition.option == "3x"
    assert [(i.due_date, i.amount) for i in sale.installments] == [
        (date(2026, 2, 5), Decimal("24.29")), (date(2026, 3, 5), Decimal("24.28")),
        (date(2026, 4, 5), Decimal("24.28"))]
    assert second.rows == (4,) and second.draft.items[0].quantity == Decimal("1")
    assert second.draft.status == "EM_ANDAMENTO" and second.draft.condition.option == "À vista"
    assert second.draft.installments[0].due_date == date(2026, 1, 5)


def test_rows_without_an_order_key_are_sales_of_their_own():
    _, groups = sales(sale_row(**ANA, item_name="Café", unit_price=5), sale_row(**ANA, item_name="Chá", unit_price=4))
    assert [group.rows for group in groups] == [(2,), (3,)]
    assert all(group.ok for group in groups)


def test_rows_that_disagree_stop_the_order_and_say_where():
    _, [group] = sales(
        sale_row(order_key="1050", **ANA, item_name="Café", unit_price=5, payment_type="Pix"),
        sale_row(order_key="1050", client_name="Bia Lima", sale_date="06/01/2026", item_name="Chá",
                 unit_price=4, payment_type="PIX"),
    )
    assert not group.ok
    messages = [error.message for error in group.errors[2]]
    assert messages == [
        'As linhas do pedido "1050" não combinam na coluna "Cliente": uma diz "Ana Souza" e outra '
        '"Bia Lima"; repita o mesmo valor em todas as linhas (ou deixe a célula vazia nas seguintes)',
        'As linhas do pedido "1050" não combinam na coluna "Data": uma diz "05/01/2026" e outra '
        '"06/01/2026"; repita o mesmo valor em todas as linhas (ou deixe a célula vazia nas seguintes)',
    ]
    assert group.errors[3] == group.errors[2]


def test_one_bad_row_holds_back_its_whole_order():
    parsed, [group] = sales(
        sale_row(order_key="1060", **ANA, item_name="Café", unit_price=5),
        sale_row(order_key="1060", item_name="Chá", unit_price="quatro reais"),
    )
    assert parsed[0][1].ok and not parsed[1][1].ok
    assert group.errors[3] == parsed[1][1].errors
    assert [error.message for error in group.errors[2]] == [
        'Pedido "1060" aguardando na coluna "Pedido": outra linha do mesmo pedido tem erro; '
        "corrija-a e o pedido inteiro será enviado"]


def test_required_order_fields_are_checked_on_the_whole_order():
    parsed, [group] = sales(sale_row(order_key="1070", item_name="Café", unit_price=5),
                            sale_row(order_key="1070", item_name="Chá", unit_price=4))
    assert all(row.ok for _, row in parsed)  # each row is a fine item line
    assert [error.field for error in group.errors[2]] == ["sale_date", "client_name"]


def test_discount_in_reais_or_percent_and_freight():
    _, [percent] = sales(sale_row(**ANA, item_name="Bolo", quantity=2, unit_price="50", discount="10%",
                                  freight="R$ 15,00"))
    assert percent.draft.discount == Discount("PORCENTAGEM", Decimal("10"))
    assert percent.draft.total == Decimal("105.00")  # 100 - 10 + 15
    _, [too_much] = sales(sale_row(**ANA, item_name="Bolo", unit_price="50", discount="R$ 60,00"))
    assert [error.message for error in too_much.errors[2]] == [
        'Desconto maior que o valor dos itens na coluna "Desconto": o desconto de R$ 60,00 passa do '
        "valor dos itens, R$ 50,00"]


def test_conflicting_payment_columns_are_row_errors():
    _, [counts] = sales(sale_row(**ANA, item_name="Bolo", unit_price=50, payment_condition="3x", installments=2))
    assert "tem 3 parcela(s), mas a coluna de parcelas diz 2" in counts.errors[2][0].message
    _, [offsets] = sales(sale_row(**ANA, item_name="Bolo", unit_price=50, payment_condition="30/60",
                                  first_due_date="10/02/2026"))
    assert offsets.errors[2][0].column == "Condição"
    assert "já definem os vencimentos" in offsets.errors[2][0].message


def test_listed_due_dates():
    _, [group] = sales(sale_row(**ANA, item_name="Bolo", unit_price=100, due_dates="10/02/2026; 10/03/2026"))
    assert group.draft.condition.option == "2x"
    assert [(i.due_date, i.amount) for i in group.draft.installments] == [
        (date(2026, 2, 10), Decimal("50.00")), (date(2026, 3, 10), Decimal("50.00"))]
    _, [wrong] = sales(sale_row(**ANA, item_name="Bolo", unit_price=100, installments=3,
                                due_dates="10/02/2026; 10/03/2026"))
    assert "são 2 data(s) de vencimento para 3 parcela(s)" in wrong.errors[2][0].message


@pytest.mark.parametrize("cells, field", [
    (dict(item_name="Bolo"), "unit_price"),
    (dict(unit_price=10), "item_code"),
    (dict(item_name="Bolo", unit_price="-10"), "unit_price"),
    (dict(item_name="Bolo", unit_price=10, quantity=0), "quantity"),
    (dict(item_name="Bolo", unit_price=10, status="orçamento"), "status"),
])
def test_item_line_mistakes_are_row_errors(cells, field):
    parsed, _ = sales(sale_row(**ANA, **cells))
    assert [error.field for error in parsed[0][1].errors] == [field]
