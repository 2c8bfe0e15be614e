/*
 * UrlFetchApp for the add-on's .gs files. As in Apps Script, the request leaves from the server
 * (the try-it server's /google/urlfetch), not from the person's browser, and the call waits for
 * the answer. Options: method, contentType, payload (text, or an object sent as a form),
 * headers, muteHttpExceptions, followRedirects.
 */
'use strict';

(function (tryit) {
  var USER_AGENT = 'Mozilla/5.0 (compatible; Google-Apps-Script; beanserver; +https://script.google.com; id: tryit)';

  function formEncoded(fields) {
    return Object.keys(fields).map(function (name) {
      return encodeURIComponent(name) + '=' + encodeURIComponent(String(fields[name]));
    }).join('&');
  }

  function HTTPResponse(answer) {
    this._status = answer.status;
    this._headers = answer.headers || {};
    this._bytes = tryit.base64ToBytes(answer.body_base64);
  }
  HTTPResponse.prototype.getResponseCode = function () { return this._status; };
  HTTPResponse.prototype.getContentText = function (charset) {
    return new TextDecoder(charset || 'utf-8').decode(this._bytes);
  };
  HTTPResponse.prototype.getHeaders = function () { return Object.assign({}, this._headers); };
  HTTPResponse.prototype.getAllHeaders = HTTPResponse.prototype.getHeaders;
  /** The body as Apps Script's Byte[]: signed values. */
  HTTPResponse.prototype.getContent = function () {
    return Array.prototype.map.call(this._bytes, function (b) { return b > 127 ? b - 256 : b; });
  };
  HTTPResponse.prototype.toString = function () { return 'HTTPResponse'; };

  function fetch(url, params) {
    tryit.requirePermission('UrlFetchApp.fetch', tryit.SCOPES.externalRequest, false);
    params = params || {};
    var headers = { 'User-Agent': USER_AGENT };
    Object.keys(params.headers || {}).forEach(function (name) { headers[name] = String(params.headers[name]); });
    var body = null;
    var payload = params.payload;
    if (payload !== undefined && payload !== null) {
      var isForm = typeof payload === 'object' && !Array.isArray(payload);
      body = isForm ? formEncoded(payload) : String(payload);
      headers['Content-Type'] = isForm ? 'application/x-www-form-urlencoded'
        : (params.contentType || 'application/x-www-form-urlencoded');
    } else if (params.contentType) {
      headers['Content-Type'] = params.contentType;
    }
    var answer = tryit.call('POST', 'google/urlfetch', {
      url: String(url), method: String(params.method || 'get').toLowerCase(), headers: headers,
      body_base64: body === null ? null : tryit.utf8ToBase64(body),
      follow_redirects: params.followRedirects !== false
    }).body;
    if (!answer || answer.refused) {
      throw tryit.exception((answer && answer.refused) || ('Invalid argument: ' + url));
    }
    if (answer.unreachable) {
      throw tryit.exception(answer.unreachable);
    }
    var response = new HTTPResponse(answer);
    if (response.getResponseCode() >= 400 && !params.muteHttpExceptions) {
      throw tryit.exception('Request failed for ' + String(url).split('?')[0] + ' returned code ' +
        response.getResponseCode() + '. Truncated server response: ' + response.getContentText().slice(0, 200) +
        ' (use muteHttpExceptions option to examine full response)');
    }
    return response;
  }

  self.UrlFetchApp = {
    fetch: fetch,
    fetchAll: function (requests) {
      return requests.map(function (request) {
        return typeof request === 'string' ? fetch(request) : fetch(request.url, request);
      });
    }
  };
})(self.__tryit);
