/**
 * The edit trigger: when someone fills a trigger-column cell of a tab an enabled flow reads,
 * the backend is nudged so the flow runs within seconds instead of at its next poll.
 *
 * It must be cheap, since it runs on every edit of the spreadsheet: which tabs and columns to
 * watch is kept in the user's properties (refreshed whenever the sidebar changes or lists
 * flows), so deciding costs no backend call; only an edit of a watched column reads anything
 * (that column's header and the edited cells), and the nudge carries the tab and row numbers,
 * never a cell's value. Once every few hours an edit also renews the person's proof that they
 * can edit the spreadsheet (Access.gs), which keeps their flows from pausing.
 *
 * Installable triggers run as the person who created them, and each person has their own
 * flows, so the watch list is per person and per spreadsheet (user properties keyed by the
 * spreadsheet id) rather than shared by every editor of the document.
 */

var EDIT_TRIGGER_HANDLER = 'onAzulejoEdit';
var WATCHED_COLUMNS_PROPERTY = 'azulejo.watchedColumns.';
var MAX_NUDGED_ROWS = 1000; // the worker reads the sheet itself: row numbers are only a hint
var SALES_LOG_KIND = 'sales_log';

/**
 * Installable edit trigger. Never throws: a failed nudge only means the flow waits for its
 * next poll, which is not worth an error e-mail to the person.
 */
function onAzulejoEdit(e) {
  try {
    var range = e && e.range;
    if (!range) {
      return;
    }
    var sheet = range.getSheet();
    var spreadsheet = e.source || SpreadsheetApp.getActiveSpreadsheet();
    var spreadsheetId = spreadsheet.getId();
    renewAccessQuietly_(spreadsheet);
    var columns = watchedColumns_(spreadsheetId)[sheet.getName()];
    if (!columns || !columns.length) {
      return;
    }
    var rows = filledTriggerRows_(range, e.value, columns);
    if (rows.length) {
      callBackend_('post', '/api/v1/hooks/nudge', { spreadsheet_id: spreadsheetId, sheet: sheet.getName(), rows: rows });
    }
  } catch (error) {
    console.warn('nudge not sent', { reason: String(error && error.message) });
  }
}

/**
 * Edits keep the person's proof that they can edit this spreadsheet fresh (at most every few hours),
 * so flows of a sheet people work in never pause for an old proof; a proof that fails here waits
 * for the sidebar, which says why.
 */
function renewAccessQuietly_(spreadsheet) {
  try {
    proveSpreadsheetAccess_(spreadsheet, false);
  } catch (error) {
    console.warn('access proof not renewed', { reason: String(error && error.message) });
  }
}

/**
 * Row numbers (below the header) whose cell in one of the trigger columns is filled, among the
 * cells the edit touched. `singleValue` is the event's value, given for a one-cell edit.
 */
function filledTriggerRows_(range, singleValue, triggerHeaders) {
  var firstRow = range.getRow();
  var lastRow = firstRow + range.getNumRows() - 1;
  if (lastRow < 2) {
    return []; // the header row itself
  }
  var sheet = range.getSheet();
  var firstColumn = range.getColumn();
  var width = range.getNumColumns();
  var headers = sheet.getRange(1, firstColumn, 1, width).getDisplayValues()[0];
  var offsets = [];
  headers.forEach(function (header, offset) {
    if (triggerHeaders.some(function (wanted) { return sameHeader_(header, wanted); })) {
      offsets.push(offset);
    }
  });
  if (!offsets.length) {
    return [];
  }
  if (range.getNumRows() === 1 && width === 1 && typeof singleValue === 'string') {
    return singleValue.trim() ? [firstRow] : [];
  }
  var top = Math.max(firstRow, 2);
  var filled = {};
  offsets.forEach(function (offset) {
    var cells = sheet.getRange(top, firstColumn + offset, lastRow - top + 1, 1).getDisplayValues();
    cells.forEach(function (cell, index) {
      if (String(cell[0]).trim()) {
        filled[top + index] = true;
      }
    });
  });
  return Object.keys(filled).map(Number).sort(function (a, b) { return a - b; }).slice(0, MAX_NUDGED_ROWS);
}

/** The backend finds a header exactly or ignoring accents, case and punctuation; so does this. */
function sameHeader_(header, wanted) {
  return String(header) === String(wanted) || (foldText_(header) !== '' && foldText_(header) === foldText_(wanted));
}

function foldText_(text) {
  return String(text).normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
    .replace(/[^0-9a-z]+/g, ' ').trim();
}

/**
 * Brings the watch list and the trigger in line with `flows` (this spreadsheet's flows, as
 * the backend lists them): installed while an enabled sheet → Conta Azul flow reads one of
 * its tabs, removed when none is left. Returns {installed, watched}.
 */
function syncEditTrigger_(flows) {
  var spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  var watched = watchedColumnsOf_(flows, spreadsheet.getId());
  var properties = PropertiesService.getUserProperties();
  var key = WATCHED_COLUMNS_PROPERTY + spreadsheet.getId();
  var wanted = Object.keys(watched).length > 0;
  if (wanted) {
    properties.setProperty(key, JSON.stringify(watched));
  } else {
    properties.deleteProperty(key);
  }
  var existing = editTriggers_(spreadsheet.getId());
  if (wanted && !existing.length) {
    ScriptApp.newTrigger(EDIT_TRIGGER_HANDLER).forSpreadsheet(spreadsheet).onEdit().create();
  } else if (!wanted) {
    existing.forEach(function (trigger) { ScriptApp.deleteTrigger(trigger); });
  } else {
    // One is enough (an add-on may hold only one edit trigger per person and document).
    existing.slice(1).forEach(function (trigger) { ScriptApp.deleteTrigger(trigger); });
  }
  return { installed: wanted, watched: watched };
}

/** This person's edit triggers of this add-on on this spreadsheet. */
function editTriggers_(spreadsheetId) {
  return ScriptApp.getProjectTriggers().filter(function (trigger) {
    return trigger.getHandlerFunction() === EDIT_TRIGGER_HANDLER &&
      (typeof trigger.getTriggerSourceId !== 'function' || trigger.getTriggerSourceId() === spreadsheetId);
  });
}

/** {tab: [trigger column header, ...]} of the enabled sheet → Conta Azul flows of this spreadsheet. */
function watchedColumnsOf_(flows, spreadsheetId) {
  var watched = {};
  (flows || []).forEach(function (flow) {
    if (!flow.enabled || flow.kind === SALES_LOG_KIND || flow.spreadsheet_id !== spreadsheetId || !flow.trigger_column) {
      return;
    }
    var columns = watched[flow.worksheet] || (watched[flow.worksheet] = []);
    if (columns.indexOf(flow.trigger_column) < 0) {
      columns.push(flow.trigger_column);
    }
  });
  return watched;
}

function watchedColumns_(spreadsheetId) {
  var stored = PropertiesService.getUserProperties().getProperty(WATCHED_COLUMNS_PROPERTY + spreadsheetId);
  return parseJson_(stored) || {};
}

/** Re-reads this spreadsheet's flows and brings the trigger in line; after any change to a flow. */
function refreshEditTrigger_() {
  var spreadsheetId = SpreadsheetApp.getActiveSpreadsheet().getId();
  var flows = callBackend_('get', '/api/v1/flows' + queryString_({ spreadsheet_id: spreadsheetId })).flows;
  return syncEditTrigger_(flows);
}
