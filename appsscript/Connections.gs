/**
 * Conta Azul connections, for the sidebar: list them, start a sign-in, disconnect one.
 * The backend keeps the tokens; only names, CNPJ and status ever reach the sidebar.
 */

/** [{id, company_name, company_document, status, status_reason, flow_count, connected_at, updated_at}] */
function listConnections() {
  return callBackend_('get', '/api/v1/connections').connections;
}

/** {authorize_url, expires_at}: the sidebar opens the link in a popup and watches the list. */
function startContaAzulConnection() {
  return callBackend_('post', '/api/v1/connections/contaazul/start', {});
}

/** Forgets the connection's tokens; its flows pause, so the edit trigger is brought in line. */
function disconnectConnection(connectionId) {
  var connection = callBackend_('post', '/api/v1/connections/' + encodeURIComponent(connectionId) + '/disconnect', {});
  return { connection: connection, trigger: refreshEditTrigger_() };
}
