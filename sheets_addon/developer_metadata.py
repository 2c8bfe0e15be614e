"""A spreadsheet's developer metadata, read and written through gspread's HTTP client.

Sheets API v4: `developerMetadata:search` with a `developerMetadataLookup` finds the entries of a
key (it needs the `spreadsheets` scope, not `.readonly`); `spreadsheets.batchUpdate` creates or
updates one. Only the spreadsheet-level location is used: it lives as long as the spreadsheet.
"""
from __future__ import annotations

from typing import Any

import gspread
from gspread.urls import SPREADSHEET_URL

from sheets_addon.sheets import SheetsRetry

SPREADSHEET_LOCATION = {"spreadsheet": True}


def entries(client: gspread.Client, spreadsheet_id: str, key: str,
            retry: SheetsRetry | None = None) -> list[dict[str, Any]]:
    """The spreadsheet-level entries with this key (one read request)."""
    lookup = {"developerMetadataLookup": {"metadataKey": key, "locationType": "SPREADSHEET"}}
    answer = (retry or SheetsRetry()).run(lambda: client.http_client.request(
        "post", SPREADSHEET_URL % spreadsheet_id + "/developerMetadata:search", json={"dataFilters": [lookup]}).json())
    return [match.get("developerMetadata", {}) for match in answer.get("matchedDeveloperMetadata", [])]


def put(client: gspread.Client, spreadsheet_id: str, key: str, value: str, visibility: str,
        retry: SheetsRetry | None = None) -> None:
    """Sets the key's value at the spreadsheet: updates its first entry, or creates one (a read and a
    write request). Google refuses the write to whoever cannot edit the spreadsheet."""
    retry = retry or SheetsRetry()
    found = entries(client, spreadsheet_id, key, retry)
    if found:
        request = {"updateDeveloperMetadata": {
            "dataFilters": [{"developerMetadataLookup": {"metadataId": found[0]["metadataId"]}}],
            "developerMetadata": {"metadataValue": value}, "fields": "metadataValue"}}
    else:
        request = {"createDeveloperMetadata": {"developerMetadata": {
            "metadataKey": key, "metadataValue": value, "location": SPREADSHEET_LOCATION, "visibility": visibility}}}
    retry.run(lambda: client.http_client.batch_update(spreadsheet_id, {"requests": [request]}))
