/**
 * Every call to the Azulejo backend goes through callBackend_: it adds the person's Google
 * identity token and turns a refusal into an Error whose message the sidebar can show as is.
 * The token is never logged nor returned to the sidebar, goes only over https, and never
 * follows a redirect: it goes to the configured backend or nowhere.
 */

var BACKEND_URL_PROPERTY = 'AZULEJO_BACKEND_URL';
var HTTPS_URL = /^https:\/\/[^\/?#@]/i;
// http to this machine only: Google's servers cannot reach it, so only the try-it page calls it.
var LOOPBACK_HTTP_URL = /^http:\/\/(localhost|127(\.\d{1,3}){3}|\[::1\])(:\d+)?(\/|$)/i;

/** The backend's base URL from the script properties, without a trailing slash; https only. */
function backendUrl_() {
  var url = PropertiesService.getScriptProperties().getProperty(BACKEND_URL_PROPERTY);
  url = url ? String(url).trim() : '';
  if (!url) {
    throw new Error(MESSAGES.backendNotConfigured);
  }
  if (!HTTPS_URL.test(url) && !LOOPBACK_HTTP_URL.test(url)) {
    throw new Error(MESSAGES.backendNotHttps);
  }
  return url.replace(/\/+$/, '');
}

/**
 * Calls the backend and returns its JSON answer.
 * method: 'get' | 'post' | 'put' | 'delete'; path: '/api/v1/...' (query included);
 * body: sent as JSON when given.
 */
function callBackend_(method, path, body) {
  var url = backendUrl_() + path;
  var options = {
    method: method,
    contentType: 'application/json',
    headers: { Authorization: 'Bearer ' + identityToken_() },
    muteHttpExceptions: true,
    followRedirects: false // UrlFetchApp would send the token on to wherever a redirect points
  };
  if (body !== undefined) {
    options.payload = JSON.stringify(body);
  }
  var response;
  try {
    response = UrlFetchApp.fetch(url, options);
  } catch (networkError) {
    // The exception text may carry the URL; operators see the kind, the person a plain sentence.
    console.warn('backend unreachable', { path: path.split('?')[0] });
    throw new Error(MESSAGES.backendUnreachable);
  }
  var status = response.getResponseCode();
  if (status >= 300 && status < 400) {
    console.warn('backend answered with a redirect', { path: path.split('?')[0], status: status });
    throw new Error(formatMessage_(MESSAGES.backendRedirected, { status: status }));
  }
  var answer = parseJson_(response.getContentText());
  if (status >= 200 && status < 300) {
    return answer;
  }
  var failure = new Error(backendErrorMessage_(status, answer));
  failure.code = answer && answer.error ? answer.error.code : null; // for callers that can mend it (Access.gs)
  throw failure;
}

/** The person's Google ID token (the backend checks its audience, issuer and expiry). */
function identityToken_() {
  var token = ScriptApp.getIdentityToken();
  if (!token) {
    throw new Error(MESSAGES.noIdentityToken);
  }
  return token;
}

/**
 * The backend's Portuguese message; a 422's list of problems follows it, one per line
 * starting with "• ", so the sidebar can show them as a list.
 */
function backendErrorMessage_(status, answer) {
  var error = answer && answer.error;
  if (!error || typeof error.message !== 'string' || !error.message) {
    return formatMessage_(MESSAGES.backendUnreadable, { status: status });
  }
  var problems = Array.isArray(error.problems) ? error.problems : [];
  return [error.message].concat(problems.map(function (problem) { return '• ' + problem; })).join('\n');
}

function parseJson_(text) {
  if (!text) {
    return null;
  }
  try {
    return JSON.parse(text);
  } catch (notJson) {
    return null;
  }
}

/** A query string from {name: value | [values]}, skipping empty values. */
function queryString_(params) {
  var parts = [];
  Object.keys(params).forEach(function (name) {
    var values = Array.isArray(params[name]) ? params[name] : [params[name]];
    values.forEach(function (value) {
      if (value !== undefined && value !== null && value !== '') {
        parts.push(encodeURIComponent(name) + '=' + encodeURIComponent(String(value)));
      }
    });
  });
  return parts.length ? '?' + parts.join('&') : '';
}
