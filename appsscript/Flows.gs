/**
 * This spreadsheet's flows, for the sidebar: list, save, delete, switch on and off, preview,
 * run now, and the field catalog the mapping step shows. Every change that can start or stop
 * a flow brings the edit trigger in line (Triggers.gs).
 */

/**
 * This spreadsheet's flows, each with `last_run` (the newest run, or null) and `failed_rows`
 * (rows whose last attempt failed and wait for a fix: what makes a flow need attention).
 */
function listFlows() {
  return flowsWithLastRun_(SpreadsheetApp.getActiveSpreadsheet().getId());
}

function flowsWithLastRun_(spreadsheetId) {
  var flows = callBackend_('get', '/api/v1/flows' + queryString_({ spreadsheet_id: spreadsheetId })).flows;
  return flows.map(function (flow) {
    var runs = callBackend_('get', flowPath_(flow.id, '/runs') + queryString_({ per_page: 1 })).runs;
    flow.last_run = runs.length ? runs[0] : null;
    flow.failed_rows = failedRowCount_(flow.id);
    return flow;
  });
}

/** How many of the flow's rows are in error now (one row asked: the answer's total says). */
function failedRowCount_(flowId) {
  return callBackend_('get', flowPath_(flowId, '/rows') + queryString_({ state: 'failed', per_page: 1 })).total;
}

function getFlow(flowId) {
  return callBackend_('get', flowPath_(flowId, ''));
}

/**
 * Creates the flow (no `id`) or replaces it (with `id`), on this spreadsheet.
 * Returns {flow, trigger}; a 422 comes back as the backend's problems, one per line.
 */
function saveFlow(flow) {
  var body = {};
  Object.keys(flow).forEach(function (name) {
    if (FLOW_INPUT_FIELDS.indexOf(name) >= 0) {
      body[name] = flow[name];
    }
  });
  body.spreadsheet_id = SpreadsheetApp.getActiveSpreadsheet().getId();
  var saved = flow.id ? callForSpreadsheet_('put', flowPath_(flow.id, ''), body)
    : callForSpreadsheet_('post', '/api/v1/flows', body);
  return { flow: saved, trigger: refreshEditTrigger_() };
}

/** What the flows API accepts (FlowInput in the backend's OpenAPI document). */
var FLOW_INPUT_FIELDS = ['connection_id', 'name', 'kind', 'spreadsheet_id', 'worksheet', 'trigger_column',
  'status_column', 'mapping', 'filters', 'columns', 'options', 'enabled'];

function deleteFlow(flowId) {
  var deleted = callBackend_('delete', flowPath_(flowId, ''));
  return { deleted: deleted, trigger: refreshEditTrigger_() };
}

function enableFlow(flowId) {
  var flow = callForSpreadsheet_('post', flowPath_(flowId, '/enable'), {});
  return { flow: flow, trigger: refreshEditTrigger_() };
}

function pauseFlow(flowId) {
  var flow = callBackend_('post', flowPath_(flowId, '/pause'), {});
  return { flow: flow, trigger: refreshEditTrigger_() };
}

/** The dry run: per row, the payload it would send or the status it would write; nothing is kept. */
function previewFlow(flowId, limit) {
  return callForSpreadsheet_('post', flowPath_(flowId, '/preview') + queryString_({ limit: limit }), {});
}

/** One real cycle now; its report. */
function runFlowNow(flowId) {
  return callForSpreadsheet_('post', flowPath_(flowId, '/run'), {});
}

/** {kind, fields, suggested}: the kind's fields and a first guess at their columns. */
function getCatalog(kind, headers, triggerColumn, statusColumn) {
  var body = { headers: headers || [] };
  if (triggerColumn) {
    body.trigger_column = triggerColumn;
  }
  if (statusColumn) {
    body.status_column = statusColumn;
  }
  return callBackend_('post', '/api/v1/catalog/' + encodeURIComponent(kind), body);
}

function flowPath_(flowId, tail) {
  return '/api/v1/flows/' + encodeURIComponent(flowId) + tail;
}
