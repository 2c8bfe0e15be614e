/*
 * The page's side of the Apps Script realm: starts the worker with the add-on's .gs files, sends
 * it executions (google.script.run calls, menu items, triggers) one at a time as Google would
 * run them, and shows what the scripts ask of the spreadsheet's UI.
 */
'use strict';

(function () {
  function RealmHost(config, handlers) {
    this.config = config;
    this.handlers = handlers; // {ui(message), activeSheet(), execution(record)}
    this.functions = [];
    this.pending = {};
    this.nextId = 1;
    this.worker = new Worker(config.staticRoot + 'shim/realm.js');
    var host = this;
    this.ready = new Promise(function (resolve, reject) {
      host.worker.onmessage = function (event) { host.receive(event.data, resolve, reject); };
      host.worker.onerror = function (event) { reject(new Error(event.message)); };
    });
    this.worker.postMessage({ type: 'boot', config: config });
  }

  RealmHost.prototype.receive = function (message, resolveReady, rejectReady) {
    if (message.type === 'ready') {
      this.functions = message.functions;
      resolveReady();
    } else if (message.type === 'boot-failed') {
      rejectReady(new Error(message.error));
    } else if (message.type === 'ui') {
      this.handlers.ui(message);
    } else if (message.type === 'done') {
      var pending = this.pending[message.id];
      delete this.pending[message.id];
      pending.record.ok = message.ok;
      pending.record.error = message.error || null;
      pending.record.ms = Math.round(performance.now() - pending.started);
      this.handlers.execution(pending.record);
      if (message.ok) {
        pending.resolve(message.value && message.value.json !== null ? JSON.parse(message.value.json) : undefined);
      } else {
        pending.reject(message.error);
      }
    }
  };

  /**
   * Runs `fn` in the realm: options.from ('client' | 'menu' | 'trigger'), options.args,
   * options.event (for triggers), options.authMode. Resolves with the JSON-safe result, rejects
   * with the error's text.
   */
  RealmHost.prototype.run = function (fn, options) {
    var host = this;
    options = options || {};
    return this.ready.then(function () {
      return new Promise(function (resolve, reject) {
        var id = host.nextId++;
        var record = { fn: fn, from: options.from || 'client', label: options.label || fn };
        host.pending[id] = { resolve: resolve, reject: reject, record: record, started: performance.now() };
        host.worker.postMessage({
          type: 'call', id: id, fn: fn, args: options.args || [], from: record.from, event: options.event || null,
          authMode: options.authMode || 'FULL', activeSheet: host.handlers.activeSheet()
        });
      });
    });
  };

  window.TryIt = window.TryIt || {};
  window.TryIt.RealmHost = RealmHost;
})();
