"""Sales (`/v1/venda`): rows sharing an order key become one sale with several items.

A row reads into an `OrderLine`; `group_sale_rows` gathers the lines of each order and
`assemble` builds the `SaleDraft`: items, discount, freight, total, and installments that
add up to the total. A new sale is "EM_ANDAMENTO" unless the row says "aprovada": an
approved sale posts receivables in Conta Azul, so approving is the sheet's explicit choice.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .. import messages as msg
from ..drafts import ItemLine, Party
from ..fields import Field, FieldType
from ..parsers import Discount, Installment, PaymentCondition, format_money, installment_schedule
from ..row_values import RowValues
from .common import (CATEGORY, COST_CENTER, DUE_DATES, FINANCIAL_ACCOUNT, FIRST_DUE_DATE,
                     INSTALLMENTS, ITEM_FIELDS, NOTES, PAYMENT_CONDITION, PAYMENT_TYPE, SELLER,
                     PaymentTerms, order_key_field, party, party_fields, payment_terms)

T = FieldType
ZERO = Decimal("0.00")
DEFAULT_STATUS = "EM_ANDAMENTO"

FIELDS = (
    order_key_field("Pedido", "Linhas com o mesmo pedido viram uma venda só, com vários itens.",
                    "Nº do pedido", "Número do pedido", "Código do pedido", "ID do pedido",
                    "Pedido nº"),
    Field("sale_number", "Número da venda", T.WHOLE_NUMBER,
          synonyms=("Nº da venda", "Número", "Venda nº"),
          help="Vazio: usamos o próximo número livre do Conta Azul."),
    *party_fields("client"),
    Field("sale_date", "Data da venda", T.DATE, required=True,
          synonyms=("Data", "Data do pedido", "Data de emissão", "Emissão"),
          help="Como 31/12/2026."),
    *ITEM_FIELDS,
    Field("discount", "Desconto", T.DISCOUNT, synonyms=("Desconto (R$)", "Valor do desconto"),
          help='Em reais (R$ 10,00) ou em porcentagem, com o sinal "%" (5%).'),
    Field("discount_percent", "Desconto (%)", T.PERCENT,
          synonyms=("% desconto", "Desconto %", "Percentual de desconto")),
    Field("freight", "Frete", T.MONEY, synonyms=("Valor do frete", "Entrega")),
    PAYMENT_TYPE,
    PAYMENT_CONDITION,
    INSTALLMENTS,
    FIRST_DUE_DATE,
    DUE_DATES,
    FINANCIAL_ACCOUNT,
    CATEGORY,
    COST_CENTER,
    SELLER,
    Field("status", "Situação", T.SALE_STATUS, synonyms=("Status", "Situação da venda"),
          help='"Aprovada" ou "em andamento" (o padrão).'),
    NOTES,
    Field("payment_notes", "Observações do pagamento", T.LONG_TEXT, max_length=1000,
          synonyms=("Obs do pagamento", "Observação do pagamento")),
)


@dataclass(frozen=True)
class SaleDraft:
    """A sale ready for `POST /v1/venda` (ids are resolved by the action)."""

    order_key: str | None
    number: int | None
    client: Party
    sale_date: date
    status: str
    items: tuple[ItemLine, ...]
    discount: Discount | None
    freight: Decimal
    payment_type: str | None
    condition: PaymentCondition
    installments: tuple[Installment, ...]
    financial_account: str | None
    category: str | None
    cost_center: str | None
    seller: str | None
    notes: str | None
    payment_notes: str | None

    @property
    def items_total(self) -> Decimal:
        return sum((item.total for item in self.items), ZERO)

    @property
    def discount_amount(self) -> Decimal:
        return self.discount.amount_on(self.items_total) if self.discount else ZERO

    @property
    def total(self) -> Decimal:
        """Items, less discount, plus freight: what the installments add up to."""
        return self.items_total - self.discount_amount + self.freight


def _discount_and_terms(values: RowValues) -> tuple[Discount | None, PaymentTerms | None]:
    discount, percent = values.get("discount"), values.get("discount_percent")
    if discount and percent is not None:
        values.report("discount_percent", msg.DISCOUNT_TWICE, msg.DISCOUNT_TWICE_HINT)
    if percent is not None:
        discount = Discount("PORCENTAGEM", percent)
    return discount, payment_terms(values, values.get("sale_date"))


def assemble(values: RowValues, items: Sequence[ItemLine]) -> SaleDraft | None:
    """The sale of an order's values and items, or None with the problems reported."""
    discount, terms = _discount_and_terms(values)
    subtotal = sum((item.total for item in items), ZERO)
    discount_amount = discount.amount_on(subtotal) if discount else ZERO
    if discount_amount > subtotal:
        values.report("discount", msg.DISCOUNT_ABOVE_TOTAL,
                      msg.discount_above_total(format_money(discount_amount),
                                               format_money(subtotal)))
    if values.errors or terms is None:
        return None
    total = subtotal - discount_amount + values.get("freight", ZERO)
    return SaleDraft(
        order_key=values.get("order_key"), number=values.get("sale_number"),
        client=party(values, "client"), sale_date=values.get("sale_date"),
        status=values.get("status", DEFAULT_STATUS), items=tuple(items), discount=discount,
        freight=values.get("freight", ZERO), payment_type=values.get("payment_type"),
        condition=terms.condition, installments=installment_schedule(total, terms.due_dates),
        financial_account=values.get("financial_account"), category=values.get("category"),
        cost_center=values.get("cost_center"), seller=values.get("seller"),
        notes=values.get("notes"), payment_notes=values.get("payment_notes"),
    )
