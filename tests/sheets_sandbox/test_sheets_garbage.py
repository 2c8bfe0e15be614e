"""Bad input gets Google's 400 (or 404) shape, never a stack trace or an HTML page."""
from __future__ import annotations

import pytest
import requests

AUTH = {"Authorization": "Bearer test-user-token"}


@pytest.fixture
def api(sheets_sandbox, sales_id):
    """Sends one raw request to the stand-in: (method, path under the spreadsheet, **requests kwargs)."""
    session = requests.Session()
    session.headers.update(AUTH)

    def send(method: str, path: str, **kwargs) -> requests.Response:
        return session.request(method, f"{sheets_sandbox.url}/v4/spreadsheets/{sales_id}{path}", timeout=5, **kwargs)
    yield send
    session.close()
    assert sheets_sandbox.stats()["unexpected_errors"] == 0


def _error(response: requests.Response, code: int = 400) -> dict:
    assert response.status_code == code, response.text
    assert response.headers["Content-Type"].startswith("application/json")
    error = response.json()["error"]
    assert error["code"] == code and error["message"]
    return error


@pytest.mark.parametrize("method, path, kwargs, message", [
    ("put", "/values/A1?valueInputOption=RAW", {"data": "{not json"}, "Invalid JSON payload received."),
    ("put", "/values/A1?valueInputOption=RAW", {"data": "[1, 2]"}, "Invalid JSON payload received."),
    ("put", "/values/A1?valueInputOption=RAW", {"data": '{"values": NaN}'}, "Invalid JSON payload received."),
    ("put", "/values/A1?valueInputOption=RAW", {"data": b"\xff\xfe"}, "Invalid JSON payload received."),
    ("put", "/values/A1?valueInputOption=RAW", {"json": {"values": "abc"}}, "Invalid value at 'values'"),
    ("put", "/values/A1?valueInputOption=RAW", {"json": {"values": ["abc"]}}, "Invalid value at 'values[0]'"),
    ("put", "/values/A1?valueInputOption=RAW", {"json": {"values": [[{"a": 1}]]}}, "Invalid values[0][0]"),
    ("put", "/values/A1?valueInputOption=RAW", {"json": {"valuez": [["a"]]}}, 'Unknown name "valuez"'),
    ("put", "/values/A1?valueInputOption=RAW", {"json": {"values": [["a"]], "majorDimension": "DIAGONAL"}},
     "Invalid value at 'major_dimension'"),
    ("put", "/values/A1", {"json": {"values": [["a"]]}}, "'valueInputOption' is required but not specified"),
    ("put", "/values/A1?valueInputOption=TYPED", {"json": {"values": [["a"]]}},
     "Invalid value at 'value_input_option'"),
    ("put", "/values/A1?valueInputOption=RAW&foo=1", {"json": {}}, 'Unknown name "foo"'),
    ("put", "/values/A1?valueInputOption=RAW", {"json": {"range": "B2", "values": [["a"]]}}, "does not match"),
    ("get", "/values/A1?valueRenderOption=PRETTY", {}, "Invalid value at 'value_render_option'"),
    ("get", "/values/%27Vendas", {}, "Unable to parse range: 'Vendas"),
    ("get", "/values:batchGet?ranges=A1&ranges=Nada!A1", {}, "Unable to parse range: Nada!A1"),
    ("post", "/values:batchUpdate", {"json": {"data": [{"range": "A1", "values": [["x"]]}]}},
     "'valueInputOption' is required"),
    ("post", "/values:batchUpdate", {"json": {"valueInputOption": "RAW", "data": "x"}}, "Invalid value at 'data'"),
    ("post", "/values:batchUpdate", {"json": {"valueInputOption": "RAW", "data": [1]}}, "Invalid value at 'data[0]'"),
    ("post", "/values:batchUpdate", {"json": {"valueInputOption": "RAW", "data": [{"values": [["x"]]}]}},
     "Invalid value at 'range'"),
    ("post", "/values/A1:append?valueInputOption=RAW&insertDataOption=SIDEWAYS", {"json": {}},
     "Invalid value at 'insert_data_option'"),
    ("post", "/values/A1:clear", {"json": {"x": 1}}, 'Unknown name "x"'),
    ("post", "/values:batchClear", {"json": {"ranges": "A1"}}, "Invalid value at 'ranges'"),
    ("post", "/values:batchClear", {"json": {"ranges": [3]}}, "Invalid value at 'range'"),
    ("post", ":batchUpdate", {"json": {}}, "must contain at least one request"),
    ("post", ":batchUpdate", {"json": {"requests": [{"fooBar": {}}]}}, 'Unknown name "fooBar" at \'requests[0]\''),
    ("post", ":batchUpdate", {"json": {"requests": [{"duplicateSheet": {"sourceSheetId": 0}}]}},
     "does not implement duplicateSheet"),
    ("post", ":batchUpdate", {"json": {"requests": [{"addSheet": {}, "deleteSheet": {}}]}}, "exactly one kind"),
    ("post", ":batchUpdate", {"json": {"requests": [{"deleteSheet": {"sheetId": 999}}]}}, "No grid with id: 999"),
    ("post", ":batchUpdate", {"json": {"requests": [{"addSheet": {"properties": {"title": 5, "index": "x"}}}]}},
     "TYPE_INT32"),
    ("post", ":batchUpdate", {"json": {"requests": [{"updateSheetProperties": {"properties": {"sheetId": 0}}}]}},
     "At least one field must be updated"),
    ("post", ":batchUpdate", {"json": {"requests": [{"updateSheetProperties": {
        "properties": {"sheetId": 0}, "fields": "gridProperties.nope"}}]}}, "Invalid field mask path"),
    ("post", ":batchUpdate", {"json": {"requests": [{"deleteDimension": {"range": {
        "sheetId": 0, "dimension": "ROWS", "startIndex": 5, "endIndex": 2}}}]}}, "startIndex must be less"),
    ("post", ":batchUpdate", {"json": {"requests": [{"sortRange": {"range": {"sheetId": 0}, "sortSpecs": [
        {"dimensionIndex": 99}]}}]}}, "sortSpecs"),
    ("post", ":batchUpdate", {"json": {"requests": [{"appendDimension": {"sheetId": 0, "dimension": "ROWS",
                                                                         "length": 10_000_000}}]}},
     "above the limit of 10000000 cells"),
    ("get", "?includeGridData=maybe", {}, "TYPE_BOOL"),
])
def test_bad_requests_are_400_invalid_argument(api, method, path, kwargs, message):
    error = _error(api(method, path, **kwargs))
    assert error["status"] == "INVALID_ARGUMENT"
    assert message in error["message"]


def test_a_failed_batch_changes_nothing(api, sheets_sandbox, sales_id):
    answer = api("post", ":batchUpdate", json={"requests": [
        {"addSheet": {"properties": {"title": "Nova"}}},
        {"updateSpreadsheetProperties": {"properties": {"title": "Outro"}, "fields": "title"}},
        {"deleteSheet": {"sheetId": 12345}}]})
    _error(answer)
    book = sheets_sandbox.spreadsheet(sales_id)
    assert book.title == "Vendas 2026" and [s.title for s in book.sheets] == ["Vendas", "Vendas d'Ana"]


def test_cosmetic_requests_are_accepted_and_ignored(api):
    answer = api("post", ":batchUpdate", json={"requests": [{"autoResizeDimensions": {"dimensions": {}}},
                                                            {"updateBorders": {}}]})
    assert answer.json()["replies"] == [{}, {}]


@pytest.mark.parametrize("method, url", [
    ("get", "/v4/nothing/here"), ("delete", "/v4/spreadsheets/{id}"), ("get", "/v4/spreadsheets/1nope"),
    ("get", "/v4/spreadsheets/1nope/values/A1"), ("post", "/v4/spreadsheets/{id}/values/A1"),
    ("get", "/drive/v3/files/1nope"),
])
def test_unknown_things_are_404_json(sheets_sandbox, sales_id, method, url):
    answer = requests.request(method, sheets_sandbox.url + url.format(id=sales_id), headers=AUTH, timeout=5)
    assert _error(answer, 404)["message"]


def test_a_body_over_the_limit_is_refused(api):
    answer = api("put", "/values/A1?valueInputOption=RAW", data=b"x" * (10 * 1024 * 1024 + 1))
    assert "payload size exceeds the limit" in _error(answer)["message"]


def test_writes_outside_the_grid_and_oversized_appends(api):
    assert "exceeds grid limits" in _error(api("put", "/values/A1000?valueInputOption=RAW",
                                                json={"values": [["a"], ["b"]]}))["message"]
    huge = api("post", "/values/A1:append?valueInputOption=RAW", json={"values": [["x"] * 18_279]})
    assert "above the limit" in _error(huge)["message"] or "exceeds" in _error(huge)["message"]
