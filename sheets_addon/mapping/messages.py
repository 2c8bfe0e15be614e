"""Every text a person reads from mapping, in Brazilian Portuguese, kept together for review.

A cell problem is two parts: what is wrong (`*_INVALID`, starts with a capital) and how to
fix it (`*_HINT`, lower case). `cell_error` joins them with the column, so a status cell
reads `CPF inválido na coluna "CPF": confira os 11 dígitos (o dígito verificador não confere)`.
"""
from __future__ import annotations

from collections.abc import Sequence


def cell_error(problem: str, column: str, hint: str) -> str:
    text = f'{problem} na coluna "{column}"'
    return f"{text}: {hint}" if hint else text


def quoted_list(items: Sequence[str], last_joint: str = "ou") -> str:
    """ '"a", "b" ou "c"' """
    quoted = [f'"{item}"' for item in items]
    return quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} {last_joint} {quoted[-1]}"


# --- any cell ----------------------------------------------------------------------------------
EMPTY_HINT = "a célula está vazia"
CHECKBOX_HINT = "a célula é uma caixa de seleção; escreva o valor"


def too_long_for_value(length: int) -> str:
    return f"o conteúdo é longo demais para este campo ({length} caracteres)"


# --- text --------------------------------------------------------------------------------------
TEXT_INVALID = "Texto inválido"
TEXT_TOO_LONG = "Texto longo demais"
TEXT_FORMULA = "Texto com cara de fórmula"
TEXT_FORMULA_HINT = ("o valor começa como uma fórmula (=…); por segurança não o enviamos. "
                     "Escreva o texto sem o sinal de igual no início")


def text_too_long(limit: int, length: int) -> str:
    return f"use no máximo {limit} caracteres (a célula tem {length})"


# --- numbers -----------------------------------------------------------------------------------
NUMBER_INVALID = "Número inválido"
NUMBER_HINT = "escreva um número como 1.234,56"
NUMBER_BAD_GROUPING = "o separador de milhar está fora do lugar; escreva como 1.234.567,89"
MONEY_INVALID = "Valor inválido"
MONEY_HINT = "escreva como R$ 1.234,56 ou 1234,56"
MONEY_TOO_LARGE = "o valor é alto demais; confira se não sobrou algum dígito"
MONEY_TOO_MANY_PLACES = "use no máximo 2 casas decimais (centavos), como 1.234,56"
QUANTITY_INVALID = "Quantidade inválida"
QUANTITY_HINT = "escreva um número como 2 ou 1,5"
QUANTITY_TOO_LARGE = "a quantidade é alta demais; confira se não sobrou algum dígito"
QUANTITY_TOO_MANY_PLACES = "use no máximo 4 casas decimais"
QUANTITY_NOT_POSITIVE = "a quantidade precisa ser maior que zero"
PERCENT_INVALID = "Porcentagem inválida"
PERCENT_HINT = "escreva como 10% ou 10,5%"
PERCENT_RANGE = "use uma porcentagem de 0% a 100%"
PERCENT_TOO_MANY_PLACES = "use no máximo 4 casas decimais"
WHOLE_NUMBER_INVALID = "Número inválido"
WHOLE_NUMBER_HINT = "escreva um número inteiro maior que zero, como 1042"
NOT_NEGATIVE = "o valor não pode ser negativo"
NOT_ZERO = "o valor precisa ser maior que zero"

# --- dates -------------------------------------------------------------------------------------
DATE_INVALID = "Data inválida"
DATE_HINT = "escreva a data como 31/12/2026"
DATE_LIST_INVALID = "Datas inválidas"
DATE_LIST_ORDER = "escreva as datas em ordem, sem repetir, separadas por ponto e vírgula"
DAY_INVALID = "Dia inválido"
DAY_HINT = "escreva um dia do mês, de 1 a 31"


def date_out_of_range(first_year: int, last_year: int) -> str:
    return f"use uma data entre {first_year} e {last_year}; confira o ano"


def date_serial_out_of_range(number: int) -> str:
    return f"o número {number} não é uma data; escreva a data como 31/12/2026"


def date_does_not_exist(text: str) -> str:
    return f"a data {text} não existe no calendário; confira o dia e o mês"


def date_list_too_long(limit: int) -> str:
    return f"use no máximo {limit} datas"


# --- documents ---------------------------------------------------------------------------------
DOCUMENT_INVALID = "CPF/CNPJ inválido"
DOCUMENT_HINT = "escreva o CPF (11 dígitos) ou o CNPJ (14 caracteres), com ou sem pontuação"
DOCUMENT_CHARACTERS = "use só números, as letras de um CNPJ e a pontuação . - /"
DOCUMENT_AMBIGUOUS = ("a célula é um número que vale como CPF e como CNPJ; escreva-o com a "
                      "pontuação ou formate a coluna como texto")
DOCUMENT_LABEL_AMBIGUOUS = ('a célula vale como CPF depois do rótulo "CPF" e também como um CNPJ que começa '
                            'com essas letras; escreva "CPF: " antes do número, ou o CNPJ com a pontuação')
DOCUMENT_REPEATED = "um número com todos os dígitos iguais não é um documento válido"
DOCUMENT_NO_DIGITS = "a célula não tem números; escreva o CPF (11 dígitos) ou o CNPJ (14 caracteres)"
DOCUMENT_CPF_LETTERS = ("a célula tem 11 caracteres, como um CPF, mas um CPF só tem números; letras só "
                        "aparecem no CNPJ, que tem 14 caracteres")
CNPJ_CHECK_DIGIT_LETTERS = "os dois últimos caracteres de um CNPJ (o dígito verificador) são sempre números"
CNPJ_CHECK_CHARACTERS = "confira os 14 caracteres (o dígito verificador não confere)"


def document_invalid(kind: str) -> str:
    return f"{kind} inválido"


def document_length(length: int) -> str:
    return (f"um CPF tem 11 dígitos e um CNPJ 14; a célula tem {length} "
            "(se faltou um zero à esquerda, formate a coluna como texto)")


def document_length_with_letters(length: int) -> str:
    return f"um CNPJ com letras tem 14 caracteres (e um CPF, 11 dígitos); a célula tem {length}"


def document_check_digit(length: int) -> str:
    return f"confira os {length} dígitos (o dígito verificador não confere)"


# --- contact and address -----------------------------------------------------------------------
EMAIL_INVALID = "E-mail inválido"
EMAIL_HINT = "escreva um e-mail completo, como nome@empresa.com.br"
EMAIL_ONLY_ONE = "informe um e-mail só por célula"
EMAIL_TOO_LONG = "E-mail longo demais"


def email_too_long(limit: int, length: int) -> str:
    return f"o Conta Azul aceita e-mails de até {limit} caracteres (este tem {length})"


PHONE_INVALID = "Telefone inválido"
PHONE_HINT = "escreva com DDD, como (11) 98765-4321 ou (11) 3456-7890"
PHONE_ONLY_BRAZIL = "só aceitamos telefones do Brasil (+55)"
UF_INVALID = "Estado (UF) inválido"
UF_HINT = "escreva a sigla do estado, como SP ou RJ"
CEP_INVALID = "CEP inválido"
CEP_HINT = "escreva os 8 dígitos do CEP, como 01310-100"


def phone_area_code(code: str) -> str:
    return f"o DDD {code} não existe; confira os dois primeiros dígitos"


# --- choices -----------------------------------------------------------------------------------
PAYMENT_TYPE_INVALID = "Forma de pagamento não reconhecida"
PAYMENT_TYPE_HINT = ("use Pix, boleto, cartão de crédito, cartão de débito, dinheiro, "
                     "transferência, depósito, cheque, carteira digital ou vale refeição")
SALE_STATUS_INVALID = "Situação da venda não reconhecida"
SALE_STATUS_HINT = 'use "aprovada" ou "em andamento"'
SALE_STATUS_QUOTE = ('orçamentos não podem ser criados por aqui; '
                     'use "em andamento" ou "aprovada"')
PERSON_TYPE_INVALID = "Tipo de pessoa não reconhecido"
PERSON_TYPE_HINT = 'use "física", "jurídica" ou "estrangeira"'
BOOLEAN_INVALID = "Resposta não reconhecida"
BOOLEAN_HINT = 'use "sim" ou "não" (ou marque a caixa de seleção)'
FREQUENCY_INVALID = "Frequência não reconhecida"
FREQUENCY_HINT = 'use "mensal", "anual", "trimestral", "semestral" ou "a cada 2 meses"'


def did_you_mean(word: str, hint: str) -> str:
    return f'você quis dizer "{word}"? ({hint})'


# --- payment conditions ------------------------------------------------------------------------
CONDITION_INVALID = "Condição de pagamento não reconhecida"
CONDITION_HINT = 'use "à vista", "3x" (parcelas mensais) ou "30/60/90" (prazos em dias)'
CONDITION_BARE_NUMBER = 'escreva "3x" para 3 parcelas mensais ou "30 dias" para um prazo em dias'
CONDITION_CONFLICT = "Condição de pagamento em conflito"
CONDITION_DAYS_ORDER = "escreva os prazos em ordem crescente, como 30/60/90"
INSTALLMENTS_INVALID = "Número de parcelas inválido"
INSTALLMENTS_HINT = "escreva quantas parcelas, como 3"


def condition_first_due_conflict(option: str) -> str:
    return (f'os prazos "{option}" já definem os vencimentos; deixe o primeiro vencimento '
            'vazio ou use parcelas mensais, como "3x"')


def installments_range(limit: int) -> str:
    return f"use de 1 a {limit} parcelas"


def condition_days_range(most_installments: int, most_days: int) -> str:
    return f"use no máximo {most_installments} prazos, de até {most_days} dias cada"


# --- a row's cells together --------------------------------------------------------------------
CELL_EMPTY = "Célula vazia"
GROUP_NOUNS = {"client": "o cliente", "supplier": "o fornecedor", "item": "o produto ou serviço"}
PERSON_TYPE_CONFLICT = "Tipo de pessoa não combina com o documento"
DISCOUNT_TWICE = "Desconto informado duas vezes"
DISCOUNT_TWICE_HINT = "use a coluna de desconto em reais ou a de porcentagem, não as duas"
DISCOUNT_ABOVE_TOTAL = "Desconto maior que o valor dos itens"
FIRST_DUE_NOT_LISTED = "o primeiro vencimento precisa ser a primeira das datas de vencimento"
CONTRACT_ENDS_BEFORE_START = "Data de fim antes do início"
CONTRACT_ENDS_BEFORE_START_HINT = "a data de início não pode ser posterior à data de fim"
YES = "sim"
NO = "não"


def required_field(label: str) -> str:
    return f'o campo "{label}" é obrigatório'


def group_empty(group: str, columns: Sequence[str]) -> str:
    return f"preencha {quoted_list(columns)} para identificar {GROUP_NOUNS.get(group, group)}"


def person_type_conflict(document_kind: str, person_type: str) -> str:
    return f"um {document_kind} é de pessoa {person_type}; corrija o tipo ou deixe-o vazio"


def discount_above_total(discount: str, items_total: str) -> str:
    return f"o desconto de {discount} passa do valor dos itens, {items_total}"


def installments_conflict(option: str, condition_count: int, count: int) -> str:
    return (f'a condição "{option}" tem {condition_count} parcela(s), mas a coluna de parcelas '
            f"diz {count}")


def due_dates_count(listed: int, expected: int) -> str:
    return f"são {listed} data(s) de vencimento para {expected} parcela(s)"


# --- orders of several rows --------------------------------------------------------------------
ORDER_HELD_BACK_HINT = ("outra linha do mesmo pedido tem erro; corrija-a e o pedido inteiro "
                        "será enviado")


def order_rows_disagree(noun: str, key: str) -> str:
    return f'As linhas do {noun} "{key}" não combinam'


def order_values_differ(first: str, second: str) -> str:
    return (f'uma diz "{first}" e outra "{second}"; repita o mesmo valor em todas as linhas '
            "(ou deixe a célula vazia nas seguintes)")


def order_held_back(noun: str, key: str) -> str:
    return f'{noun.capitalize()} "{key}" aguardando'


# --- the flow's mapping ------------------------------------------------------------------------
MAPPING_NOT_A_DICT = "O mapeamento deve ligar cada campo ao nome de uma coluna."


def unknown_kind(kind: str, kinds: Sequence[str]) -> str:
    return f'Tipo de destino desconhecido: "{kind}". Use {quoted_list(kinds)}.'


def unknown_field(key: str, kind_label: str) -> str:
    return f'O campo "{key}" não existe em {kind_label}.'


def header_not_text(label: str) -> str:
    return f'Escolha a coluna de "{label}" pelo texto do cabeçalho.'


def required_unmapped(label: str) -> str:
    return f'Escolha a coluna de "{label}": o campo é obrigatório.'


def group_unmapped(group: str, labels: Sequence[str]) -> str:
    return (f"Escolha a coluna de pelo menos um destes campos para identificar "
            f"{GROUP_NOUNS.get(group, group)}: {quoted_list(labels)}.")


def header_missing(header: str) -> str:
    return (f'A coluna "{header}" não está mais na planilha (foi renomeada ou apagada?). '
            "Ajuste o mapeamento do fluxo.")


def header_ambiguous(header: str) -> str:
    return f'Há mais de uma coluna chamada "{header}" na planilha; dê nomes diferentes a elas.'


# --- filters -----------------------------------------------------------------------------------
FILTERS_NOT_A_LIST = "Os filtros devem ser uma lista."
_FILTER_DESCRIPTIONS = {
    "equals": "igual a {values}", "not_equals": "diferente de {values}",
    "in": "um de {values}", "not_in": "nenhum de {values}", "contains": "contém {values}",
    "between": "entre {0} e {1}", "gte": "a partir de {0}", "lte": "até {0}",
    "empty": "vazio", "not_empty": "preenchido",
}


def filter_reason(column: str, description: str) -> str:
    return f'ignorada: filtro "{column}" {description}'


def filter_description(op: str, values: Sequence[str]) -> str:
    listed = quoted_list(values, "e") if values else ""
    return _FILTER_DESCRIPTIONS[op].format(*values, values=listed)


FILTER_PROBLEMS = {
    "not_an_object": "O filtro {position} está malformado.",
    "without_column": "Escolha a coluna do filtro {position}.",
    "unknown_op": 'O filtro {position} usa uma operação desconhecida ("{op}"); use {operations}.',
    "unknown_keys": "O filtro {position} tem itens que não reconhecemos: {keys}.",
    "needs_values": "Informe pelo menos um valor no filtro {position}.",
    "missing_value": "Preencha os valores do filtro {position}.",
    "bad_type": ('O filtro {position} tem um tipo desconhecido ("{value_type}"); '
                 'use "number" ou "date".'),
    "min_above_max": "No filtro {position}, o mínimo é maior que o máximo.",
    "bad_bounds": "No filtro {position}, use números ou datas como limites (recebemos {bounds}).",
}


def filter_problem(name: str, position: int, **details: str) -> str:
    """The text of one fault in a filter spec (`FILTER_PROBLEMS[name]`)."""
    return FILTER_PROBLEMS[name].format(position=position, **details)
