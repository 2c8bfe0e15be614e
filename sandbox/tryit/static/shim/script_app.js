/*
 * ScriptApp for the add-on's .gs files: the person's Google identity token (minted by the Sheets
 * stand-in, which plays accounts.google.com) and installable spreadsheet triggers, kept by the
 * try-it server as Google keeps them. The page fires ON_EDIT/ON_CHANGE triggers when the person
 * types into the grid.
 */
'use strict';

(function (tryit) {
  var SCOPES = tryit.SCOPES;
  var EventType = tryit.makeEnum(['CLOCK', 'ON_OPEN', 'ON_EDIT', 'ON_FORM_SUBMIT', 'ON_CHANGE', 'ON_EVENT_UPDATED']);
  var TriggerSource = tryit.makeEnum(['SPREADSHEETS', 'CLOCK', 'FORMS', 'DOCUMENTS', 'CALENDAR']);
  var AuthMode = tryit.makeEnum(['NONE', 'CUSTOM_FUNCTION', 'LIMITED', 'FULL']);
  var cachedToken = null;

  function Trigger(stored) {
    this._stored = stored;
  }
  Trigger.prototype.getUniqueId = function () { return this._stored.unique_id; };
  Trigger.prototype.getHandlerFunction = function () { return this._stored.handler; };
  Trigger.prototype.getEventType = function () { return EventType[this._stored.event_type]; };
  Trigger.prototype.getTriggerSource = function () { return TriggerSource.SPREADSHEETS; };
  Trigger.prototype.getTriggerSourceId = function () { return this._stored.source_id; };
  Trigger.prototype.toString = function () { return 'Trigger'; };

  function SpreadsheetTriggerBuilder(handler, sourceId) {
    this._handler = handler;
    this._sourceId = sourceId;
    this._eventType = null;
  }
  ['onEdit', 'onChange', 'onOpen', 'onFormSubmit'].forEach(function (method) {
    var eventType = { onEdit: 'ON_EDIT', onChange: 'ON_CHANGE', onOpen: 'ON_OPEN', onFormSubmit: 'ON_FORM_SUBMIT' }[method];
    SpreadsheetTriggerBuilder.prototype[method] = function () {
      this._eventType = eventType;
      return this;
    };
  });
  SpreadsheetTriggerBuilder.prototype.create = function () {
    tryit.requirePermission('ScriptApp.newTrigger', SCOPES.scriptApp, false);
    if (!this._eventType) {
      throw tryit.exception('Missing event type for the trigger.');
    }
    var answer = tryit.call('POST', 'google/triggers',
      { handler: this._handler, event_type: this._eventType, source_id: this._sourceId });
    if (answer.status !== 201) {
      throw tryit.exception('Unexpected error while creating the trigger.');
    }
    return new Trigger(answer.body);
  };

  function TriggerBuilder(handler) {
    this._handler = handler;
  }
  TriggerBuilder.prototype.forSpreadsheet = function (spreadsheet) {
    var id = typeof spreadsheet === 'string' ? spreadsheet : spreadsheet.getId();
    return new SpreadsheetTriggerBuilder(this._handler, id);
  };
  TriggerBuilder.prototype.timeBased = function () {
    throw tryit.exception('Time-driven triggers are not simulated by the Azulejo try-it page.');
  };

  function projectTriggers() {
    tryit.requirePermission('ScriptApp.getProjectTriggers', SCOPES.scriptApp, false);
    return tryit.call('GET', 'google/triggers').body.map(function (stored) { return new Trigger(stored); });
  }

  /** The token's expiry (seconds since the epoch), from its payload. */
  function expiresAt(token) {
    var payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(atob(payload + '==='.slice((payload.length + 3) % 4))).exp;
  }

  self.ScriptApp = {
    AuthMode: AuthMode,
    EventType: EventType,
    TriggerSource: TriggerSource,
    getScriptId: function () { return 'azulejo-tryit'; },
    /** Null without the openid scope, as in Apps Script; a fresh token when the last is near its end. */
    getIdentityToken: function () {
      if (!tryit.hasScope(SCOPES.openid)) {
        return null;
      }
      tryit.requirePermission('ScriptApp.getIdentityToken', SCOPES.openid, false);
      if (!cachedToken || expiresAt(cachedToken) - Date.now() / 1000 < 300) {
        cachedToken = tryit.call('GET', 'google/identity-token').body.token;
      }
      return cachedToken;
    },
    newTrigger: function (functionName) { return new TriggerBuilder(String(functionName)); },
    getProjectTriggers: projectTriggers,
    getUserTriggers: function (spreadsheet) {
      var id = typeof spreadsheet === 'string' ? spreadsheet : spreadsheet.getId();
      return projectTriggers().filter(function (trigger) { return trigger.getTriggerSourceId() === id; });
    },
    deleteTrigger: function (trigger) {
      tryit.requirePermission('ScriptApp.deleteTrigger', SCOPES.scriptApp, false);
      var answer = tryit.call('DELETE', 'google/triggers/' + encodeURIComponent(trigger.getUniqueId()));
      if (answer.status !== 200) {
        throw tryit.exception('The trigger was not found.');
      }
    }
  };

  tryit.AuthMode = AuthMode;
})(self.__tryit);
