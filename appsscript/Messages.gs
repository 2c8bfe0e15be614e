/**
 * Texts a person reads that come from the server side, in Brazilian Portuguese, kept together
 * for review. The backend's own errors already arrive in Portuguese and are shown as they are.
 */

var MESSAGES = {
  backendNotConfigured:
    'O add-on ainda não sabe onde está o servidor do Azulejo (propriedade do script ' +
    'AZULEJO_BACKEND_URL). Peça a quem instalou o add-on para configurá-la.',
  backendNotHttps:
    'O endereço do servidor do Azulejo (propriedade do script AZULEJO_BACKEND_URL) precisa começar com ' +
    'https://, para que sua identidade Google viaje protegida. Peça a quem instalou o add-on para corrigi-lo.',
  backendRedirected:
    'O servidor do Azulejo respondeu com um redirecionamento (código {status}), e o add-on não o segue para ' +
    'não entregar sua identidade Google a outro endereço. Peça a quem instalou o add-on para conferir o ' +
    'endereço do servidor (AZULEJO_BACKEND_URL).',
  backendUnreachable:
    'Não foi possível falar com o servidor do Azulejo agora. Verifique sua conexão e tente de novo ' +
    'em alguns instantes.',
  backendUnreadable:
    'O servidor do Azulejo respondeu algo inesperado (código {status}). Tente de novo em alguns instantes.',
  noIdentityToken:
    'O Google não entregou sua identidade ao add-on. Feche o painel, abra de novo pelo menu ' +
    'Extensões › Azulejo › Abrir painel e autorize o acesso quando for pedido.',
  sheetNotFound: 'A aba "{sheet}" não existe mais nesta planilha.',
  rowOutOfRange: 'A linha {row} não existe na aba "{sheet}".',
  cannotEditSpreadsheet:
    'Você não pode editar esta planilha, então o Azulejo não pode usá-la em seu nome. Peça a quem é dono ' +
    'dela para compartilhá-la com você como editor.',
  menuOpen: 'Abrir painel',
  sidebarTitle: 'Azulejo'
};

/** The message with each {name} replaced by values[name]. */
function formatMessage_(template, values) {
  return template.replace(/\{(\w+)\}/g, function (whole, name) {
    return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole;
  });
}
