"""Every text a person reads from the sync step, in Brazilian Portuguese, kept together for review.

Status-cell texts carry no ✔/✖ prefix: the report step adds it. A problem tied to a column
reuses mapping's wording (`cell_error`: 'X na coluna "C": como corrigir'), so a row reads the
same whether the sheet or Conta Azul found the fault.
"""
from __future__ import annotations

from collections.abc import Sequence

from sheets_addon.mapping.messages import cell_error, quoted_list

# --- Conta Azul answered with a problem --------------------------------------------------------
UNAVAILABLE = "Conta Azul indisponível agora; tentaremos de novo"
UNCONFIRMED = ("Conta Azul não confirmou se registrou a linha; vamos conferir no Conta Azul "
               "antes de tentar de novo")
PROTOCOL_PENDING = ("Conta Azul ainda está processando o lançamento; vamos conferir no próximo "
                    "ciclo antes de tentar de novo")


def refused(message: str, column: str | None) -> str:
    """Conta Azul's own message, with the column most likely at fault when it can be told."""
    text = f"Conta Azul recusou: {message.strip().rstrip('.')}"
    return f'{text} (confira a coluna "{column}")' if column else text


# --- what a row points to ---------------------------------------------------------------------------
ITEM_NOUNS = {"product": "produto", "service": "serviço"}
PERSON_NOUNS = {"client": "cliente", "supplier": "fornecedor"}


def item_inactive(noun: str, name: str, column: str) -> str:
    return (f'O {noun} "{name}" está inativo no Conta Azul: reative-o ou troque o item na '
            f'coluna "{column}".')


def item_not_found(wanted: str, column: str) -> str:
    return cell_error(f'Produto ou serviço "{wanted}" não encontrado no Conta Azul', column,
                      "confira o código ou o nome exato do item cadastrado")


def item_ambiguous(wanted: str, count: int, column: str) -> str:
    return cell_error(f'Há {count} produtos ou serviços ativos chamados "{wanted}"', column,
                      "use o código (SKU) do item para dizer qual é")


def closest_hint(names: Sequence[str]) -> str:
    return f"os nomes mais parecidos são {quoted_list(names)}" if names else ""


def category_not_found(name: str, kind_word: str, column: str, closest: Sequence[str]) -> str:
    hint = closest_hint(closest) or "cadastre a categoria no Conta Azul"
    return cell_error(f'Categoria de {kind_word} "{name}" não encontrada no Conta Azul', column, hint)


def category_wrong_type(name: str, kind_word: str, other_word: str, column: str) -> str:
    return cell_error(f'A categoria "{name}" é de {other_word}', column,
                      f"use uma categoria de {kind_word}")


CATEGORY_KIND_WORDS = {"RECEITA": "receita", "DESPESA": "despesa"}


def seller_not_found(name: str, column: str, closest: Sequence[str]) -> str:
    hint = closest_hint(closest) or "cadastre o vendedor no Conta Azul"
    return cell_error(f'Vendedor "{name}" não encontrado no Conta Azul', column, hint)


def account_not_found(name: str, column: str, closest: Sequence[str]) -> str:
    hint = closest_hint(closest) or "cadastre a conta no Conta Azul"
    return cell_error(f'Conta financeira "{name}" não encontrada no Conta Azul', column, hint)


def account_inactive(name: str, column: str) -> str:
    return (f'A conta financeira "{name}" está inativa no Conta Azul: reative-a ou troque a conta '
            f'na coluna "{column}".')


def no_default_account(label: str) -> str:
    return (f'O Conta Azul não tem uma conta financeira padrão: informe a conta na coluna '
            f'"{label}" ou marque uma conta como padrão no Conta Azul.')


def cost_center_inactive(name: str, column: str) -> str:
    return (f'O centro de custo "{name}" está inativo no Conta Azul: reative-o ou troque-o na '
            f'coluna "{column}".')


def cost_center_needs_category(column: str, category_label: str) -> str:
    return cell_error("Centro de custo sem categoria", column,
                      f'o Conta Azul reparte o valor por categoria; preencha também "{category_label}"')


def person_ambiguous(noun: str, name: str, count: int, column: str) -> str:
    return cell_error(f'Há {count} cadastros chamados "{name}" no Conta Azul', column,
                      f"informe o CPF/CNPJ ou o e-mail do {noun} para dizer qual é")


def person_needs_name(noun: str, column: str) -> str:
    return cell_error(f"{noun.capitalize()} não encontrado no Conta Azul", column,
                      f"preencha o nome para cadastrarmos o {noun}")


def payment_type_required(label: str) -> str:
    return (f'O Conta Azul exige a forma de pagamento de um contrato: preencha a coluna '
            f'"{label}" (Pix, boleto, cartão…).')


# --- dry run: what would be created -----------------------------------------------------------------
def will_create(noun: str, name: str) -> str:
    return f'{noun} "{name}" será criado'


def will_update(noun: str, name: str) -> str:
    return f'{noun} "{name}" será atualizado'


def planned_id(noun: str, name: str) -> str:
    """Stands in a dry run's payload for the id of a record not created yet."""
    return f'<{noun} "{name}" a criar>'


COST_CENTER_NOUN = "centro de custo"

# --- done --------------------------------------------------------------------------------------------
SALE = "Venda"
CONTRACT = "Contrato"
CUSTOMER = "Cliente"
PAYABLE = "Conta a pagar"
RECEIVABLE = "Conta a receber"
CUSTOMER_CREATED = "Cliente criado"
CUSTOMER_UPDATED = "Cliente atualizado"


def sale_created(number: int) -> str:
    return f"Venda {number} criada"


def contract_created(number: int) -> str:
    return f"Contrato {number} criado"


def bill_created(label: str, amount: str) -> str:
    return f"{label} de {amount} criada"


def invoice_note(number: str) -> str:
    return f"Nota fiscal {number}"


def side_created_note(flow_id: int) -> str:
    """The `observacao` of a person or record created as a side effect of a row of a flow."""
    return f"Cadastrado pelo Azulejo [azulejo:{flow_id}]"
