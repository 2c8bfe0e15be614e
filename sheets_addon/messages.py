"""Texts a person reads, in Brazilian Portuguese, kept together for review and translation."""

UNEXPECTED_ERROR = "Ocorreu um erro inesperado. Tente novamente em instantes."

HTTP_ERROR_MESSAGES = {
    400: "A requisição está incompleta ou malformada.",
    401: "Faça login novamente para continuar.",
    403: "Você não tem permissão para acessar este recurso.",
    404: "Não encontramos o que você procurou.",
    405: "Este endereço não aceita este método.",
    413: "O conteúdo enviado é grande demais.",
    415: "Envie o conteúdo como JSON.",
    429: "Muitas requisições em pouco tempo. Aguarde um instante e tente de novo.",
    500: UNEXPECTED_ERROR,
}

HEALTH_TITLE = "Azulejo — situação do serviço"
HEALTH_OK = "Tudo funcionando"
HEALTH_DEGRADED = "Algo precisa de atenção"
HEALTH_DATABASE = "Banco de dados"
HEALTH_CONTAAZUL = "Conta Azul"
HEALTH_REACHABLE = "acessível"
HEALTH_UNREACHABLE = "inacessível"
