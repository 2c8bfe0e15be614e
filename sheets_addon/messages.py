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
JSON_INVALID = "O conteúdo enviado não é um JSON válido."
JSON_TOO_DEEP = "O JSON enviado tem mais de {limit} níveis, um dentro do outro."

HEALTH_TITLE = "Azulejo — situação do serviço"
HEALTH_OK = "Tudo funcionando"
HEALTH_DEGRADED = "Algo precisa de atenção"

FLOW_NOT_AN_OBJECT = "Cada fluxo deve ser um objeto JSON."
FLOW_FIELD_REQUIRED = 'Preencha o campo "{field}" do fluxo.'
FLOW_FIELD_TOO_LONG = 'O campo "{field}" do fluxo passa de {limit} caracteres.'
FLOW_FIELD_NUL = 'O campo "{field}" do fluxo tem um caractere nulo: apague-o.'
FLOW_UNKNOWN_KIND = 'Tipo de fluxo "{kind}" desconhecido. Use um destes: {known}.'
FLOW_MAPPING_SHAPE = 'O mapeamento deve ligar cada campo (texto) a um cabeçalho de coluna (texto).'
FLOW_OPTIONS_SHAPE = "As opções do fluxo devem ser um objeto JSON."
FLOW_UNKNOWN_OPTIONS = "Opções desconhecidas: {unknown}. Opções aceitas: {known}."
FLOW_POLL_INTERVAL = "O intervalo de verificação deve ser um número inteiro de segundos, de {minimum} a {maximum} (uma semana)."
FLOW_ENABLED_NOT_BOOL = 'O campo "enabled" deve ser true ou false.'
FLOW_STATUS_IS_TRIGGER = "A coluna de status precisa ser diferente da coluna de gatilho."
FLOW_DOCUMENT_SHAPE = 'O arquivo deve ser um objeto JSON com a lista "flows".'
FLOW_DOCUMENT_VERSION = "Versão do arquivo de fluxos não suportada: {version}. Esta versão do Azulejo lê a versão {supported}."
FLOW_OWNER_REQUIRED = 'Diga a quem pertence o fluxo "{name}": campo "owner" (e-mail) ou a opção --owner.'
FLOW_ENTRY_INVALID = 'Fluxo {position} ("{name}"): {problems}'
FLOW_INVALID = "O fluxo tem problemas. Corrija-os e salve de novo."
FLOW_CONNECTION_REQUIRED = 'Diga qual conexão Conta Azul o fluxo usa: campo "connection_id" (número).'
FLOW_CONNECTION_NOT_ACTIVE = (
    "A conexão com o Conta Azul deste fluxo não está ativa. Conecte o Conta Azul de novo para ligar o fluxo."
)
PAGE_OUT_OF_RANGE = 'Os parâmetros "page" (a partir de 1) e "per_page" (de 1 a {maximum}) devem ser números inteiros.'
ROW_STATE_UNKNOWN = 'O parâmetro "state" aceita apenas: {known}.'
ACTIVITY_DAYS_OUT_OF_RANGE = 'O parâmetro "days" deve ser um número inteiro de 1 a {maximum}.'
NUDGE_INVALID = (
    'Envie "spreadsheet_id" e "sheet" (textos) e, se quiser, "rows": até {rows} números de linha, de 1 a {last}.'
)
FLOW_RUNNING = "Este fluxo já está rodando agora; tente de novo em instantes."
FLOW_PREVIEW_LIMIT = 'O parâmetro "limit" deve ser um número inteiro de 1 a {maximum}.'
CATALOG_HEADERS_SHAPE = 'Envie "headers" como uma lista de cabeçalhos (texto).'
SPREADSHEET_NOT_SHARED = (
    "O Azulejo não consegue abrir esta planilha. Compartilhe-a como editor com {account} e tente de novo."
)
SPREADSHEET_NOT_FOUND = (
    "Não encontramos esta planilha. Confira o endereço e compartilhe-a como editor com {account}."
)
SPREADSHEET_ACCOUNT_FALLBACK = "a conta de serviço do Azulejo"
SHEETS_UNAVAILABLE = "O Google Planilhas não respondeu agora. Tente de novo em instantes."

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

SIGN_IN_INVALID = "Não foi possível confirmar sua conta Google. Feche e abra a barra lateral para entrar de novo."
SIGN_IN_MESSAGES = {
    "missing_token": "Entre com sua conta Google para continuar.",
    "token_expired": "Sua sessão expirou. Feche e abra a barra lateral para entrar de novo.",
    "email_not_verified": "Sua conta Google ainda não tem o e-mail confirmado. Confirme-o no Google e tente de novo.",
    "account_conflict": (
        "Este e-mail já está ligado a outra conta Google no Azulejo. Fale com o administrador do serviço."
    ),
}
SIGN_IN_UNAVAILABLE = "Não conseguimos falar com o Google para confirmar sua conta. Tente de novo em instantes."

CONNECT_TITLE_DONE = "Conta Azul conectada"
CONNECT_TITLE_REFUSED = "Não foi possível conectar"
CONNECT_STATE_INVALID = (
    "Este link de conexão não é válido, já foi usado ou expirou. "
    "Volte à planilha e clique em \u201cConectar Conta Azul\u201d de novo."
)
CONNECT_CANCELLED = "A conexão foi cancelada na Conta Azul. Volte à planilha se quiser tentar de novo."
CONNECT_CODE_REFUSED = ("A autorização da Conta Azul expirou ou já foi usada (ela vale 3 minutos, uma vez só). "
                        "Volte à planilha e comece a conexão de novo, em Conectar.")
CONNECT_CONTAAZUL_DOWN = "A Conta Azul não respondeu agora. Volte à planilha e tente de novo em instantes."
CONNECT_CLIENT_REFUSED = ("A Conta Azul recusou a identificação deste servidor do Azulejo, e nada foi conectado. "
                          "Avise quem administra o Azulejo e tente de novo quando for resolvido.")
CONNECTION_DISCONNECTED = "Desconectada por você. Conecte de novo para retomar os fluxos."
CONNECTION_REFRESH_REFUSED = "A Conta Azul não aceitou mais o acesso do Azulejo. Conecte de novo para retomar os fluxos."
CONNECTION_ACCESS_REVOKED = ("O acesso do Azulejo foi revogado no Conta Azul. Conecte de novo para retomar os "
                             "fluxos.")
CONTAAZUL_CLIENT_REFUSED = (
    "A Conta Azul recusou a identificação deste servidor do Azulejo. Avise quem administra o Azulejo; "
    "sua conexão continua valendo, e os fluxos voltam a rodar assim que for resolvido."
)

GOOGLE_CONNECT_TITLE_DONE = "Conta Google conectada"
GOOGLE_CONNECT_STATE_INVALID = (
    "Este link de conexão não é válido, já foi usado ou expirou. "
    "Volte à planilha e clique em \u201cConectar conta Google\u201d de novo."
)
GOOGLE_CONNECT_CANCELLED = "A conexão foi cancelada no Google. Volte à planilha se quiser tentar de novo."
GOOGLE_CONNECT_CODE_REFUSED = "O Google recusou a autorização (ela vale poucos minutos). Volte à planilha e tente de novo."
GOOGLE_CONNECT_DOWN = "O Google não respondeu agora. Volte à planilha e tente de novo em instantes."
GOOGLE_CONNECT_WRONG_ACCOUNT = (
    "Você autorizou com a conta Google {consented}, mas está usando o Azulejo como {signed_in}. "
    "Volte à planilha e autorize com a conta {signed_in}."
)
GOOGLE_CONNECT_SCOPE_MISSING = (
    "O Azulejo precisa da permissão para ver e editar suas planilhas. "
    "Volte à planilha, tente de novo e deixe essa permissão marcada."
)
GOOGLE_CONNECT_NOT_OFFLINE = "O Google não deu acesso contínuo ao Azulejo. Volte à planilha e tente de novo."
GOOGLE_CONSENT_UNAVAILABLE = (
    "Este servidor do Azulejo não oferece acesso com a sua conta Google. "
    "Compartilhe suas planilhas como editor com {account}."
)
GOOGLE_REFRESH_REFUSED = (
    "O Google não aceitou mais o acesso do Azulejo às suas planilhas. "
    "Conecte sua conta Google de novo para retomar os fluxos."
)
GOOGLE_SERVICE_ACCOUNT_REFUSED = (
    "O Google recusou o acesso deste servidor do Azulejo às planilhas. Avise quem administra o "
    "Azulejo; os fluxos voltam a rodar assim que for resolvido."
)
GOOGLE_ACCESS_MISSING = "O Azulejo ainda não tem acesso às suas planilhas. Conecte sua conta Google na barra lateral."
SPREADSHEET_NOT_SHARED_WITH_YOU = (
    "Sua conta Google {account} não consegue abrir esta planilha. "
    "Peça a quem é dono dela para compartilhá-la com você como editor."
)
SPREADSHEET_NOT_FOUND_FOR_YOU = (
    "Não encontramos esta planilha entre as que a conta Google {account} pode abrir. Confira o endereço."
)

# Proving that a person can edit a spreadsheet (spreadsheet_access): the backend opens it for them only then.
ACCESS_UNPROVEN = (
    "O Azulejo ainda não confirmou que você pode editar esta planilha. Abra o painel do Azulejo nela "
    "(Extensões › Azulejo › Abrir painel): ele confirma seu acesso sozinho. Se ela ainda não estiver "
    "compartilhada como editor com {account}, compartilhe-a antes."
)
ACCESS_EXPIRED = (
    "Pausado: o Azulejo confirma a cada {period} que você ainda pode editar esta planilha, e a última "
    "confirmação venceu. Abra o painel do Azulejo nesta planilha (ou edite qualquer célula dela) para "
    "confirmar de novo; os fluxos voltam sozinhos."
)
ACCESS_NEVER_PROVED = (
    "Pausado até você confirmar que pode editar esta planilha: abra o painel do Azulejo nela "
    "(Extensões › Azulejo › Abrir painel); os fluxos voltam sozinhos."
)
ACCESS_NOT_EDITABLE = (
    "Sua conta Google {account} não pode editar esta planilha. Peça a quem é dono dela para "
    "compartilhá-la com você como editor; enquanto isso, os fluxos dela ficam pausados."
)

# A connect link finishes only in the browser that opened it first, for the Azulejo account that
# asked for it: the begin page, its confirmation, the Google sign-in check and the result pages.
CONNECT_LINK_INVALID = (
    "Este link de conexão não é válido, já foi usado ou expirou. "
    "Volte ao painel do Azulejo e clique em Conectar de novo."
)
CONNECT_OPENED_ELSEWHERE = (
    "Este link de conexão já foi aberto em outro navegador e, por segurança, só funciona nele. "
    "Se foi você quem clicou em Conectar, volte ao painel do Azulejo e clique em Conectar de novo."
)
CONNECT_OTHER_BROWSER = (
    "Esta conexão foi iniciada em outro navegador, ou não foi confirmada. Por segurança, nada foi conectado. "
    "Volte ao painel do Azulejo e clique em Conectar de novo."
)
CONNECT_CONFIRM_TITLE = "Confirme a conexão"
CONNECT_CONFIRM = (
    "Você vai conectar uma empresa do Conta Azul à conta do Azulejo de {email}. "
    "Continue só se foi você quem clicou em Conectar agora, no painel do Azulejo."
)
CONNECT_CONFIRM_CONTINUE = "Continuar"
CONNECT_CONFIRM_CANCEL = "Cancelar"
CONNECT_TITLE_CANCELLED = "Conexão cancelada"
CONNECT_CANCELLED_HERE = "Nada foi conectado. Você já pode fechar esta janela."
CONNECT_SIGN_IN_CANCELLED = (
    "A entrada com a conta Google foi cancelada, e nada foi conectado. Volte ao painel se quiser tentar de novo."
)
CONNECT_SIGN_IN_WRONG_ACCOUNT = (
    "Este link de conexão é da conta do Azulejo de {owner}, mas você entrou no Google como {signed_in}. "
    "Por segurança, nada foi conectado. Se foi você quem clicou em Conectar, volte ao painel do Azulejo, "
    "clique em Conectar de novo e entre no Google como {owner}."
)
CONNECT_COMPANY = "{name} ({kind} {document})"
CONNECT_COMPANY_DONE = "{company} está conectada à conta do Azulejo de {email}. Você já pode fechar esta janela."
GOOGLE_CONNECT_ACCOUNT_DONE = (
    "A conta Google {google_email} está conectada à conta do Azulejo de {email}: o Azulejo vai abrir suas "
    "planilhas como {google_email}. Você já pode fechar esta janela."
)

# Fair use (issue 14): a person's limits a minute, the flows cap, and Google's Sheets quota in a request.
TOO_MANY_SPREADSHEET_INFO = "Muitas consultas de planilhas neste minuto. Tente de novo em {seconds} segundos."
TOO_MANY_PREVIEWS = "Muitas pré-visualizações neste minuto. Tente de novo em {seconds} segundos."
TOO_MANY_RUNS_NOW = (
    "Você pediu \u201cSincronizar agora\u201d muitas vezes neste minuto. Tente de novo em {seconds} segundos; "
    "enquanto isso, os fluxos ativos continuam rodando sozinhos."
)
TOO_MANY_CONNECT_STARTS = "Muitas tentativas de conexão neste minuto. Tente de novo em {seconds} segundos."
FLOW_LIMIT_REACHED = (
    "Você já tem {limit} fluxos, o máximo deste servidor do Azulejo. "
    "Exclua um fluxo que não usa mais para criar outro."
)
TOO_MANY_ACCESS_PROOFS = (
    "Muitas confirmações de acesso a planilhas em pouco tempo. Tente de novo em {seconds} segundos."
)
SHEETS_QUOTA_EXHAUSTED = (
    "O Google Planilhas atingiu o limite de uso deste minuto. Tente de novo em {seconds} segundos; "
    "nada foi perdido."
)
