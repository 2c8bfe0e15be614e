/*
 * The Apps Script runtime's common parts, for the worker realm where the add-on's .gs files run:
 * synchronous calls to the try-it server (Apps Script services are synchronous), Google's
 * exceptions, the manifest's scopes, the current execution (its auth mode, active tab and
 * per-execution read cache), and enums that print their names.
 *
 * Everything of the shim lives under self.__tryit, so no name can clash with the add-on's own.
 */
'use strict';

(function () {
  var SCOPES = {
    spreadsheets: ['https://www.googleapis.com/auth/spreadsheets.currentonly',
      'https://www.googleapis.com/auth/spreadsheets'],
    ui: ['https://www.googleapis.com/auth/script.container.ui'],
    externalRequest: ['https://www.googleapis.com/auth/script.external_request'],
    scriptApp: ['https://www.googleapis.com/auth/script.scriptapp'],
    openid: ['openid'],
    email: ['https://www.googleapis.com/auth/userinfo.email']
  };

  var tryit = {
    config: null,
    execution: null,
    SCOPES: SCOPES
  };

  /** An error as Apps Script's services throw them: String(e) is "Exception: <message>". */
  tryit.exception = function (message) {
    var error = new Error(message);
    error.name = 'Exception';
    return error;
  };

  /**
   * Refuses a call the manifest's scopes (or a simple trigger's LIMITED mode) do not allow,
   * with Google's wording. A manifest without oauthScopes lets Apps Script infer them: all allowed.
   */
  tryit.requirePermission = function (what, scopes, allowedInLimitedMode) {
    var execution = tryit.execution;
    var limited = execution && execution.authMode === 'LIMITED' && !allowedInLimitedMode;
    if (limited || !tryit.hasScope(scopes)) {
      throw tryit.exception('You do not have permission to call ' + what + '. Required permissions: ' + scopes[0]);
    }
  };

  tryit.hasScope = function (scopes) {
    var granted = tryit.config.scopes;
    return !granted || scopes.some(function (scope) { return granted.indexOf(scope) >= 0; });
  };

  /** A synchronous JSON call to the try-it server (a path below its root). */
  tryit.call = function (method, path, body) {
    var request = new XMLHttpRequest();
    request.open(method, tryit.config.appRoot + path, false);
    if (body !== undefined) {
      request.setRequestHeader('Content-Type', 'application/json');
    }
    request.send(body === undefined ? null : JSON.stringify(body));
    var answer = request.responseText ? JSON.parse(request.responseText) : null;
    return { status: request.status, body: answer };
  };

  /** A file of the add-on's project (Sidebar.html, ...), or null when there is none. */
  tryit.projectFile = function (name) {
    var request = new XMLHttpRequest();
    request.open('GET', tryit.config.appRoot + 'appsscript/' + encodeURIComponent(name).replace(/%2F/g, '/'), false);
    request.send(null);
    return request.status === 200 ? request.responseText : null;
  };

  /** Sends something to the page (the spreadsheet's UI), without waiting. */
  tryit.toPage = function (message) {
    self.postMessage(message);
  };

  tryit.utf8ToBase64 = function (text) {
    var bytes = new TextEncoder().encode(text);
    var binary = '';
    for (var i = 0; i < bytes.length; i += 0x8000) {
      binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
    }
    return btoa(binary);
  };

  tryit.base64ToBytes = function (encoded) {
    var binary = atob(encoded || '');
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) {
      bytes[i] = binary.charCodeAt(i);
    }
    return bytes;
  };

  /** An Apps Script enum: each value is one object that prints its name, compared by identity. */
  tryit.makeEnum = function (names) {
    var values = {};
    names.forEach(function (name) {
      values[name] = Object.freeze({
        toString: function () { return name; },
        toJSON: function () { return name; },
        name: function () { return name; }
      });
    });
    return Object.freeze(values);
  };

  /** Runs `work` as one execution: its own auth mode, active tab and read cache. */
  tryit.inExecution = function (settings, work) {
    var previous = tryit.execution;
    tryit.execution = {
      authMode: settings.authMode || 'FULL',
      activeSheet: settings.activeSheet || null,
      cache: {}
    };
    try {
      return work();
    } finally {
      tryit.execution = previous;
    }
  };

  self.__tryit = tryit;
})();
