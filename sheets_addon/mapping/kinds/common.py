"""Fields and readers that several target kinds share: the party, the items, the payment.

Defined once so a sale, a contract and a bill describe "Categoria" or "Forma de pagamento"
the same way and read them with the same rules.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .. import messages as msg
from ..drafts import ItemLine, Party
from ..fields import Field, FieldType
from ..parsers import PaymentCondition, due_dates, monthly
from ..row_values import RowValues

T = FieldType

_PARTY_NAME_SYNONYMS = {
    "client": ("Cliente", "Nome do cliente", "Nome", "Razão social", "Comprador", "Tomador"),
    "supplier": ("Fornecedor", "Nome do fornecedor", "Nome", "Razão social", "Favorecido",
                 "Beneficiário", "Credor"),
}
_PARTY_NOUN = {"client": "cliente", "supplier": "fornecedor"}


def party_fields(role: str) -> tuple[Field, ...]:
    """Name, CPF/CNPJ and e-mail of the client or supplier: at least one must be filled."""
    noun = _PARTY_NOUN[role]
    return (
        Field(f"{role}_name", noun.capitalize(), T.TEXT, max_length=200, one_of=role,
              synonyms=_PARTY_NAME_SYNONYMS[role],
              help=f"Nome do {noun}; usado para encontrá-lo quando não há CPF/CNPJ nem e-mail."),
        Field(f"{role}_document", f"CPF/CNPJ do {noun}", T.DOCUMENT, one_of=role,
              synonyms=("CPF/CNPJ", "Documento", "CPF", "CNPJ", f"CPF do {noun}",
                        f"CNPJ do {noun}", "CPF ou CNPJ"),
              help=f"Com ou sem pontuação; é por ele que encontramos o {noun} no Conta Azul."),
        Field(f"{role}_email", f"E-mail do {noun}", T.EMAIL, one_of=role,
              synonyms=("E-mail", "Email", f"Email do {noun}"),
              help=f"Usado para encontrar o {noun} quando não há CPF/CNPJ."),
    )


def order_key_field(label: str, help_text: str, *synonyms: str) -> Field:
    return Field("order_key", label, T.TEXT, max_length=60, synonyms=synonyms, help=help_text)


ITEM_FIELDS = (
    Field("item_code", "Código do produto/serviço", T.TEXT, max_length=60, one_of="item",
          per_item=True, synonyms=("Código", "Código do produto", "Cód", "Cód produto", "SKU",
                                   "Código do serviço", "Referência", "Ref"),
          help="Código (SKU) do produto ou serviço no Conta Azul; tem prioridade sobre o nome."),
    Field("item_name", "Produto/serviço", T.TEXT, max_length=200, one_of="item", per_item=True,
          synonyms=("Produto", "Serviço", "Item", "Nome do produto", "Produto/Serviço",
                    "Mercadoria", "Descrição do produto"),
          help="Nome exato do produto ou serviço no Conta Azul (ativo)."),
    Field("item_description", "Descrição do item", T.LONG_TEXT, max_length=500, per_item=True,
          synonyms=("Descrição do item", "Detalhes do item", "Descrição"),
          help="Texto que acompanha o item na venda."),
    Field("quantity", "Quantidade", T.QUANTITY, per_item=True,
          synonyms=("Qtd", "Qtde", "Quant", "Qt", "Quantidade vendida"),
          help="Até 4 casas decimais; vazia conta como 1."),
    Field("unit_price", "Preço unitário", T.MONEY, required=True, per_item=True,
          synonyms=("Valor unitário", "Preço", "Valor", "Vlr unit", "Valor unit", "Preço de venda"),
          help="Em reais, como R$ 1.234,56."),
)

PAYMENT_TYPE = Field(
    "payment_type", "Forma de pagamento", T.PAYMENT_TYPE,
    synonyms=("Pagamento", "Meio de pagamento", "Forma pgto", "Forma de pgto",
              "Método de pagamento", "Forma de recebimento"),
    help="Pix, boleto, cartão de crédito, cartão de débito, dinheiro, transferência…")
PAYMENT_CONDITION = Field(
    "payment_condition", "Condição de pagamento", T.PAYMENT_CONDITION,
    synonyms=("Condição", "Prazo", "Prazo de pagamento", "Parcelamento", "Condição de pgto"),
    help='"À vista", "3x" (parcelas mensais) ou "30/60/90" (dias depois da data base).')
INSTALLMENTS = Field(
    "installments", "Parcelas", T.INSTALLMENTS,
    synonyms=("Nº de parcelas", "Número de parcelas", "Quantidade de parcelas", "Qtd parcelas"),
    help="Quantas parcelas mensais; vazia é à vista.")
FIRST_DUE_DATE = Field(
    "first_due_date", "Primeiro vencimento", T.DATE,
    synonyms=("Vencimento", "Data de vencimento", "1º vencimento", "Primeira parcela",
              "Data do primeiro vencimento", "Vencto"),
    help="Data da primeira parcela; as seguintes vencem mês a mês.")
DUE_DATES = Field(
    "due_dates", "Datas de vencimento", T.DATE_LIST,
    synonyms=("Vencimentos", "Datas das parcelas"),
    help="Uma data por parcela, separadas por ponto e vírgula: 10/01/2026; 10/02/2026.")
FINANCIAL_ACCOUNT = Field(
    "financial_account", "Conta financeira", T.TEXT, max_length=200,
    synonyms=("Conta", "Conta bancária", "Banco", "Conta de recebimento", "Conta de pagamento"),
    help="Nome da conta financeira no Conta Azul.")
CATEGORY = Field(
    "category", "Categoria", T.TEXT, max_length=200,
    synonyms=("Categoria financeira", "Plano de contas", "Classificação"),
    help="Nome exato de uma categoria que já existe no Conta Azul.")
COST_CENTER = Field(
    "cost_center", "Centro de custo", T.TEXT, max_length=200,
    synonyms=("Centro de custos", "CC"),
    help="Criado no Conta Azul se ainda não existir.")
SELLER = Field(
    "seller", "Vendedor", T.TEXT, max_length=200,
    synonyms=("Vendedora", "Representante", "Consultor", "Vendedor responsável"),
    help="Nome do vendedor cadastrado no Conta Azul.")
# Conta Azul keeps at most 2,000 characters of notes (`observacao`, official `criarpessoa` page),
# and every record Azulejo creates carries its row marker there, on a line of its own (at most
# 40 characters: "[azulejo:<flow>:<12 hex>]" for a flow id of up to 16 digits). The row's own
# notes get the rest, so the marker always fits and a long note is told on the row, not refused
# by Conta Azul after the intent is recorded.
CONTAAZUL_NOTES_LIMIT = 2000
MARKER_ROOM = 40
NOTES = Field(
    "notes", "Observações", T.LONG_TEXT, max_length=CONTAAZUL_NOTES_LIMIT - MARKER_ROOM,
    synonyms=("Observação", "Obs", "Comentários", "Anotações"),
    help="Texto livre, até 1.960 caracteres (o Azulejo acrescenta ao fim uma marca para reencontrar o registro).")


@dataclass(frozen=True)
class PaymentTerms:
    """The condition Conta Azul is told and the due date of each installment."""

    condition: PaymentCondition
    due_dates: tuple[date, ...]


def party(values: RowValues, role: str) -> Party:
    return Party(values.get(f"{role}_name"), values.get(f"{role}_document"),
                 values.get(f"{role}_email"))


def item_line(values: RowValues) -> ItemLine:
    return ItemLine(values.get("item_code"), values.get("item_name"),
                    values.get("item_description"), values.get("quantity", Decimal(1)),
                    values.get("unit_price"))


def payment_terms(values: RowValues, base: date,
                  first_due_key: str = "first_due_date") -> PaymentTerms | None:
    """Condition, installment count, first due date and listed dates, reconciled.

    Any of them may be missing; those given must agree. Without any, the payment is
    "À vista" on the base date.
    """
    condition: PaymentCondition | None = values.get("payment_condition")
    count: int | None = values.get("installments")
    first: date | None = values.get(first_due_key)
    listed: tuple[date, ...] | None = values.get("due_dates")
    if condition and count and condition.installments != count:
        values.report("installments", msg.CONDITION_CONFLICT,
                      msg.installments_conflict(condition.option, condition.installments, count))
        return None
    if listed:
        return _listed_terms(values, listed, condition, count, first, first_due_key)
    condition = condition or monthly(count or 1)
    dates = values.attempt("payment_condition", due_dates, condition, base, first)
    return PaymentTerms(condition, dates) if dates else None


def _listed_terms(values: RowValues, listed: tuple[date, ...], condition: PaymentCondition | None,
                  count: int | None, first: date | None, first_due_key: str) -> PaymentTerms | None:
    expected = count or (condition.installments if condition else len(listed))
    if expected != len(listed):
        values.report("due_dates", msg.CONDITION_CONFLICT,
                      msg.due_dates_count(len(listed), expected))
        return None
    if first and first != listed[0]:
        values.report(first_due_key, msg.CONDITION_CONFLICT, msg.FIRST_DUE_NOT_LISTED)
        return None
    return PaymentTerms(condition or monthly(len(listed)), listed)
