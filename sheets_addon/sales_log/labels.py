"""Texts a person reads in the sales log, in Brazilian Portuguese, kept together for review."""

HEADERS = {
    "numero": "Número", "data": "Data", "cliente": "Cliente", "cpf_cnpj": "CPF/CNPJ", "email": "E-mail",
    "situacao": "Situação", "total": "Total", "forma_pagamento": "Forma de pagamento", "condicao": "Condição",
    "vendedor": "Vendedor", "itens": "Itens", "categoria": "Categoria", "id": "ID Conta Azul",
}

PAYMENT_TYPES = {
    "BOLETO_BANCARIO": "Boleto bancário", "CARTAO_CREDITO": "Cartão de crédito",
    "CARTAO_DEBITO": "Cartão de débito", "CARTEIRA_DIGITAL": "Carteira digital", "CASHBACK": "Cashback",
    "CHEQUE": "Cheque", "CREDITO_LOJA": "Crédito loja", "CREDITO_VIRTUAL": "Crédito virtual",
    "DEPOSITO_BANCARIO": "Depósito bancário", "DINHEIRO": "Dinheiro", "OUTRO": "Outro",
    "DEBITO_AUTOMATICO": "Débito automático", "PIX_PAGAMENTO_INSTANTANEO": "Pix",
    "LINK_PAGAMENTO": "Link de pagamento", "CARTAO_CREDITO_VIA_LINK": "Link de pagamento",
    "COBRANCA_PIX": "Cobrança Pix", "PIX_COBRANCA": "Cobrança Pix",
    "PROGRAMA_FIDELIDADE": "Programa de fidelidade",
    "SEM_PAGAMENTO": "Sem pagamento", "TRANSFERENCIA_BANCARIA": "Transferência bancária",
    "VALE_ALIMENTACAO": "Vale-alimentação", "VALE_COMBUSTIVEL": "Vale-combustível",
    "VALE_PRESENTE": "Vale-presente", "VALE_REFEICAO": "Vale-refeição",
}

COLUMNS_SHAPE = ('"columns" deve ser uma lista: o nome de uma coluna pronta ("numero", "cliente"…), '
                 '{"column": …, "header": …} para renomeá-la, '
                 'ou {"header": …, "field": …} para uma coluna própria.')
COLUMN_UNKNOWN = 'Coluna pronta "{name}" desconhecida. Use uma destas: {known}.'
COLUMN_FIELD_INVALID = ('O campo "{field}" da coluna "{header}" não é um caminho válido: '
                        'use nomes do Conta Azul separados por ponto, como "cliente.cidade".')
COLUMN_HEADER_REPEATED = 'O cabeçalho "{header}" aparece em mais de uma coluna.'
COLUMNS_TOO_MANY = "Um registro de vendas aceita no máximo {limit} colunas."

FILTERS_SHAPE = ('Cada filtro do registro de vendas é um objeto {"field": "status" | "total" | "seller", '
                 '"op": …, "value"/"values": …}.')
FILTER_STATUS_UNKNOWN = 'Situação "{status}" desconhecida. Use uma destas: {known}.'
FILTER_TOTAL_INVALID = 'O filtro de valor precisa de valores em reais, como "100,00": {problem}.'
FILTER_OP_INVALID = 'O filtro "{field}" aceita apenas: {ops}.'
FILTER_SELLER_EMPTY = "O filtro de vendedor precisa de ao menos um nome."

OPTION_START_DATE = 'A opção "start_date" deve ser uma data AAAA-MM-DD.'
OPTION_KEEP_CURRENT = 'A opção "keep_current" deve ser true ou false.'

HEADER_MOVED = ('O cabeçalho da aba "{tab}" mudou: na coluna {letter} esperávamos "{expected}" e há "{found}". '
                "Volte o cabeçalho ao que era ou edite as colunas do fluxo; nada foi escrito.")
SELLER_UNKNOWN = 'Nenhum vendedor do Conta Azul se chama "{name}". Confira o filtro de vendedor.'

# What the rows list (GET /api/v1/flows/{id}/rows) says of a logged sale, in place of a status cell.
SALE_ROW_NAME = "Venda {number}"
SALE_ROW_UNNUMBERED = "Venda sem número"
SALE_ROW_LOGGED = "{sale} registrada na planilha"
SALE_ROW_APPENDING = "{sale} sendo registrada: a próxima leitura confirma"
