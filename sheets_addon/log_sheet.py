"""The sales log's tab: a header check, one append of every new row, one batch of in-place updates.

A poll costs at most three Sheets requests, however many sales it logs:
1. `read`: the header row, plus the id column when a row must be found (one `values.batchGet`);
2. `append_rows`: every new row in one `values.append` (INSERT_ROWS, so a blank line the person
   left in the log is never written over), RAW so nothing from Conta Azul becomes a formula;
3. `update_rows`: every row kept current in one `values.batchUpdate`, RAW.
"""
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from gspread.exceptions import APIError
from sheets_addon.sheets import FlowSheet
from sheets_addon.sheets import column_letter

SheetRow = Sequence[str | int | float]
_FIRST_ROW = re.compile(r"![A-Z]+(\d+)")


class AppendUnconfirmed(Exception):
    """An append failed in a way that may still have written the rows; the next poll checks the id column."""


@dataclass
class LogSnapshot:
    """The header row as it stands, and the rows where each sale id shows in the id column."""

    headers: list[str]
    rows_by_id: dict[str, int] = field(default_factory=dict)


class LogSheet(FlowSheet):
    """One tab of one spreadsheet, written as a sales log."""

    def read(self, id_column: int | None) -> LogSnapshot:
        """The header row, and with `id_column` (1-based) where every sale id is, in one request."""
        letter = column_letter(id_column) if id_column else None
        ranges = [self._range("1:1")] + ([self._range(f"{letter}2:{letter}")] if letter else [])
        value_ranges = self._batch_get(ranges, "COLUMNS").get("valueRanges", [])
        headers = [str(cells[0]) if cells else "" for cells in value_ranges[0].get("values", [])]
        snapshot = LogSnapshot(headers)
        if letter and value_ranges[1].get("values"):
            for row, value in enumerate(value_ranges[1]["values"][0], start=2):
                if value not in ("", None):
                    snapshot.rows_by_id.setdefault(str(value), row)
        return snapshot

    def append_rows(self, rows: Sequence[SheetRow], width: int) -> int:
        """Appends `rows` below the log in one request; answers the row number of the first one."""
        body = {"values": [list(row) for row in rows], "majorDimension": "ROWS"}
        params = {"valueInputOption": "RAW", "insertDataOption": "INSERT_ROWS"}
        target = self._range(f"A:{column_letter(width)}")

        def append() -> Mapping[str, Any]:
            try:
                return self._http.values_append(self.spreadsheet_id, target, params, body)
            except APIError as error:
                if error.code == 429:  # refused before anything was written: safe to try again
                    raise
                raise AppendUnconfirmed(str(error)) from error

        answer = self._retry.run(append)
        found = _FIRST_ROW.search(str(answer.get("updates", {}).get("updatedRange", "")))
        if not found:
            raise AppendUnconfirmed(f"append answered without a range: {answer}")
        return int(found.group(1))

    def update_rows(self, rows: Mapping[int, SheetRow]) -> None:
        """Rewrites whole rows in place (only the log's own columns), in one request."""
        if not rows:
            return
        data = [{"range": self._range(f"A{number}:{column_letter(len(values))}{number}"), "values": [list(values)]}
                for number, values in sorted(rows.items())]
        body = {"valueInputOption": "RAW", "data": data}
        self._retry.run(lambda: self._http.values_batch_update(self.spreadsheet_id, body))
