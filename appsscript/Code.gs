/**
 * The add-on's entry points: the "Azulejo" menu, the sidebar, and the first state it shows.
 *
 * Functions whose names end in "_" are private: google.script.run cannot call them.
 */

/**
 * Simple trigger: runs without authorization, so it only builds the menu. An add-on's menu lives
 * under Extensões, named after the add-on (the script's name while it is bound to one sheet).
 */
function onOpen(e) {
  SpreadsheetApp.getUi()
    .createAddonMenu()
    .addItem(MESSAGES.menuOpen, 'showSidebar')
    .addToUi();
}

/** Installed as an add-on: the menu must appear in the spreadsheet already open. */
function onInstall(e) {
  onOpen(e);
}

/** Menu "Extensões › Azulejo › Abrir painel". */
function showSidebar() {
  var html = HtmlService.createTemplateFromFile('Sidebar').evaluate().setTitle(MESSAGES.sidebarTitle);
  SpreadsheetApp.getUi().showSidebar(html);
}

/** For the templates: `<?!= include('Stylesheet') ?>` pastes that partial's content. */
function include(name) {
  return HtmlService.createHtmlOutputFromFile(name).getContent();
}

/**
 * Everything the sidebar's first screen needs, in one round trip: who is signed in, this
 * spreadsheet and its tabs, the Conta Azul connections and this spreadsheet's flows. On the
 * way the person's proof that they can edit this spreadsheet is renewed when due (which resumes
 * flows an old proof paused), and the edit trigger is brought in line with the flows, so a
 * flow paused elsewhere (by a refused Conta Azul refresh, say) stops nudging.
 */
function getSidebarState() {
  var spreadsheet = spreadsheetInfo_();
  var me = callBackend_('get', '/api/v1/me');
  var accessProblem = accessProblem_(SpreadsheetApp.getActiveSpreadsheet());
  var connections = callBackend_('get', '/api/v1/connections').connections;
  var flows = flowsWithLastRun_(spreadsheet.id);
  var trigger = syncEditTrigger_(flows);
  return { me: me, spreadsheet: spreadsheet, connections: connections, flows: flows, trigger: trigger,
           accessProblem: accessProblem };
}
