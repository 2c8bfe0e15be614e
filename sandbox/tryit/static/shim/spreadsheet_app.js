/*
 * SpreadsheetApp for the add-on's .gs files: the bound spreadsheet, read through the Sheets
 * stand-in's real Sheets v4 API (values and metadata), and its UI (menus, sidebar, alerts,
 * selecting a range), which the page shows. Developer metadata is developer_metadata.js's.
 *
 * Within one execution a tab is read once per render (display text, typed values, dates) and
 * served from that read afterwards, as Apps Script batches its own reads.
 */
'use strict';

(function (tryit) {
  var SCOPES = tryit.SCOPES;
  var SERIAL_EPOCH_DAYS = 25569; // 1899-12-30 (the sheets' day 0) to 1970-01-01
  var DAY_MS = 86400000;

  function spreadsheetId() {
    return tryit.config.spreadsheetId;
  }

  /**
   * A call on the Sheets v4 API of the bound spreadsheet (path after /v4/spreadsheets/{id}), with
   * SpreadsheetApp's own access as the person (no API quota); answers the JSON. A refusal throws as
   * Apps Script does: a 403 as no permission on the document, anything else as the service failing.
   */
  function sheetsApi(path, method, body) {
    tryit.requirePermission('SpreadsheetApp', SCOPES.spreadsheets, true);
    var url = tryit.config.sheetsApiUrl + '/v4/spreadsheets/' + encodeURIComponent(spreadsheetId()) + path;
    var headers = { Authorization: 'Bearer ' + tryit.config.appsScriptToken };
    var request = { url: url, method: method || 'get', headers: headers };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      request.body_base64 = tryit.utf8ToBase64(JSON.stringify(body));
    }
    var answer = tryit.call('POST', 'google/urlfetch', request).body;
    if (answer && answer.status === 403) {
      throw tryit.exception('You do not have permission to access the requested document.');
    }
    if (!answer || answer.unreachable || answer.status !== 200) {
      throw tryit.exception('Service Spreadsheets failed while accessing document with id ' + spreadsheetId() + '.');
    }
    return JSON.parse(new TextDecoder().decode(tryit.base64ToBytes(answer.body_base64)));
  }

  function cached(key, read) {
    var cache = tryit.execution ? tryit.execution.cache : {};
    if (!Object.prototype.hasOwnProperty.call(cache, key)) {
      cache[key] = read();
    }
    return cache[key];
  }

  function metadata() {
    return cached('metadata', function () { return sheetsApi('?includeGridData=false'); });
  }

  var RENDERS = {
    display: 'valueRenderOption=FORMATTED_VALUE',
    typed: 'valueRenderOption=UNFORMATTED_VALUE&dateTimeRenderOption=SERIAL_NUMBER',
    dates: 'valueRenderOption=UNFORMATTED_VALUE&dateTimeRenderOption=FORMATTED_STRING'
  };

  /** A whole tab's values in one render, rows of cells, trailing blanks trimmed (as the API answers). */
  function tabValues(title, render) {
    return cached('values:' + render + ':' + title, function () {
      var range = encodeURIComponent("'" + title.replace(/'/g, "''") + "'");
      return sheetsApi('/values/' + range + '?majorDimension=ROWS&' + RENDERS[render]).values || [];
    });
  }

  function zoneOffsetMinutes(date, timeZone) {
    var parts = {};
    new Intl.DateTimeFormat('en-US', {
      timeZone: timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', second: '2-digit'
    }).formatToParts(date).forEach(function (part) { parts[part.type] = part.value; });
    var wall = Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute, +parts.second);
    return (wall - date.getTime()) / 60000;
  }

  /** A date cell's serial number as the Date Apps Script gives, in the spreadsheet's time zone. */
  function serialToDate(serial) {
    var wall = Math.round((serial - SERIAL_EPOCH_DAYS) * DAY_MS);
    var offset = zoneOffsetMinutes(new Date(wall), tryit.config.timeZone);
    return new Date(wall - offset * 60000);
  }

  var columnLetters = self.__tryitA1.letters;

  function parseA1(a1) {
    var match = /^\$?([A-Za-z]+)\$?(\d+)(?::\$?([A-Za-z]+)\$?(\d+))?$/.exec(String(a1).trim());
    if (!match) {
      throw tryit.exception('Range not found');
    }
    var column = self.__tryitA1.column;
    var row = +match[2], col = column(match[1]);
    var lastRow = match[4] ? +match[4] : row, lastCol = match[3] ? column(match[3]) : col;
    return [Math.min(row, lastRow), Math.min(col, lastCol), Math.abs(lastRow - row) + 1, Math.abs(lastCol - col) + 1];
  }

  // --- Range -------------------------------------------------------------------------------

  function Range(sheet, row, column, numRows, numColumns) {
    this._sheet = sheet;
    this._row = row;
    this._column = column;
    this._numRows = numRows;
    this._numColumns = numColumns;
  }

  Range.prototype._cells = function (render, convert) {
    var values = tabValues(this._sheet.getName(), render);
    var rows = [];
    for (var r = 0; r < this._numRows; r++) {
      var source = values[this._row - 1 + r] || [];
      var row = [];
      for (var c = 0; c < this._numColumns; c++) {
        row.push(convert(source[this._column - 1 + c], this._row - 1 + r, this._column - 1 + c));
      }
      rows.push(row);
    }
    return rows;
  };
  Range.prototype.getDisplayValues = function () {
    return this._cells('display', function (value) { return value === undefined || value === null ? '' : String(value); });
  };
  Range.prototype.getValues = function () {
    var dates = tabValues(this._sheet.getName(), 'dates');
    return this._cells('typed', function (value, row, column) {
      if (value === undefined || value === null) {
        return '';
      }
      var shown = (dates[row] || [])[column];
      return typeof value === 'number' && typeof shown === 'string' ? serialToDate(value) : value;
    });
  };
  Range.prototype.getValue = function () { return this.getCell(1, 1).getValues()[0][0]; };
  Range.prototype.getDisplayValue = function () { return this.getCell(1, 1).getDisplayValues()[0][0]; };
  Range.prototype.getRow = function () { return this._row; };
  Range.prototype.getColumn = function () { return this._column; };
  Range.prototype.getLastRow = function () { return this._row + this._numRows - 1; };
  Range.prototype.getLastColumn = function () { return this._column + this._numColumns - 1; };
  Range.prototype.getNumRows = function () { return this._numRows; };
  Range.prototype.getNumColumns = function () { return this._numColumns; };
  Range.prototype.getHeight = Range.prototype.getNumRows;
  Range.prototype.getWidth = Range.prototype.getNumColumns;
  Range.prototype.getSheet = function () { return this._sheet; };
  Range.prototype.getCell = function (row, column) {
    return this._sheet.getRange(this._row + row - 1, this._column + column - 1, 1, 1);
  };
  Range.prototype.getA1Notation = function () {
    var first = columnLetters(this._column) + this._row;
    var last = columnLetters(this.getLastColumn()) + this.getLastRow();
    return first === last ? first : first + ':' + last;
  };
  /** Selects the range in the page's grid (its tab comes to the front). */
  Range.prototype.activate = function () {
    tryit.requirePermission('Range.activate', SCOPES.spreadsheets, true);
    if (tryit.execution) {
      tryit.execution.activeSheet = this._sheet.getName();
    }
    tryit.toPage({ type: 'ui', action: 'activate', sheet: this._sheet.getName(), row: this._row,
      column: this._column, numRows: this._numRows, numColumns: this._numColumns });
    return this;
  };
  Range.prototype.toString = function () { return 'Range'; };

  // --- Sheet -------------------------------------------------------------------------------

  function Sheet(spreadsheet, properties) {
    this._spreadsheet = spreadsheet;
    this._properties = properties;
  }

  Sheet.prototype.getName = function () { return this._properties.title; };
  Sheet.prototype.getSheetId = function () { return this._properties.sheetId; };
  Sheet.prototype.getIndex = function () { return (this._properties.index || 0) + 1; };
  Sheet.prototype.getParent = function () { return this._spreadsheet; };
  Sheet.prototype.isSheetHidden = function () { return !!this._properties.hidden; };
  Sheet.prototype.getMaxRows = function () { return this._properties.gridProperties.rowCount; };
  Sheet.prototype.getMaxColumns = function () { return this._properties.gridProperties.columnCount; };
  Sheet.prototype.getFrozenRows = function () { return this._properties.gridProperties.frozenRowCount || 0; };
  Sheet.prototype.getLastRow = function () { return tabValues(this.getName(), 'display').length; };
  Sheet.prototype.getLastColumn = function () {
    return tabValues(this.getName(), 'display').reduce(function (widest, row) { return Math.max(widest, row.length); }, 0);
  };
  Sheet.prototype.getDataRange = function () {
    return this.getRange(1, 1, Math.max(this.getLastRow(), 1), Math.max(this.getLastColumn(), 1));
  };
  /** getRange(row, column[, numRows[, numColumns]]) or getRange(a1Notation), checked as Apps Script does. */
  Sheet.prototype.getRange = function (row, column, numRows, numColumns) {
    if (typeof row === 'string' && column === undefined) {
      var parsed = parseA1(row);
      row = parsed[0]; column = parsed[1]; numRows = parsed[2]; numColumns = parsed[3];
    }
    numRows = numRows === undefined ? 1 : numRows;
    numColumns = numColumns === undefined ? 1 : numColumns;
    [row, column, numRows, numColumns].forEach(function (n) {
      if (typeof n !== 'number' || !isFinite(n)) {
        throw tryit.exception("The parameters don't match the method signature for SpreadsheetApp.Sheet.getRange.");
      }
    });
    if (row < 1) { throw tryit.exception('The starting row of the range is too small.'); }
    if (column < 1) { throw tryit.exception('The starting column of the range is too small.'); }
    if (numRows < 1) { throw tryit.exception('The number of rows in the range must be at least 1.'); }
    if (numColumns < 1) { throw tryit.exception('The number of columns in the range must be at least 1.'); }
    if (row + numRows - 1 > this.getMaxRows() || column + numColumns - 1 > this.getMaxColumns()) {
      throw tryit.exception('The coordinates of the range are outside the dimensions of the sheet.');
    }
    return new Range(this, Math.floor(row), Math.floor(column), Math.floor(numRows), Math.floor(numColumns));
  };
  Sheet.prototype.activate = function () {
    if (tryit.execution) {
      tryit.execution.activeSheet = this.getName();
    }
    tryit.toPage({ type: 'ui', action: 'activate', sheet: this.getName() });
    return this;
  };
  Sheet.prototype.toString = function () { return 'Sheet'; };

  // --- Spreadsheet -------------------------------------------------------------------------

  function Spreadsheet() {}

  Spreadsheet.prototype.getId = function () { return spreadsheetId(); };
  Spreadsheet.prototype.getName = function () { return metadata().properties.title; };
  Spreadsheet.prototype.getUrl = function () { return tryit.config.pageUrl; };
  Spreadsheet.prototype.getSpreadsheetTimeZone = function () { return metadata().properties.timeZone; };
  Spreadsheet.prototype.getSpreadsheetLocale = function () { return metadata().properties.locale; };
  Spreadsheet.prototype.getSheets = function () {
    var spreadsheet = this;
    return metadata().sheets.map(function (sheet) { return new Sheet(spreadsheet, sheet.properties); });
  };
  Spreadsheet.prototype.getSheetByName = function (name) {
    return this.getSheets().filter(function (sheet) { return sheet.getName() === name; })[0] || null;
  };
  /** The tab in front in the page when the execution began (or the one the script activated). */
  Spreadsheet.prototype.getActiveSheet = function () {
    var active = tryit.execution && tryit.execution.activeSheet;
    var sheets = this.getSheets();
    return sheets.filter(function (sheet) { return sheet.getName() === active; })[0] || sheets[0] || null;
  };
  Spreadsheet.prototype.setActiveSheet = function (sheet) { return sheet.activate(); };
  Spreadsheet.prototype.getRange = function (a1) {
    var bang = String(a1).lastIndexOf('!');
    if (bang < 0) {
      return this.getActiveSheet().getRange(a1);
    }
    var name = String(a1).slice(0, bang).replace(/^'(.*)'$/, '$1').replace(/''/g, "'");
    var sheet = this.getSheetByName(name);
    if (!sheet) {
      throw tryit.exception('Range not found');
    }
    return sheet.getRange(String(a1).slice(bang + 1));
  };
  Spreadsheet.prototype.toString = function () { return 'Spreadsheet'; };

  // --- Ui ----------------------------------------------------------------------------------

  var Button = tryit.makeEnum(['CLOSE', 'OK', 'CANCEL', 'YES', 'NO']);
  var ButtonSet = tryit.makeEnum(['OK', 'OK_CANCEL', 'YES_NO', 'YES_NO_CANCEL']);

  function Menu(caption, isAddonMenu) {
    this._caption = caption;
    this._addon = isAddonMenu;
    this._items = [];
  }
  Menu.prototype.addItem = function (caption, functionName) {
    this._items.push({ caption: String(caption), fn: String(functionName) });
    return this;
  };
  Menu.prototype.addSeparator = function () {
    this._items.push({ separator: true });
    return this;
  };
  Menu.prototype.addSubMenu = function (menu) {
    this._items.push({ caption: menu._caption, items: menu._items });
    return this;
  };
  Menu.prototype.addToUi = function () {
    tryit.toPage({ type: 'ui', action: 'menu', menu: { caption: this._caption, addon: this._addon, items: this._items } });
  };

  function Ui() {}
  Ui.prototype.Button = Button;
  Ui.prototype.ButtonSet = ButtonSet;
  Ui.prototype.createMenu = function (caption) {
    tryit.requirePermission('Ui.createMenu', SCOPES.ui, true);
    return new Menu(String(caption), false);
  };
  Ui.prototype.createAddonMenu = function () {
    tryit.requirePermission('Ui.createAddonMenu', SCOPES.ui, true);
    return new Menu(null, true);
  };
  Ui.prototype.showSidebar = function (output) {
    tryit.requirePermission('Ui.showSidebar', SCOPES.ui, true);
    tryit.toPage({ type: 'ui', action: 'sidebar', title: output.getTitle(), html: output.getContent() });
  };
  Ui.prototype.showModalDialog = function (output, title) {
    tryit.requirePermission('Ui.showModalDialog', SCOPES.ui, true);
    tryit.toPage({ type: 'ui', action: 'dialog', title: String(title), html: output.getContent(),
      width: output.getWidth(), height: output.getHeight() });
  };
  Ui.prototype.showModelessDialog = Ui.prototype.showModalDialog;
  /**
   * alert(prompt) | alert(prompt, buttons) | alert(title, prompt, buttons). Google waits for the
   * click; here the page shows the message and the first button of the set is the answer.
   */
  Ui.prototype.alert = function (a, b, c) {
    tryit.requirePermission('Ui.alert', SCOPES.ui, true);
    var title = '', prompt = a, buttons = ButtonSet.OK;
    if (c !== undefined) { title = a; prompt = b; buttons = c; }
    else if (b !== undefined && typeof b !== 'string') { buttons = b; }
    else if (b !== undefined) { title = a; prompt = b; }
    tryit.toPage({ type: 'ui', action: 'alert', title: String(title), prompt: String(prompt) });
    return { OK: Button.OK, OK_CANCEL: Button.OK, YES_NO: Button.YES, YES_NO_CANCEL: Button.YES }[String(buttons)];
  };

  self.SpreadsheetApp = {
    getActiveSpreadsheet: function () { return new Spreadsheet(); },
    getActive: function () { return new Spreadsheet(); },
    getActiveSheet: function () { return new Spreadsheet().getActiveSheet(); },
    getUi: function () { return new Ui(); },
    flush: function () {}
  };

  tryit.spreadsheets = {
    Spreadsheet: Spreadsheet,
    api: sheetsApi,
    /** A Range object for an edit event: the cells the person changed. */
    rangeOf: function (sheetName, row, column, numRows, numColumns) {
      var sheet = new Spreadsheet().getSheetByName(sheetName);
      return sheet.getRange(row, column, numRows || 1, numColumns || 1);
    }
  };
})(self.__tryit);
