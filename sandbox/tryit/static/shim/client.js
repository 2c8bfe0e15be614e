/*
 * google.script for the sidebar's HTML (loaded first in its <head>): google.script.run calls the
 * project's public server functions asynchronously, and google.script.host closes the sidebar (or dialog).
 *
 * As with Google: arguments and results cross as JSON (a Date or function argument is refused;
 * a result holding a Date arrives as null), functions ending in "_" are private, each
 * with*Handler returns a new runner, and a failure handler gets an Error whose message is the
 * server's error as a string ("Error: ...").
 */
'use strict';

(function () {
  var host = window.parent.__tryitHost;

  function illegal(value, path) {
    if (value instanceof Date || typeof value === 'function') {
      return path;
    }
    if (value && typeof value === 'object') {
      var keys = Object.keys(value);
      for (var i = 0; i < keys.length; i++) {
        var found = illegal(value[keys[i]], path ? path + '.' + keys[i] : keys[i]);
        if (found) {
          return found;
        }
      }
    }
    return null;
  }

  function formFields(form) {
    var fields = {};
    Array.prototype.forEach.call(form.elements, function (element) {
      if (!element.name || element.disabled || ((element.type === 'checkbox' || element.type === 'radio') && !element.checked)) {
        return;
      }
      fields[element.name] = element.value;
    });
    return fields;
  }

  function scriptError(message) {
    var error = new Error(message);
    error.name = 'ScriptError';
    return error;
  }

  function runner(handlers) {
    var run = {
      withSuccessHandler: function (handler) { return runner(Object.assign({}, handlers, { success: handler })); },
      withFailureHandler: function (handler) { return runner(Object.assign({}, handlers, { failure: handler })); },
      withUserObject: function (object) { return runner(Object.assign({}, handlers, { userObject: object })); }
    };
    host.publicFunctions().forEach(function (name) {
      run[name] = function () {
        var args = Array.prototype.map.call(arguments, function (arg) {
          return arg instanceof HTMLFormElement ? formFields(arg) : arg;
        });
        var bad = illegal(args, '');
        var call = bad ? Promise.reject('Failed due to illegal value in property: ' + bad)
          : host.run(name, JSON.parse(JSON.stringify(args)));
        call.then(function (value) {
          if (handlers.success) {
            handlers.success(value, handlers.userObject);
          }
        }, function (message) {
          var error = scriptError(message);
          if (handlers.failure) {
            handlers.failure(error, handlers.userObject);
          } else {
            console.error(error);
          }
        });
      };
    });
    return run;
  }

  window.google = window.google || {};
  window.google.script = {
    get run() { return runner({}); },
    host: {
      origin: window.parent.location.origin,
      close: function () { host.close(window.frameElement); },
      setHeight: function () {},
      setWidth: function () {},
      editor: { focus: function () { host.focusEditor(); } }
    }
  };
})();
