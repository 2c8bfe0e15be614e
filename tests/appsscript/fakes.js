// Just enough of Google's Apps Script runtime for the add-on's .gs files, recording what they do.
// `world` is the state a test arranges and inspects: the spreadsheet's tabs (rows of display
// values), the properties, the triggers, every UrlFetchApp call and how the backend answers.

var world = {
  spreadsheetId: 'sheet-1',
  spreadsheetName: 'Vendas da loja',
  tabs: { Pedidos: [['Pedido', 'Cliente', 'Enviar?', 'Status Azulejo']] },
  tabOrder: ['Pedidos'],
  activeTab: 'Pedidos',
  scriptProperties: { AZULEJO_BACKEND_URL: 'https://azulejo.example/' },
  userProperties: {},
  triggers: [],
  nextTriggerId: 1,
  fetches: [],
  logs: [],
  token: 'id-token-of-ana',
  activated: null,
  menus: [],
  // the spreadsheet's developer metadata: [{id, key, value, visibility}]; `canEdit` false: a viewer
  developerMetadata: [],
  nextMetadataId: 1,
  canEdit: true,
  // (url, options) -> {status, body, location (a redirect's)} or {throws: 'message'}; tests replace it
  respond: function () { return { status: 200, body: '{}' }; }
};

var console = {
  log: function () { world.logs.push(Array.prototype.slice.call(arguments)); },
  warn: function () { world.logs.push(Array.prototype.slice.call(arguments)); },
  error: function () { world.logs.push(Array.prototype.slice.call(arguments)); }
};

function fakeSheet_(name) {
  var sheet = {
    getName: function () { return name; },
    getSheetId: function () { return world.tabOrder.indexOf(name); },
    getLastRow: function () {
      var rows = world.tabs[name];
      for (var r = rows.length; r > 0; r--) {
        if (rows[r - 1].some(function (cell) { return String(cell) !== ''; })) { return r; }
      }
      return 0;
    },
    getLastColumn: function () {
      return world.tabs[name].reduce(function (width, row) {
        for (var c = row.length; c > 0; c--) { if (String(row[c - 1]) !== '') { return Math.max(width, c); } }
        return width;
      }, 0);
    },
    getRange: function (row, column, numRows, numColumns) {
      if (row < 1 || column < 1) { throw new Error('Coordenadas fora do intervalo'); }
      return fakeRange_(sheet, row, column, numRows || 1, numColumns || 1);
    }
  };
  return sheet;
}

function fakeRange_(sheet, row, column, numRows, numColumns) {
  return {
    getSheet: function () { return sheet; },
    getRow: function () { return row; },
    getColumn: function () { return column; },
    getNumRows: function () { return numRows; },
    getNumColumns: function () { return numColumns; },
    getDisplayValues: function () {
      var grid = world.tabs[sheet.getName()];
      var values = [];
      for (var r = 0; r < numRows; r++) {
        var line = [];
        for (var c = 0; c < numColumns; c++) {
          var source = grid[row - 1 + r] || [];
          var cell = source[column - 1 + c];
          line.push(cell === undefined || cell === null ? '' : String(cell));
        }
        values.push(line);
      }
      return values;
    },
    activate: function () {
      world.activated = { sheet: sheet.getName(), row: row, column: column, numRows: numRows, numColumns: numColumns };
      world.activeTab = sheet.getName();
      return this;
    }
  };
}

var fakeSpreadsheet_ = {
  getId: function () { return world.spreadsheetId; },
  getName: function () { return world.spreadsheetName; },
  getSheets: function () { return world.tabOrder.map(fakeSheet_); },
  getSheetByName: function (name) { return world.tabs[name] ? fakeSheet_(name) : null; },
  getActiveSheet: function () { return fakeSheet_(world.activeTab); },
  addDeveloperMetadata: function (key, value, visibility) {
    checkCanEdit_();
    world.developerMetadata.push({ id: world.nextMetadataId++, key: key, value: value, visibility: String(visibility) });
    return this;
  },
  createDeveloperMetadataFinder: function () {
    var wanted = {};
    return {
      withKey: function (key) { wanted.key = key; return this; },
      find: function () {
        return world.developerMetadata.filter(function (entry) {
          return wanted.key === undefined || entry.key === wanted.key;
        }).map(fakeDeveloperMetadata_);
      }
    };
  }
};

// Apps Script refuses a write by someone who cannot edit the spreadsheet.
function checkCanEdit_() {
  if (!world.canEdit) {
    throw new Error('You do not have permission to access the requested document.');
  }
}

function fakeDeveloperMetadata_(entry) {
  return {
    getId: function () { return entry.id; },
    getKey: function () { return entry.key; },
    getValue: function () { return entry.value; },
    setValue: function (value) { checkCanEdit_(); entry.value = value; return this; },
    remove: function () {
      checkCanEdit_();
      world.developerMetadata = world.developerMetadata.filter(function (other) { return other !== entry; });
    }
  };
}

var SpreadsheetApp = {
  DeveloperMetadataVisibility: { DOCUMENT: 'DOCUMENT', PROJECT: 'PROJECT' },
  getActive: function () { return fakeSpreadsheet_; },
  getActiveSpreadsheet: function () { return fakeSpreadsheet_; },
  getUi: function () {
    return {
      createAddonMenu: function () {  // an add-on's menu: under Extensões, named after the add-on
        var menu = { addon: true, items: [] };
        return {
          addItem: function (label, functionName) { menu.items.push([label, functionName]); return this; },
          addToUi: function () { world.menus.push(menu); }
        };
      },
      showSidebar: function (output) { world.sidebar = output; },
      alert: function () {}
    };
  }
};

function fakeStore_(values) {
  return {
    getProperty: function (key) { return Object.prototype.hasOwnProperty.call(values, key) ? values[key] : null; },
    setProperty: function (key, value) { values[key] = String(value); return this; },
    deleteProperty: function (key) { delete values[key]; return this; }
  };
}

var PropertiesService = {
  getScriptProperties: function () { return fakeStore_(world.scriptProperties); },
  getUserProperties: function () { return fakeStore_(world.userProperties); },
  getDocumentProperties: function () { return fakeStore_(world.documentProperties || (world.documentProperties = {})); }
};

// As Google's: a redirect is followed unless followRedirects is false. Google does not say which
// headers go along, so the fake takes the worst case: the same options, Authorization included, go
// to the Location; each hop is recorded as a fetch.
var UrlFetchApp = {
  fetch: function (url, options) {
    options = options || {};
    for (var hop = 0; ; hop++) {
      world.fetches.push({ url: url, options: JSON.parse(JSON.stringify(options)) });
      var answer = world.respond(url, options);
      if (answer.throws) { throw new Error(answer.throws); }
      var redirect = answer.status >= 300 && answer.status < 400 && answer.location;
      if (!redirect || options.followRedirects === false || hop >= 10) { break; }
      url = answer.location;
    }
    return {
      getResponseCode: function () { return answer.status; },
      getContentText: function () { return answer.body; }
    };
  }
};

function fakeTrigger_(stored) {
  return {
    getHandlerFunction: function () { return stored.handler; },
    getTriggerSourceId: function () { return stored.source; },
    getUniqueId: function () { return String(stored.id); }
  };
}

var ScriptApp = {
  getIdentityToken: function () { return world.token; },
  getProjectTriggers: function () { return world.triggers.map(fakeTrigger_); },
  deleteTrigger: function (trigger) {
    world.triggers = world.triggers.filter(function (stored) { return String(stored.id) !== trigger.getUniqueId(); });
  },
  newTrigger: function (handler) {
    return {
      forSpreadsheet: function (spreadsheet) {
        return {
          onEdit: function () {
            return {
              create: function () {
                var stored = { id: world.nextTriggerId++, handler: handler, source: spreadsheet.getId(), type: 'edit' };
                world.triggers.push(stored);
                return fakeTrigger_(stored);
              }
            };
          }
        };
      }
    };
  }
};

var HtmlService = {
  createTemplateFromFile: function (name) {
    return { evaluate: function () { return { title: null, file: name, setTitle: function (t) { this.title = t; return this; } }; } };
  },
  createHtmlOutputFromFile: function (name) { return { getContent: function () { return '<!-- ' + name + ' -->'; } }; }
};
