/*
 * PropertiesService and Session for the add-on's .gs files, plus Logger. Properties live on the
 * try-it server (as on Google's): the project's script properties (where AZULEJO_BACKEND_URL is),
 * this spreadsheet's document properties, and the person's user properties. Values are strings.
 */
'use strict';

(function (tryit) {
  function Properties(store) {
    this._store = store;
  }
  Properties.prototype._read = function () {
    return tryit.call('GET', 'google/properties/' + this._store).body;
  };
  Properties.prototype._change = function (change) {
    tryit.call('POST', 'google/properties/' + this._store, change);
    return this;
  };
  Properties.prototype.getProperty = function (key) {
    var all = this._read();
    return Object.prototype.hasOwnProperty.call(all, key) ? all[key] : null;
  };
  Properties.prototype.getProperties = function () { return this._read(); };
  Properties.prototype.getKeys = function () { return Object.keys(this._read()); };
  Properties.prototype.setProperty = function (key, value) {
    var set = {};
    set[String(key)] = String(value);
    return this._change({ set: set });
  };
  Properties.prototype.setProperties = function (properties, deleteAllOthers) {
    var set = {};
    Object.keys(properties).forEach(function (key) { set[key] = String(properties[key]); });
    return this._change({ set: set, delete_others: !!deleteAllOthers });
  };
  Properties.prototype.deleteProperty = function (key) { return this._change({ delete: [String(key)] }); };
  Properties.prototype.deleteAllProperties = function () { return this._change({ delete_others: true }); };
  Properties.prototype.toString = function () { return 'Properties'; };

  self.PropertiesService = {
    getScriptProperties: function () { return new Properties('script'); },
    getDocumentProperties: function () { return new Properties('document'); },
    getUserProperties: function () { return new Properties('user'); }
  };

  function User(email) {
    this._email = email;
  }
  /** Empty without the e-mail scope, as Apps Script answers. */
  User.prototype.getEmail = function () {
    return tryit.hasScope(tryit.SCOPES.email) ? this._email : '';
  };
  User.prototype.toString = function () { return this.getEmail(); };

  self.Session = {
    getActiveUser: function () { return new User(tryit.config.userEmail); },
    getEffectiveUser: function () { return new User(tryit.config.userEmail); },
    getActiveUserLocale: function () { return 'pt_BR'; },
    getScriptTimeZone: function () { return tryit.config.timeZone; }
  };

  var lines = [];
  self.Logger = {
    log: function (format) {
      var args = Array.prototype.slice.call(arguments, 1);
      var text = String(format).replace(/%s/g, function () { return args.length ? String(args.shift()) : '%s'; });
      lines.push(text);
      console.log(text);
      return self.Logger;
    },
    getLog: function () { return lines.join('\n'); },
    clear: function () { lines = []; }
  };
})(self.__tryit);
