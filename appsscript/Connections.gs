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

/**
 * How the backend reaches this person's sheets: {mode: 'user' | 'service_account' | 'none',
 * share_with, service_account_email, consent_available, connection}.
 */
function getGoogleAccess() {
  return callBackend_('get', '/api/v1/connections/google');
}

/** {authorize_url, expires_at}: Google's consent for the backend to open this person's sheets as them. */
function startGoogleConnection() {
  return callBackend_('post', '/api/v1/connections/google/start', {});
}

/** Revokes that consent; sheets go back to the backend's own account. */
function disconnectGoogle() {
  return callBackend_('post', '/api/v1/connections/google/disconnect', {});
}
