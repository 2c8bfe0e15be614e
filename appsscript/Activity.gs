/**
 * A flow's activity, for the sidebar: its recent runs, what happened to each row, and how
 * many rows were sent and failed per day (the chart).
 */

var ACTIVITY_RUNS = 10;
var ACTIVITY_DAYS = 14;
var ACTIVITY_ROWS = 50; // errors come first, so the ones to fix are always among them

/** {runs, rows, days, failed_rows} in one round trip. */
function getFlowActivity(flowId) {
  return {
    failed_rows: failedRowCount_(flowId),
    runs: callBackend_('get', flowPath_(flowId, '/runs') + queryString_({ per_page: ACTIVITY_RUNS })).runs,
    rows: callBackend_('get', flowPath_(flowId, '/rows') + queryString_({ per_page: ACTIVITY_ROWS })).rows,
    days: callBackend_('get', flowPath_(flowId, '/activity') + queryString_({ days: ACTIVITY_DAYS })).days
  };
}
