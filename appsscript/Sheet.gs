/**
 * What the sidebar reads from this spreadsheet itself (tabs and header rows) and the one thing
 * it does in it: select a row the person wants to look at.
 */

/** {id, name, activeSheet, tabs: [{title, sheetId, headers, lastRow}]}, tabs in the spreadsheet's order. */
function getSpreadsheetInfo() {
  return spreadsheetInfo_();
}

function spreadsheetInfo_() {
  var spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  var active = spreadsheet.getActiveSheet();
  return {
    id: spreadsheet.getId(),
    name: spreadsheet.getName(),
    activeSheet: active ? active.getName() : null,
    tabs: spreadsheet.getSheets().map(function (sheet) {
      return { title: sheet.getName(), sheetId: sheet.getSheetId(), headers: headerRow_(sheet),
               lastRow: sheet.getLastRow() };
    })
  };
}

/** Row 1 as the person sees it, without the empty cells after the last title. */
function headerRow_(sheet) {
  var width = sheet.getLastColumn();
  if (width < 1) {
    return [];
  }
  var headers = sheet.getRange(1, 1, 1, width).getDisplayValues()[0].map(function (cell) {
    return String(cell).trim();
  });
  while (headers.length && !headers[headers.length - 1]) {
    headers.pop();
  }
  return headers;
}

/** Selects row `row` of tab `sheetName` (the tab comes to the front), for "ver na planilha" links. */
function selectRow(sheetName, row) {
  var sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName(sheetName);
  if (!sheet) {
    throw new Error(formatMessage_(MESSAGES.sheetNotFound, { sheet: sheetName }));
  }
  row = Number(row);
  if (!(row >= 1) || Math.floor(row) !== row || row > Math.max(sheet.getLastRow(), 1)) {
    throw new Error(formatMessage_(MESSAGES.rowOutOfRange, { row: row, sheet: sheetName }));
  }
  sheet.getRange(row, 1, 1, Math.max(sheet.getLastColumn(), 1)).activate();
  return { sheet: sheetName, row: row };
}
