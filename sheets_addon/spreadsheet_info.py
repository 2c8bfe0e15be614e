"""What the sidebar needs to set a flow up: a spreadsheet's tabs and their header rows.

Two requests whatever the number of tabs: the metadata, then one batchGet of every row 1.
"""
from __future__ import annotations

from typing import Any

import gspread
from gspread.exceptions import APIError
from gspread.utils import absolute_range_name

from sheets_addon import messages
from sheets_addon.sheets import SheetsRetry, quota_retry_after


class SpreadsheetUnreachable(Exception):
    """The backend cannot open the sheet; `status` and the Portuguese `message` say what to do, and
    `retry_after` (seconds) when to try again."""

    def __init__(self, status: int, code: str, message: str, retry_after: int | None = None) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.retry_after = status, code, message, retry_after


def spreadsheet_tabs(client: gspread.Client, spreadsheet_id: str, retry: SheetsRetry | None = None) -> dict[str, Any]:
    """{id, title, tabs: [{title, headers}]}, the tabs in the spreadsheet's order."""
    http, retry = client.http_client, retry or SheetsRetry()
    metadata = retry.run(lambda: http.fetch_sheet_metadata(spreadsheet_id))
    titles = [sheet["properties"]["title"] for sheet in metadata.get("sheets", [])]
    ranges = [absolute_range_name(title, "1:1") for title in titles]
    answer = retry.run(lambda: http.values_batch_get(spreadsheet_id, ranges)) if ranges else {}
    header_rows = [value_range.get("values", [[]]) for value_range in answer.get("valueRanges", [])]
    return {"id": spreadsheet_id, "title": metadata.get("properties", {}).get("title", ""),
            "tabs": [{"title": title, "headers": [str(cell) for cell in (rows[0] if rows else [])]}
                     for title, rows in zip(titles, header_rows, strict=True)]}


def unreachable(error: APIError, account: str | None, own_account: bool = False) -> SpreadsheetUnreachable:
    """A Sheets refusal as the person should read it: share the sheet with the backend's account, or,
    when the backend acts as the person (`own_account`), with the person's own Google account."""
    shown = account or messages.SPREADSHEET_ACCOUNT_FALLBACK
    not_found = messages.SPREADSHEET_NOT_FOUND_FOR_YOU if own_account else messages.SPREADSHEET_NOT_FOUND
    not_shared = messages.SPREADSHEET_NOT_SHARED_WITH_YOU if own_account else messages.SPREADSHEET_NOT_SHARED
    if error.code == 404:
        return SpreadsheetUnreachable(404, "spreadsheet_not_found", not_found.format(account=shown))
    if error.code in (401, 403):
        return SpreadsheetUnreachable(403, "spreadsheet_not_shared", not_shared.format(account=shown))
    if error.code == 429:
        wait = quota_retry_after(error)
        return SpreadsheetUnreachable(503, "sheets_quota_exhausted", messages.SHEETS_QUOTA_EXHAUSTED.format(seconds=wait),
                                      retry_after=wait)
    return SpreadsheetUnreachable(503, "sheets_unavailable", messages.SHEETS_UNAVAILABLE)
