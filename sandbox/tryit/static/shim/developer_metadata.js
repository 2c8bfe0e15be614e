/*
 * Developer metadata for SpreadsheetApp: Spreadsheet.addDeveloperMetadata, getDeveloperMetadata and
 * createDeveloperMetadataFinder, the DeveloperMetadata they answer, and the DeveloperMetadataVisibility
 * and DeveloperMetadataLocationType enums, through the Sheets stand-in's developer metadata API as the
 * person (batchUpdate's create/update/delete requests, developerMetadata:search).
 *
 * As in Apps Script: addDeveloperMetadata(key[, value][, visibility]) puts the metadata on the
 * spreadsheet itself, DOCUMENT-visible unless told; getDeveloperMetadata() answers the spreadsheet's
 * own; a finder searches the spreadsheet and its sheets; getValue() is null when there is no value.
 */
'use strict';

(function (tryit) {
  var spreadsheets = tryit.spreadsheets;
  var Visibility = tryit.makeEnum(['DOCUMENT', 'PROJECT']);
  var LocationType = tryit.makeEnum(['SPREADSHEET', 'SHEET', 'ROW', 'COLUMN']);

  function signatureError(method) {
    return tryit.exception("The parameters don't match the method signature for SpreadsheetApp." + method + '.');
  }

  function isVisibility(value) {
    return value === Visibility.DOCUMENT || value === Visibility.PROJECT;
  }

  /** One batchUpdate request on the bound spreadsheet; answers its reply. */
  function batchUpdate(request) {
    return spreadsheets.api(':batchUpdate', 'post', { requests: [request] }).replies[0];
  }

  function search(lookups) {
    var dataFilters = lookups.map(function (lookup) { return { developerMetadataLookup: lookup }; });
    var answer = spreadsheets.api('/developerMetadata:search', 'post', { dataFilters: dataFilters });
    return (answer.matchedDeveloperMetadata || []).map(function (match) {
      return new DeveloperMetadata(match.developerMetadata);
    });
  }

  function byId(metadataId) {
    return { developerMetadataLookup: { metadataId: metadataId } };
  }

  // --- DeveloperMetadataLocation ------------------------------------------------------------

  function DeveloperMetadataLocation(location) {
    this._location = location;
  }
  DeveloperMetadataLocation.prototype.getLocationType = function () {
    return LocationType[this._location.locationType];
  };
  DeveloperMetadataLocation.prototype.getSpreadsheet = function () {
    return this._location.spreadsheet ? new spreadsheets.Spreadsheet() : null;
  };
  DeveloperMetadataLocation.prototype.getSheet = function () {
    var sheetId = this._location.sheetId;
    if (sheetId === undefined) {
      return null;
    }
    var sheets = new spreadsheets.Spreadsheet().getSheets();
    return sheets.filter(function (sheet) { return sheet.getSheetId() === sheetId; })[0] || null;
  };
  DeveloperMetadataLocation.prototype.getRow = function () { return null; };
  DeveloperMetadataLocation.prototype.getColumn = function () { return null; };
  DeveloperMetadataLocation.prototype.toString = function () { return 'DeveloperMetadataLocation'; };

  // --- DeveloperMetadata --------------------------------------------------------------------

  function DeveloperMetadata(resource) {
    this._resource = resource;
  }
  DeveloperMetadata.prototype.getId = function () { return this._resource.metadataId; };
  DeveloperMetadata.prototype.getKey = function () { return this._resource.metadataKey; };
  DeveloperMetadata.prototype.getValue = function () {
    return this._resource.metadataValue === undefined ? null : this._resource.metadataValue;
  };
  DeveloperMetadata.prototype.getVisibility = function () { return Visibility[this._resource.visibility]; };
  DeveloperMetadata.prototype.getLocation = function () {
    return new DeveloperMetadataLocation(this._resource.location);
  };
  /** Sets one field of this metadata (and only it), keeping what the stand-in answers. */
  DeveloperMetadata.prototype._update = function (field, value) {
    var fields = {};
    fields[field] = value;
    var reply = batchUpdate({ updateDeveloperMetadata: {
      dataFilters: [byId(this.getId())], developerMetadata: fields, fields: field
    } });
    this._resource = reply.updateDeveloperMetadata.developerMetadata[0];
    return this;
  };
  DeveloperMetadata.prototype.setKey = function (key) {
    if (typeof key !== 'string') { throw signatureError('DeveloperMetadata.setKey'); }
    return this._update('metadataKey', key);
  };
  DeveloperMetadata.prototype.setValue = function (value) {
    if (typeof value !== 'string') { throw signatureError('DeveloperMetadata.setValue'); }
    return this._update('metadataValue', value);
  };
  DeveloperMetadata.prototype.setVisibility = function (visibility) {
    if (!isVisibility(visibility)) { throw signatureError('DeveloperMetadata.setVisibility'); }
    return this._update('visibility', String(visibility));
  };
  DeveloperMetadata.prototype.remove = function () {
    batchUpdate({ deleteDeveloperMetadata: { dataFilter: byId(this.getId()) } });
  };
  DeveloperMetadata.prototype.toString = function () { return 'DeveloperMetadata'; };

  // --- DeveloperMetadataFinder --------------------------------------------------------------

  function DeveloperMetadataFinder() {
    this._lookup = {};
  }
  DeveloperMetadataFinder.prototype._with = function (field, value, valid, method) {
    if (!valid) { throw signatureError('DeveloperMetadataFinder.' + method); }
    this._lookup[field] = value;
    return this;
  };
  DeveloperMetadataFinder.prototype.withId = function (id) {
    return this._with('metadataId', id, typeof id === 'number' && id > 0, 'withId');
  };
  DeveloperMetadataFinder.prototype.withKey = function (key) {
    return this._with('metadataKey', key, typeof key === 'string', 'withKey');
  };
  DeveloperMetadataFinder.prototype.withValue = function (value) {
    return this._with('metadataValue', value, typeof value === 'string', 'withValue');
  };
  DeveloperMetadataFinder.prototype.withVisibility = function (visibility) {
    return this._with('visibility', String(visibility), isVisibility(visibility), 'withVisibility');
  };
  DeveloperMetadataFinder.prototype.withLocationType = function (type) {
    return this._with('locationType', String(type), LocationType[String(type)] === type, 'withLocationType');
  };
  /** Everything in the spreadsheet the criteria select: one lookup per kind of location, so none is empty. */
  DeveloperMetadataFinder.prototype.find = function () {
    var lookup = this._lookup;
    var types = lookup.locationType ? [lookup.locationType] : ['SPREADSHEET', 'SHEET', 'ROW', 'COLUMN'];
    return search(types.map(function (type) { return Object.assign({}, lookup, { locationType: type }); }));
  };
  DeveloperMetadataFinder.prototype.toString = function () { return 'DeveloperMetadataFinder'; };

  // --- Spreadsheet --------------------------------------------------------------------------

  var Spreadsheet = spreadsheets.Spreadsheet;
  /** addDeveloperMetadata(key) | (key, value) | (key, visibility) | (key, value, visibility); DOCUMENT by default. */
  Spreadsheet.prototype.addDeveloperMetadata = function (key, second, third) {
    var value = null, visibility = Visibility.DOCUMENT;
    if (arguments.length === 2 && isVisibility(second)) {
      visibility = second;
    } else if (arguments.length === 2 && typeof second === 'string') {
      value = second;
    } else if (arguments.length === 3 && typeof second === 'string' && isVisibility(third)) {
      value = second;
      visibility = third;
    } else if (arguments.length !== 1) {
      throw signatureError('Spreadsheet.addDeveloperMetadata');
    }
    if (typeof key !== 'string') {
      throw signatureError('Spreadsheet.addDeveloperMetadata');
    }
    var metadata = { metadataKey: key, visibility: String(visibility), location: { spreadsheet: true } };
    if (value !== null) {
      metadata.metadataValue = value;
    }
    batchUpdate({ createDeveloperMetadata: { developerMetadata: metadata } });
    return this;
  };
  /** The metadata on the spreadsheet itself (not its sheets'). */
  Spreadsheet.prototype.getDeveloperMetadata = function () {
    return search([{ metadataLocation: { spreadsheet: true }, locationMatchingStrategy: 'EXACT_LOCATION' }]);
  };
  Spreadsheet.prototype.createDeveloperMetadataFinder = function () { return new DeveloperMetadataFinder(); };

  self.SpreadsheetApp.DeveloperMetadataVisibility = Visibility;
  self.SpreadsheetApp.DeveloperMetadataLocationType = LocationType;
})(self.__tryit);
