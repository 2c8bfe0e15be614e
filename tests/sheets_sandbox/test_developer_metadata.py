"""Developer metadata in the Sheets stand-in, over real HTTP (httpx, and gspread where the backend
would use it): batchUpdate's create/update/delete with Google's replies and refusals, search and get,
who may read and write it (sharing, scopes) and who may see it (DOCUMENT or PROJECT visibility)."""
from __future__ import annotations

import gspread
import httpx
import pytest
from google.auth.transport.requests import Request
from google.oauth2 import service_account
from google.oauth2.credentials import Credentials

from sheets_addon.google_endpoints import gspread_client
from tests.sheets_sandbox.test_sheets_oauth import tokens_for

ANA, JOAO, CARLA = "ana@padariaaurora.com.br", "joao@oficinaipe.com.br", "carla@exemplo.com.br"
SPREADSHEETS = "https://www.googleapis.com/auth/spreadsheets"
READONLY = "https://www.googleapis.com/auth/spreadsheets.readonly"
DRIVE_FILE = "https://www.googleapis.com/auth/drive.file"
NO_PERMISSION = "The caller does not have permission"
ROWS = {"Vendas": [["Cliente", "Valor"]], "Clientes": [["Nome"]]}
SPREADSHEET = {"spreadsheet": True}


def call(sheets_sandbox, token: str, method: str, path: str, body: dict | None = None) -> httpx.Response:
    return httpx.request(method, f"{sheets_sandbox.url}/v4/spreadsheets/{path}", json=body,
                         headers={"Authorization": f"Bearer {token}"})


def batch(sheets_sandbox, token: str, book: str, *requests: dict) -> httpx.Response:
    return call(sheets_sandbox, token, "POST", f"{book}:batchUpdate", {"requests": list(requests)})


def search(sheets_sandbox, token: str, book: str, *lookups: dict) -> httpx.Response:
    filters = [{"developerMetadataLookup": lookup} for lookup in lookups]
    return call(sheets_sandbox, token, "POST", f"{book}/developerMetadata:search", {"dataFilters": filters})


def create(key: str, value: str | None = None, visibility: str = "DOCUMENT", location: dict | None = None,
           **extra) -> dict:
    metadata = {"metadataKey": key, "visibility": visibility, "location": location or SPREADSHEET, **extra}
    if value is not None:
        metadata["metadataValue"] = value
    return {"createDeveloperMetadata": {"developerMetadata": metadata}}


def found(answer: httpx.Response) -> list[tuple[str, str | None]]:
    assert answer.status_code == 200, answer.text
    return [(match["developerMetadata"]["metadataKey"], match["developerMetadata"].get("metadataValue"))
            for match in answer.json().get("matchedDeveloperMetadata", [])]


def refusal(answer: httpx.Response) -> tuple[int, str]:
    return answer.status_code, answer.json()["error"]["message"]


def service_account_token(sheets_sandbox, name: str | None = None, project_id: str | None = None) -> tuple[str, str]:
    """(e-mail, access token) of a service account, through google-auth as the backend gets one."""
    if name is None:
        credentials = service_account.Credentials.from_service_account_file(sheets_sandbox.service_account_file(),
                                                                          scopes=[SPREADSHEETS])
    else:
        credentials = service_account.Credentials.from_service_account_info(
            sheets_sandbox.create_service_account(name, project_id), scopes=[SPREADSHEETS])
    credentials.refresh(Request())
    return credentials.service_account_email, credentials.token


@pytest.fixture
def book(sheets_sandbox) -> str:
    """A spreadsheet anyone with the link can edit (what the controls make without an owner)."""
    return sheets_sandbox.create_spreadsheet("Vendas", ROWS)


@pytest.fixture
def clientes_id(sheets_sandbox, book) -> int:
    return sheets_sandbox.spreadsheet(book).sheets[1].sheet_id


# -- writing, and Google's replies -----------------------------------------------------------------

def test_create_answers_the_metadata_with_its_id_and_location(sheets_sandbox, book, clientes_id):
    answer = batch(sheets_sandbox, "t", book, create("azulejo.prova", "abc123"),
                   create("aba", location={"sheetId": clientes_id}, metadataId=42),
                   {"updateSheetProperties": {"properties": {"sheetId": 0, "title": "Vendas 2026"}, "fields": "title"}})

    assert answer.status_code == 200, answer.text
    first, second, third = answer.json()["replies"]
    made = first["createDeveloperMetadata"]["developerMetadata"]
    assert 0 < made["metadataId"] < 2 ** 31
    assert made == {"metadataId": made["metadataId"], "metadataKey": "azulejo.prova", "metadataValue": "abc123",
                    "location": {"locationType": "SPREADSHEET", "spreadsheet": True}, "visibility": "DOCUMENT"}
    assert second == {"createDeveloperMetadata": {"developerMetadata": {
        "metadataId": 42, "metadataKey": "aba", "location": {"locationType": "SHEET", "sheetId": clientes_id},
        "visibility": "DOCUMENT"}}}           # no value: none shown, as protobuf JSON leaves out ""
    assert third == {}


def test_a_sheet_id_of_zero_is_shown(sheets_sandbox, book):
    answer = batch(sheets_sandbox, "t", book, create("primeira", location={"sheetId": 0}))

    assert answer.json()["replies"][0]["createDeveloperMetadata"]["developerMetadata"]["location"] == {
        "locationType": "SHEET", "sheetId": 0}


def test_gspread_writes_and_reads_metadata_as_the_backend_would(sheets_sandbox, gspread_client, book):
    spreadsheet = gspread_client.open_by_key(book)

    reply = spreadsheet.batch_update({"requests": [create("azulejo.prova", "abc123", metadataId=7)]})
    answer = gspread_client.http_client.request(
        "post", f"{sheets_sandbox.url}/v4/spreadsheets/{book}/developerMetadata:search",
        json={"dataFilters": [{"developerMetadataLookup": {"metadataKey": "azulejo.prova"}}]}).json()
    one = gspread_client.http_client.request("get", f"{sheets_sandbox.url}/v4/spreadsheets/{book}/developerMetadata/7")

    assert reply["replies"][0]["createDeveloperMetadata"]["developerMetadata"]["metadataId"] == 7
    assert answer == {"matchedDeveloperMetadata": [{
        "developerMetadata": {"metadataId": 7, "metadataKey": "azulejo.prova", "metadataValue": "abc123",
                              "location": {"locationType": "SPREADSHEET", "spreadsheet": True},
                              "visibility": "DOCUMENT"},
        "dataFilters": [{"developerMetadataLookup": {"metadataKey": "azulejo.prova"}}]}]}
    assert one.json()["metadataValue"] == "abc123"


def test_update_sets_only_the_masked_fields_of_every_match(sheets_sandbox, book, clientes_id):
    batch(sheets_sandbox, "t", book, create("prova", "a", metadataId=1), create("prova", "b", metadataId=2),
          create("outra", "c", metadataId=3))

    answer = batch(sheets_sandbox, "t", book, {"updateDeveloperMetadata": {
        "dataFilters": [{"developerMetadataLookup": {"metadataKey": "prova"}}],
        "developerMetadata": {"metadataKey": "ignorada", "metadataValue": "novo"}, "fields": "metadataValue"}})
    moved = batch(sheets_sandbox, "t", book, {"updateDeveloperMetadata": {
        "dataFilters": [{"developerMetadataLookup": {"metadataId": 3}}],
        "developerMetadata": {"location": {"sheetId": clientes_id}}, "fields": "location"}})

    assert answer.status_code == 200, answer.text
    updated = answer.json()["replies"][0]["updateDeveloperMetadata"]["developerMetadata"]
    assert [(item["metadataId"], item["metadataKey"], item["metadataValue"]) for item in updated] == [
        (1, "prova", "novo"), (2, "prova", "novo")]
    assert moved.json()["replies"][0]["updateDeveloperMetadata"]["developerMetadata"][0]["location"] == {
        "locationType": "SHEET", "sheetId": clientes_id}
    assert found(search(sheets_sandbox, "t", book, {"metadataLocation": {"sheetId": clientes_id}})) == [("outra", "c")]


def test_update_with_star_sets_every_field_and_needs_them_all(sheets_sandbox, book):
    batch(sheets_sandbox, "t", book, create("prova", "a", metadataId=1))
    update = {"dataFilters": [{"developerMetadataLookup": {"metadataId": 1}}], "fields": "*"}

    partial = batch(sheets_sandbox, "t", book, {"updateDeveloperMetadata": {
        **update, "developerMetadata": {"metadataValue": "b"}}})
    whole = batch(sheets_sandbox, "t", book, {"updateDeveloperMetadata": {**update, "developerMetadata": {
        "metadataKey": "nova", "visibility": "PROJECT", "location": {"sheetId": 0}}}})

    assert refusal(partial) == (400, "Invalid requests[0].updateDeveloperMetadata: Developer metadata must always "
                                     "have a key specified.")
    assert whole.json()["replies"][0]["updateDeveloperMetadata"]["developerMetadata"] == [{
        "metadataId": 1, "metadataKey": "nova", "location": {"locationType": "SHEET", "sheetId": 0},
        "visibility": "PROJECT"}]


@pytest.mark.parametrize("body, message", [
    ({"developerMetadata": {"metadataValue": "x"}, "fields": "metadataValue"},
     "Invalid requests[0].updateDeveloperMetadata.dataFilters: at least one data filter must be specified."),
    ({"dataFilters": [{"developerMetadataLookup": {"metadataId": 1}}], "developerMetadata": {}},
     "Invalid requests[0].updateDeveloperMetadata: At least one field must be updated, but none were specified."),
    ({"dataFilters": [{"developerMetadataLookup": {"metadataId": 1}}], "developerMetadata": {}, "fields": "owner"},
     "Invalid requests[0].updateDeveloperMetadata: Invalid field mask path: owner"),
    ({"dataFilters": [{"developerMetadataLookup": {"metadataId": 1}}], "developerMetadata": {"metadataId": 9},
      "fields": "metadataId"}, "Invalid requests[0].updateDeveloperMetadata: a metadataId cannot be changed."),
    ({"dataFilters": [{"developerMetadataLookup": {"metadataId": 1}}], "developerMetadata": {"visibility": "ALL"},
      "fields": "visibility"},
     "Invalid value at 'requests[0].update_developer_metadata.developer_metadata.visibility' "
     "(type.googleapis.com/google.apps.sheets.v4.DeveloperMetadata.DeveloperMetadataVisibility), \"ALL\""),
    ({"dataFilters": [{"developerMetadataLookup": {"metadataKey": "nenhuma"}}],
      "developerMetadata": {"metadataValue": "x"}, "fields": "metadataValue"},
     "Invalid requests[0].updateDeveloperMetadata: No developer metadata matches the data filters."),
], ids=["no-filter", "no-mask", "unknown-mask-path", "changed-id", "bad-visibility", "matches-nothing"])
def test_update_refusals(sheets_sandbox, book, body, message):
    batch(sheets_sandbox, "t", book, create("prova", "a", metadataId=1))

    assert refusal(batch(sheets_sandbox, "t", book, {"updateDeveloperMetadata": body})) == (400, message)


def test_delete_answers_what_it_deleted(sheets_sandbox, book):
    batch(sheets_sandbox, "t", book, create("prova", "a", metadataId=1), create("prova", "b", metadataId=2),
          create("fica", metadataId=3))

    answer = batch(sheets_sandbox, "t", book, {"deleteDeveloperMetadata": {
        "dataFilter": {"developerMetadataLookup": {"metadataKey": "prova"}}}})
    again = batch(sheets_sandbox, "t", book, {"deleteDeveloperMetadata": {
        "dataFilter": {"developerMetadataLookup": {"metadataKey": "prova"}}}})

    deleted = answer.json()["replies"][0]["deleteDeveloperMetadata"]["deletedDeveloperMetadata"]
    assert [(item["metadataId"], item["metadataValue"]) for item in deleted] == [(1, "a"), (2, "b")]
    assert refusal(again) == (400, "Invalid requests[0].deleteDeveloperMetadata: No developer metadata matches the "
                                   "data filters.")
    assert found(search(sheets_sandbox, "t", book, {"locationType": "SPREADSHEET"})) == [("fica", None)]


def test_batches_are_all_or_nothing(sheets_sandbox, book):
    batch(sheets_sandbox, "t", book, create("fica", "1", metadataId=1))

    refused = batch(sheets_sandbox, "t", book, create("nova", "2"),
                    {"deleteDeveloperMetadata": {"dataFilter": {"developerMetadataLookup": {"metadataId": 1}}}},
                    {"deleteSheet": {"sheetId": 999}})

    assert refused.status_code == 400
    assert found(search(sheets_sandbox, "t", book, {"locationType": "SPREADSHEET"})) == [("fica", "1")]


def test_metadata_goes_with_its_sheet(sheets_sandbox, book, clientes_id):
    batch(sheets_sandbox, "t", book, create("da-aba", location={"sheetId": clientes_id}), create("da-planilha"))

    batch(sheets_sandbox, "t", book, {"deleteSheet": {"sheetId": clientes_id}})

    assert found(search(sheets_sandbox, "t", book, {"metadataKey": "da-aba"})) == []
    assert found(search(sheets_sandbox, "t", book, {"metadataKey": "da-planilha"})) == [("da-planilha", None)]


# -- refusals in Google's words ------------------------------------------------------------------

@pytest.mark.parametrize("metadata, message", [
    ({"visibility": "DOCUMENT", "location": SPREADSHEET},
     "Invalid requests[0].createDeveloperMetadata: Developer metadata must always have a key specified."),
    ({"metadataKey": "k", "location": SPREADSHEET},
     "Invalid requests[0].createDeveloperMetadata: Developer metadata must always have a visibility specified."),
    ({"metadataKey": "k", "visibility": "DEVELOPER_METADATA_VISIBILITY_UNSPECIFIED", "location": SPREADSHEET},
     "Invalid requests[0].createDeveloperMetadata: Developer metadata must always have a visibility specified."),
    ({"metadataKey": "k", "visibility": "PUBLIC", "location": SPREADSHEET},
     "Invalid value at 'requests[0].create_developer_metadata.developer_metadata.visibility' "
     "(type.googleapis.com/google.apps.sheets.v4.DeveloperMetadata.DeveloperMetadataVisibility), \"PUBLIC\""),
    ({"metadataKey": 5, "visibility": "DOCUMENT", "location": SPREADSHEET},
     "Invalid value at 'requests[0].create_developer_metadata.developer_metadata.metadata_key' (TYPE_STRING), 5"),
    ({"metadataKey": "k", "visibility": "DOCUMENT", "location": SPREADSHEET, "owner": "ana"},
     "Invalid JSON payload received. Unknown name \"owner\" at 'requests[0].createDeveloperMetadata."
     "developerMetadata': Cannot find field."),
    ({"metadataKey": "k", "visibility": "DOCUMENT", "location": SPREADSHEET, "metadataId": 0},
     "Invalid requests[0].createDeveloperMetadata.developerMetadata: metadataId must be positive, not 0."),
    ({"metadataKey": "k", "visibility": "DOCUMENT", "location": SPREADSHEET, "metadataId": -3},
     "Invalid requests[0].createDeveloperMetadata.developerMetadata: metadataId must be positive, not -3."),
    ({"metadataKey": "k", "visibility": "DOCUMENT", "location": SPREADSHEET, "metadataId": 2 ** 31},
     "Invalid value at 'requests[0].createDeveloperMetadata.developerMetadata.metadata_id' (TYPE_INT32), "
     "2147483648"),
    ({"metadataKey": "k", "visibility": "DOCUMENT", "location": SPREADSHEET, "metadataId": 1},
     "Invalid requests[0].createDeveloperMetadata: Developer metadata with id 1 already exists."),
    ({"metadataKey": "k", "visibility": "DOCUMENT"},
     "Invalid requests[0].createDeveloperMetadata.developerMetadata.location: a location (the spreadsheet or a "
     "sheet) is required."),
    ({"metadataKey": "k", "visibility": "DOCUMENT", "location": {"spreadsheet": False}},
     "Invalid requests[0].createDeveloperMetadata.developerMetadata.location: a location (the spreadsheet or a "
     "sheet) is required."),
    ({"metadataKey": "k", "visibility": "DOCUMENT", "location": {"spreadsheet": True, "sheetId": 0}},
     "Invalid JSON payload received. Oneof field 'location' is already set. Cannot set 'sheetId'"),
    ({"metadataKey": "k", "visibility": "DOCUMENT", "location": {"sheetId": 12345}},
     "Invalid requests[0].createDeveloperMetadata.developerMetadata.location: No grid with id: 12345"),
    ({"metadataKey": "k", "visibility": "DOCUMENT", "location": {"sheetId": 0, "locationType": "SPREADSHEET"}},
     "Invalid requests[0].createDeveloperMetadata.developerMetadata.location: locationType SPREADSHEET does not "
     "match the location."),
    ({"metadataKey": "k", "visibility": "DOCUMENT",
      "location": {"dimensionRange": {"sheetId": 0, "dimension": "ROWS", "startIndex": 1, "endIndex": 2}}},
     "Invalid requests[0].createDeveloperMetadata.developerMetadata.location: the Sheets stand-in does not "
     "implement developer metadata on rows and columns (dimensionRange)."),
], ids=["no-key", "no-visibility", "unspecified-visibility", "unknown-visibility", "key-not-text", "unknown-field",
        "zero-id", "negative-id", "id-past-int32", "duplicate-id", "no-location", "spreadsheet-false",
        "two-locations", "unknown-sheet", "contradicting-location-type", "row-not-modelled"])
def test_create_refusals(sheets_sandbox, book, metadata, message):
    batch(sheets_sandbox, "t", book, create("primeira", metadataId=1))

    answer = batch(sheets_sandbox, "t", book, {"createDeveloperMetadata": {"developerMetadata": metadata}})

    assert refusal(answer) == (400, message)
    assert answer.json()["error"]["status"] == "INVALID_ARGUMENT"
    assert len(sheets_sandbox.spreadsheet(book).developer_metadata) == 1


def test_a_location_holds_at_most_30000_characters(sheets_sandbox, book, clientes_id):
    fits = batch(sheets_sandbox, "t", book, create("k" * 10, "v" * 29_990),
                 create("k" * 10, "v" * 29_990, location={"sheetId": clientes_id}))

    too_much = batch(sheets_sandbox, "t", book, create("x"))
    grown = batch(sheets_sandbox, "t", book, {"updateDeveloperMetadata": {
        "dataFilters": [{"developerMetadataLookup": {"locationType": "SHEET"}}],
        "developerMetadata": {"metadataValue": "v" * 29_991}, "fields": "metadataValue"}})

    assert fits.status_code == 200
    assert refusal(too_much) == (400, "Invalid requests[0].createDeveloperMetadata: the developer metadata on the "
                                      "spreadsheet would be 30001 characters long; at most 30000 are allowed.")
    assert refusal(grown)[1].endswith(f"on the sheet with id {clientes_id} would be 30001 characters long; at most "
                                      f"30000 are allowed.")


def test_spreadsheets_create_refuses_developer_metadata_by_name(sheets_sandbox):
    answer = httpx.post(f"{sheets_sandbox.url}/v4/spreadsheets", headers={"Authorization": "Bearer t"},
                        json={"properties": {"title": "Nova"},
                              "developerMetadata": [{"metadataKey": "k", "visibility": "DOCUMENT"}]})

    assert refusal(answer) == (400, "Invalid developerMetadata: the Sheets stand-in does not implement developer "
                                    "metadata in spreadsheets.create; add it with a batchUpdate's "
                                    "createDeveloperMetadata.")


# -- search and get ------------------------------------------------------------------------------

def test_search_combines_a_lookups_criteria_and_ors_its_filters(sheets_sandbox, book, clientes_id):
    batch(sheets_sandbox, "t", book, create("prova", "a", metadataId=1), create("prova", "b", metadataId=2),
          create("prova", "c", "PROJECT", {"sheetId": clientes_id}, metadataId=3), create("outra", "a", metadataId=4))

    def keys_and_values(*lookups: dict) -> list[tuple[str, str | None]]:
        return found(search(sheets_sandbox, "t", book, *lookups))

    assert keys_and_values({"metadataKey": "prova"}) == [("prova", "a"), ("prova", "b"), ("prova", "c")]
    assert keys_and_values({"metadataKey": "prova", "metadataValue": "b"}) == [("prova", "b")]
    assert keys_and_values({"metadataValue": "a"}) == [("prova", "a"), ("outra", "a")]
    assert keys_and_values({"metadataId": 4}) == [("outra", "a")]
    assert keys_and_values({"visibility": "PROJECT"}) == [("prova", "c")]
    assert keys_and_values({"metadataKey": "prova", "locationType": "SHEET"}) == [("prova", "c")]
    assert keys_and_values({"metadataLocation": {"sheetId": clientes_id}, "locationMatchingStrategy": "EXACT_LOCATION"
                            }) == [("prova", "c")]
    assert keys_and_values({"metadataLocation": SPREADSHEET, "metadataKey": "outra"}) == [("outra", "a")]
    assert keys_and_values({"metadataId": 1}, {"metadataValue": "a"}) == [("prova", "a"), ("outra", "a")]
    assert keys_and_values({"metadataKey": "nenhuma"}) == []
    both = search(sheets_sandbox, "t", book, {"metadataId": 1}, {"metadataValue": "a"}).json()
    assert both["matchedDeveloperMetadata"][0]["dataFilters"] == [{"developerMetadataLookup": {"metadataId": 1}},
                                                                  {"developerMetadataLookup": {"metadataValue": "a"}}]
    assert search(sheets_sandbox, "t", book, {"metadataKey": "nenhuma"}).json() == {}


@pytest.mark.parametrize("data_filter, message", [
    ({"developerMetadataLookup": {}},
     "Invalid dataFilters[0].developerMetadataLookup: a developerMetadataLookup must set at least one criterion."),
    ({"developerMetadataLookup": {"metadataValue": "", "metadataId": 0}},
     "Invalid dataFilters[0].developerMetadataLookup: a developerMetadataLookup must set at least one criterion."),
    ({"developerMetadataLookup": {"locationMatchingStrategy": "EXACT_LOCATION"}},
     "Invalid dataFilters[0].developerMetadataLookup: a locationMatchingStrategy needs a metadataLocation."),
    ({"developerMetadataLookup": {"locationType": "SHEET", "locationMatchingStrategy": "EXACT_LOCATION",
                                  "metadataLocation": {"sheetId": 0}}},
     "Invalid dataFilters[0].developerMetadataLookup: locationType must be left unspecified when the "
     "locationMatchingStrategy is EXACT_LOCATION."),
    ({"developerMetadataLookup": {"locationType": "SPREADSHEET", "metadataLocation": {"sheetId": 0}}},
     "Invalid dataFilters[0].developerMetadataLookup: locationType SPREADSHEET cannot be used with intersecting "
     "locations or a location other than the spreadsheet."),
    ({"developerMetadataLookup": {"locationType": "SPREADSHEET", "metadataLocation": SPREADSHEET,
                                  "locationMatchingStrategy": "INTERSECTING_LOCATION"}},
     "Invalid dataFilters[0].developerMetadataLookup: locationType SPREADSHEET cannot be used with intersecting "
     "locations or a location other than the spreadsheet."),
    ({"developerMetadataLookup": {"metadataKey": "k", "owner": "ana"}},
     "Invalid JSON payload received. Unknown name \"owner\" at 'dataFilters[0].developerMetadataLookup': Cannot "
     "find field."),
    ({"developerMetadataLookup": {"metadataId": -1}},
     "Invalid dataFilters[0].developerMetadataLookup: metadataId must be positive, not -1."),
    ({"a1Range": "Vendas!A1"},
     "Invalid dataFilters[0]: the Sheets stand-in does not implement a1Range data filters; use a "
     "developerMetadataLookup."),
    ({"gridRange": {"sheetId": 0}},
     "Invalid dataFilters[0]: the Sheets stand-in does not implement gridRange data filters; use a "
     "developerMetadataLookup."),
    ({"developerMetadataLookup": {"metadataKey": "k"}, "a1Range": "A1"},
     "Invalid JSON payload received. Oneof field 'filter' is already set. Cannot set 'a1Range'"),
    ({}, "Invalid dataFilters[0]: a data filter must set developerMetadataLookup, a1Range or gridRange."),
], ids=["empty-lookup", "default-values-only", "strategy-without-location", "type-with-exact",
        "spreadsheet-type-on-sheet", "spreadsheet-type-intersecting", "unknown-field", "negative-id", "a1-range",
        "grid-range", "two-kinds", "empty"])
def test_search_refuses_filters_google_would_not_take(sheets_sandbox, book, data_filter, message):
    answer = call(sheets_sandbox, "t", "POST", f"{book}/developerMetadata:search", {"dataFilters": [data_filter]})

    assert refusal(answer) == (400, message)


def test_search_needs_a_filter(sheets_sandbox, book):
    answer = call(sheets_sandbox, "t", "POST", f"{book}/developerMetadata:search", {"dataFilters": []})

    assert refusal(answer) == (400, "Invalid dataFilters: at least one data filter must be specified.")


def test_get_answers_one_metadata_by_id(sheets_sandbox, book):
    batch(sheets_sandbox, "t", book, create("prova", "a", metadataId=11))

    one = call(sheets_sandbox, "t", "GET", f"{book}/developerMetadata/11")
    missing = call(sheets_sandbox, "t", "GET", f"{book}/developerMetadata/12")
    not_a_number = call(sheets_sandbox, "t", "GET", f"{book}/developerMetadata/onze")

    assert one.json() == {"metadataId": 11, "metadataKey": "prova", "metadataValue": "a",
                          "location": {"locationType": "SPREADSHEET", "spreadsheet": True}, "visibility": "DOCUMENT"}
    assert refusal(missing) == (404, "Requested entity was not found.")
    assert refusal(not_a_number) == (400, "Invalid value at 'metadata_id' (TYPE_INT32), \"onze\"")


def test_spreadsheets_get_shows_metadata_where_google_does(sheets_sandbox, book, clientes_id):
    before = call(sheets_sandbox, "t", "GET", book).json()
    batch(sheets_sandbox, "t", book, create("da-planilha", "1", metadataId=1),
          create("da-aba", location={"sheetId": clientes_id}, metadataId=2))

    after = call(sheets_sandbox, "t", "GET", book).json()

    assert "developerMetadata" not in before and all("developerMetadata" not in sheet for sheet in before["sheets"])
    assert [item["metadataKey"] for item in after["developerMetadata"]] == ["da-planilha"]
    assert "developerMetadata" not in after["sheets"][0]
    assert [item["metadataId"] for item in after["sheets"][1]["developerMetadata"]] == [2]


# -- who may write, read and see -----------------------------------------------------------------

@pytest.fixture
def private_book(sheets_sandbox) -> str:
    """Ana's spreadsheet, shared with João as an editor and with Carla as a reader."""
    sheets_sandbox.configure_auth(tokens={"t-ana": ANA, "t-joao": JOAO, "t-carla": CARLA, "t-estranho": "x@y.com"})
    return sheets_sandbox.create_spreadsheet("Privada", ROWS, owner=ANA, shared_with={JOAO: "writer",
                                                                                     CARLA: "reader"})


def test_a_reader_reads_document_metadata_but_may_not_write_it(sheets_sandbox, private_book):
    batch(sheets_sandbox, "t-joao", private_book, create("prova", "abc", metadataId=5))

    assert found(search(sheets_sandbox, "t-carla", private_book, {"metadataKey": "prova"})) == [("prova", "abc")]
    assert call(sheets_sandbox, "t-carla", "GET", f"{private_book}/developerMetadata/5").status_code == 200
    for request in (create("minha"),
                    {"updateDeveloperMetadata": {"dataFilters": [{"developerMetadataLookup": {"metadataId": 5}}],
                                                 "developerMetadata": {"metadataValue": "x"},
                                                 "fields": "metadataValue"}},
                    {"deleteDeveloperMetadata": {"dataFilter": {"developerMetadataLookup": {"metadataId": 5}}}}):
        answer = batch(sheets_sandbox, "t-carla", private_book, request)
        assert refusal(answer) == (403, NO_PERMISSION) and answer.json()["error"]["status"] == "PERMISSION_DENIED"
    assert found(search(sheets_sandbox, "t-ana", private_book, {"metadataId": 5})) == [("prova", "abc")]


def test_a_stranger_may_neither_read_nor_write(sheets_sandbox, private_book):
    batch(sheets_sandbox, "t-ana", private_book, create("prova", "abc", metadataId=5))

    assert refusal(search(sheets_sandbox, "t-estranho", private_book, {"metadataId": 5})) == (403, NO_PERMISSION)
    assert refusal(call(sheets_sandbox, "t-estranho", "GET", f"{private_book}/developerMetadata/5")) == (
        403, NO_PERMISSION)
    assert refusal(batch(sheets_sandbox, "t-estranho", private_book, create("minha"))) == (403, NO_PERMISSION)


def test_an_editor_made_reader_or_removed_loses_the_right_to_write(sheets_sandbox, private_book):
    assert batch(sheets_sandbox, "t-joao", private_book, create("antes")).status_code == 200

    sheets_sandbox.share(private_book, JOAO, role="reader")
    as_reader = batch(sheets_sandbox, "t-joao", private_book, create("depois"))
    still_reads = search(sheets_sandbox, "t-joao", private_book, {"metadataKey": "antes"})
    sheets_sandbox.unshare(private_book, JOAO)
    removed = search(sheets_sandbox, "t-joao", private_book, {"metadataKey": "antes"})

    assert refusal(as_reader) == (403, NO_PERMISSION)
    assert found(still_reads) == [("antes", None)]
    assert refusal(removed) == (403, NO_PERMISSION)


def test_scopes_are_the_ones_googles_reference_lists(sheets_sandbox):
    book = sheets_sandbox.create_spreadsheet("Privada", ROWS, owner=ANA)
    writer = tokens_for(sheets_sandbox, scope=SPREADSHEETS)["access_token"]
    reader = tokens_for(sheets_sandbox, scope=READONLY)["access_token"]
    only_drive_file = tokens_for(sheets_sandbox, scope=DRIVE_FILE)["access_token"]
    batch(sheets_sandbox, writer, book, create("prova", "abc", metadataId=5))

    searched = search(sheets_sandbox, reader, book, {"metadataId": 5})
    got = call(sheets_sandbox, reader, "GET", f"{book}/developerMetadata/5")
    opened = call(sheets_sandbox, reader, "GET", book)

    for answer in (searched, got):
        assert refusal(answer) == (403, "Request had insufficient authentication scopes.")
        assert answer.json()["error"]["details"][0]["reason"] == "ACCESS_TOKEN_SCOPE_INSUFFICIENT"
    assert opened.status_code == 200 and "developerMetadata" not in opened.json()
    assert refusal(search(sheets_sandbox, only_drive_file, book, {"metadataId": 5})) == (403, NO_PERMISSION)
    assert found(search(sheets_sandbox, writer, book, {"metadataId": 5})) == [("prova", "abc")]
    assert "developerMetadata" in call(sheets_sandbox, writer, "GET", book).json()


def test_project_metadata_is_seen_by_its_project_alone(sheets_sandbox):
    """The person's OAuth client and the backend's service account share the stand-in's project; an
    Apps Script and another project's service account are projects of their own."""
    book = sheets_sandbox.create_spreadsheet("Privada", ROWS, owner=ANA)
    person = tokens_for(sheets_sandbox, scope=SPREADSHEETS)["access_token"]
    backend_email, backend = service_account_token(sheets_sandbox)
    other_email, other = service_account_token(sheets_sandbox, "outro-robo", "outro-projeto")
    script = sheets_sandbox.apps_script_token(ANA)
    for email in (backend_email, other_email):
        sheets_sandbox.share(book, email, "writer")
    batch(sheets_sandbox, person, book, create("da-pessoa", visibility="PROJECT", metadataId=1))
    batch(sheets_sandbox, script, book, create("do-script", visibility="PROJECT", metadataId=2),
          create("de-todos", visibility="DOCUMENT", metadataId=3))

    def seen_by(token: str) -> list[str]:
        return [key for key, _ in found(search(sheets_sandbox, token, book, {"locationType": "SPREADSHEET"}))]

    assert seen_by(person) == ["da-pessoa", "de-todos"]
    assert seen_by(backend) == ["da-pessoa", "de-todos"]
    assert seen_by(script) == ["do-script", "de-todos"]
    assert seen_by(other) == ["de-todos"]
    assert call(sheets_sandbox, other, "GET", f"{book}/developerMetadata/1").status_code == 404
    assert [item["metadataId"] for item in call(sheets_sandbox, other, "GET", book).json()["developerMetadata"]] == [3]
    hidden = batch(sheets_sandbox, other, book, {"deleteDeveloperMetadata": {
        "dataFilter": {"developerMetadataLookup": {"metadataId": 2}}}})
    taken = batch(sheets_sandbox, other, book, create("mesmo-id", metadataId=2))
    assert hidden.status_code == taken.status_code == 400       # it cannot touch it, nor take its id
    assert len(sheets_sandbox.spreadsheet(book).developer_metadata) == 3


def test_an_editors_app_writes_and_the_backend_reads_it_back(sheets_sandbox):
    """What the backend will do: the person's Apps Script writes a value as the person, and the backend's
    service account, which the spreadsheet is shared with, finds it by key."""
    book = sheets_sandbox.create_spreadsheet("Vendas", ROWS, owner=ANA)
    backend_email, backend_token = service_account_token(sheets_sandbox)
    sheets_sandbox.share(book, backend_email, "reader")
    script = sheets_sandbox.apps_script_token(ANA)

    written = batch(sheets_sandbox, script, book, create("azulejo.prova-de-edicao", "desafio-123"))
    backend = gspread_client(Credentials(backend_token), sheets_sandbox.url)
    answer = backend.http_client.request(
        "post", f"{sheets_sandbox.url}/v4/spreadsheets/{book}/developerMetadata:search",
        json={"dataFilters": [{"developerMetadataLookup": {"metadataKey": "azulejo.prova-de-edicao"}}]})

    assert written.status_code == 200
    assert answer.json()["matchedDeveloperMetadata"][0]["developerMetadata"]["metadataValue"] == "desafio-123"
    with pytest.raises(gspread.exceptions.APIError) as refused:   # the backend only reads this spreadsheet
        backend.open_by_key(book).batch_update({"requests": [create("azulejo.prova-de-edicao", "forjado")]})
    assert refused.value.code == 403


# -- quotas and counters -------------------------------------------------------------------------

def test_search_and_get_are_reads_counted_under_googles_names(sheets_sandbox, book):
    batch(sheets_sandbox, "t", book, create("prova", metadataId=1))
    sheets_sandbox.reset_stats()
    sheets_sandbox.configure_quotas(read_per_minute=2, write_per_minute=1)
    sheets_sandbox.advance_clock(61)

    search(sheets_sandbox, "t", book, {"metadataId": 1})
    call(sheets_sandbox, "t", "GET", f"{book}/developerMetadata/1")
    over = search(sheets_sandbox, "t", book, {"metadataId": 1})
    write = batch(sheets_sandbox, "t", book, create("outra"))

    assert over.status_code == 429 and "'Read requests per minute per user'" in over.json()["error"]["message"]
    assert write.status_code == 200                    # writes draw on their own quota
    stats = sheets_sandbox.stats()
    assert stats["by_method"] == {"developerMetadata.search": 2, "developerMetadata.get": 1,
                                  "spreadsheets.batchUpdate": 1}
    assert stats["by_spreadsheet"][book]["developerMetadata.search"] == 2
    assert stats["quota_exceeded"] == 1 and stats["unexpected_errors"] == 0


def test_apps_script_metadata_calls_draw_on_no_quota(sheets_sandbox, book):
    script = sheets_sandbox.apps_script_token(ANA)
    sheets_sandbox.configure_quotas(read_per_minute=1, write_per_minute=1)

    answers = [batch(sheets_sandbox, script, book, create(f"k{n}")) for n in range(3)]
    answers += [search(sheets_sandbox, script, book, {"metadataKey": "k1"}) for _ in range(3)]

    assert {answer.status_code for answer in answers} == {200}
