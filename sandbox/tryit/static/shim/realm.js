/*
 * The Apps Script realm: a Web Worker where the add-on's .gs files run as they are, beside the
 * shim's services, off the page's thread (so the sidebar stays responsive while a server
 * function waits on the backend, as it does with Google).
 *
 * The page sends {type: 'boot', config}, then one {type: 'call'} per execution: a function
 * called by google.script.run (from: 'client'), a menu item, or a trigger with its event.
 * Each answers {type: 'done', id, ok, value | error}.
 */
'use strict';

importScripts('../shared/a1.js', 'runtime.js', 'spreadsheet_app.js', 'developer_metadata.js', 'html_service.js',
  'url_fetch_app.js', 'script_app.js', 'properties_service.js');

(function (tryit) {
  var shimGlobals = null;

  function describe(error) {
    // What Apps Script hands the client: the error as a string ("Error: ...", "Exception: ...").
    return String(error);
  }

  function boot(config) {
    tryit.config = config;
    shimGlobals = new Set(Object.getOwnPropertyNames(self));
    try {
      importScripts.apply(null, config.scriptFiles.map(function (name) {
        return config.appRoot + 'appsscript/' + encodeURIComponent(name);
      }));
    } catch (error) {
      self.postMessage({ type: 'boot-failed', error: describe(error) });
      return;
    }
    var functions = Object.getOwnPropertyNames(self).filter(function (name) {
      return !shimGlobals.has(name) && typeof self[name] === 'function';
    });
    self.postMessage({ type: 'ready', functions: functions.filter(function (name) { return !/_$/.test(name); }) });
  }

  /** Dates (anywhere in it) make a value unreturnable to the client: Apps Script gives null then. */
  function hasDate(value) {
    if (value instanceof Date) {
      return true;
    }
    if (value && typeof value === 'object') {
      return Object.keys(value).some(function (key) { return hasDate(value[key]); });
    }
    return false;
  }

  function returnable(value) {
    if (value === undefined) {
      return { json: null };
    }
    if (hasDate(value)) {
      console.warn('[try-it] a server function returned a Date: the client receives null, as with Google');
      return { json: 'null' };
    }
    return { json: JSON.stringify(value) };
  }

  function eventObject(event) {
    var e = {
      authMode: tryit.AuthMode[event.authMode],
      source: new tryit.spreadsheets.Spreadsheet(),
      user: Session.getActiveUser(),
      triggerUid: event.triggerUid || undefined
    };
    if (event.kind === 'edit') {
      e.range = tryit.spreadsheets.rangeOf(event.sheet, event.row, event.column, event.numRows, event.numColumns);
      if (event.value !== undefined) { e.value = event.value; }
      if (event.oldValue !== undefined) { e.oldValue = event.oldValue; }
    } else if (event.kind === 'change') {
      e.changeType = 'EDIT';
    }
    return e;
  }

  function call(message) {
    var answer;
    try {
      var value = tryit.inExecution({ authMode: message.authMode, activeSheet: message.activeSheet }, function () {
        var fn = self[message.fn];
        var hidden = shimGlobals.has(message.fn) || (message.from === 'client' && /_$/.test(message.fn));
        if (typeof fn !== 'function' || hidden) {
          throw tryit.exception('Script function not found: ' + message.fn);
        }
        return fn.apply(self, message.event ? [eventObject(message.event)] : (message.args || []));
      });
      answer = { ok: true, value: message.from === 'client' ? returnable(value) : { json: null } };
    } catch (error) {
      console.error('[try-it] ' + message.fn + ' failed:', error);
      answer = { ok: false, error: describe(error) };
    }
    self.postMessage({ type: 'done', id: message.id, ok: answer.ok, value: answer.value, error: answer.error });
  }

  self.onmessage = function (event) {
    var message = event.data;
    if (message.type === 'boot') {
      boot(message.config);
    } else if (message.type === 'call') {
      call(message);
    }
  };
})(self.__tryit);
