/**
 * Proving to the backend that the person running the add-on can edit this spreadsheet.
 *
 * The backend opens a spreadsheet for a person only while such a proof holds (a day, by default):
 * a spreadsheet id is in every sheet's address, and the backend's service account can open every
 * sheet anyone shared with it, so an id proves nothing. Only an editor can write a spreadsheet's
 * developer metadata, and the add-on runs as the person, so the add-on writes there the value the
 * backend issued to this person for this spreadsheet, and the backend reads it back. With the
 * person's own Google consent the backend writes it itself, as them (the challenge says `write:
 * false`). The proof is renewed when the sidebar opens and on edits once a quarter of its life has
 * gone (6 hours of the backend's default day; the person's properties remember when it was proved
 * and until when it holds), and at once when the backend asks for it.
 */

var ACCESS_PROVED_PROPERTY = 'azulejo.accessProof.';
var ACCESS_UNPROVEN_CODE = 'spreadsheet_access_unproven';

/**
 * Renews the proof for `spreadsheet` when due (or `force`); the backend's answer {proved, proved_at,
 * expires_at, method}, or null when not due.
 */
function proveSpreadsheetAccess_(spreadsheet, force) {
  var id = spreadsheet.getId();
  var properties = PropertiesService.getUserProperties();
  if (!force && !accessRenewalDue_(parseJson_(properties.getProperty(ACCESS_PROVED_PROPERTY + id)))) {
    return null;
  }
  var challenge = callBackend_('post', accessPath_(id, '/challenge'), {});
  if (challenge.write) {
    writeProof_(spreadsheet, challenge.key, challenge.value);
  }
  var access = callBackend_('post', accessPath_(id, '/proof'), {});
  properties.setProperty(ACCESS_PROVED_PROPERTY + id, JSON.stringify({
    proved: Date.parse(access.proved_at), expires: Date.parse(access.expires_at) }));
  return access;
}

/** Whether a quarter of the last proof's life ({proved, expires} in ms) has gone, or there is none. */
function accessRenewalDue_(last) {
  if (!last || !(last.expires > last.proved)) {
    return true;
  }
  return Date.now() >= last.proved + (last.expires - last.proved) / 4;
}

/** Puts `value` under the person's own `key` at the spreadsheet: one entry per person, replaced each time. */
function writeProof_(spreadsheet, key, value) {
  try {
    var entries = spreadsheet.createDeveloperMetadataFinder().withKey(key).find();
    if (entries.length) {
      entries[0].setValue(value);
      entries.slice(1).forEach(function (entry) { entry.remove(); });
    } else {
      spreadsheet.addDeveloperMetadata(key, value, SpreadsheetApp.DeveloperMetadataVisibility.DOCUMENT);
    }
  } catch (refused) {
    // Google's text names nothing the person can act on; only editors may write here.
    console.warn('access proof not written', { reason: String(refused && refused.message) });
    throw new Error(MESSAGES.cannotEditSpreadsheet);
  }
}

/**
 * callBackend_ for calls that open this spreadsheet: when the backend answers that the person's
 * proof is missing or old, proves it and tries once more.
 */
function callForSpreadsheet_(method, path, body) {
  try {
    return callBackend_(method, path, body);
  } catch (error) {
    if (error.code !== ACCESS_UNPROVEN_CODE) {
      throw error;
    }
    proveSpreadsheetAccess_(SpreadsheetApp.getActiveSpreadsheet(), true);
    return callBackend_(method, path, body);
  }
}

/** For the sidebar's first screen: renews when due; a failure is a message to show, not a failed load. */
function accessProblem_(spreadsheet) {
  try {
    proveSpreadsheetAccess_(spreadsheet, false);
    return null;
  } catch (error) {
    return String(error && error.message);
  }
}

function accessPath_(spreadsheetId, tail) {
  return '/api/v1/spreadsheets/' + encodeURIComponent(spreadsheetId) + '/access' + tail;
}
