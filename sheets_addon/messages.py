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

FLOW_NOT_AN_OBJECT = "Cada fluxo deve ser um objeto JSON."
FLOW_FIELD_REQUIRED = 'Preencha o campo "{field}" do fluxo.'
FLOW_FIELD_TOO_LONG = 'O campo "{field}" do fluxo passa de {limit} caracteres.'
FLOW_UNKNOWN_KIND = 'Tipo de fluxo "{kind}" desconhecido. Use um destes: {known}.'
FLOW_MAPPING_SHAPE = 'O mapeamento deve ligar cada campo (texto) a um cabeçalho de coluna (texto).'
FLOW_OPTIONS_SHAPE = "As opções do fluxo devem ser um objeto JSON."
FLOW_UNKNOWN_OPTIONS = "Opções desconhecidas: {unknown}. Opções aceitas: {known}."
FLOW_POLL_INTERVAL = "O intervalo de verificação deve ser um número inteiro de segundos, de no mínimo {minimum}."
FLOW_ENABLED_NOT_BOOL = 'O campo "enabled" deve ser true ou false.'
FLOW_STATUS_IS_TRIGGER = "A coluna de status precisa ser diferente da coluna de gatilho."
FLOW_DOCUMENT_SHAPE = 'O arquivo deve ser um objeto JSON com a lista "flows".'
FLOW_DOCUMENT_VERSION = "Versão do arquivo de fluxos não suportada: {version}. Esta versão do Azulejo lê a versão {supported}."
FLOW_OWNER_REQUIRED = 'Diga a quem pertence o fluxo "{name}": campo "owner" (e-mail) ou a opção --owner.'
FLOW_ENTRY_INVALID = 'Fluxo {position} ("{name}"): {problems}'

SHEET_TAB_MISSING = 'A aba "{tab}" não existe mais na planilha. Renomeie-a de volta ou edite o fluxo.'
SHEET_TRIGGER_MISSING = (
    'A coluna de gatilho "{column}" não está mais no cabeçalho (linha 1). '
    "Renomeie-a de volta ou edite o fluxo."
)

STATUS_ORDER_WAITS = "aguardando: corrija a(s) linha(s) {rows} do mesmo pedido"
STATUS_ORDER_ALREADY_SENT = (
    'o pedido "{order}" já foi enviado ({summary}). Para uma nova venda, use outro número de pedido.'
)
FLOW_RECONNECT = "A conexão com o Conta Azul expirou ou foi revogada. Conecte de novo para retomar o fluxo."
STATUS_PREVIEW_READY = "pronta para envio"
