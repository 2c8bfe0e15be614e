"""Spreadsheets and their tabs (sheets): a grid size and sparse cells, row operations, developer
metadata, snapshots.

Rows are a list of {column: Cell} dicts, so inserting, deleting and sorting rows moves whole
rows the way Sheets does, and a snapshot (for atomic batch updates) is cheap: cells and developer
metadata are immutable.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime

from .a1 import quote_sheet_name
from .cells import Cell

MAX_CELLS = 10_000_000


class GridError(ValueError):
    """An operation that does not fit the sheet (outside its grid, too many cells...)."""


@dataclass
class Sheet:
    """One tab: its properties as the API shows them, and its cells."""

    sheet_id: int
    title: str
    row_count: int = 1000
    column_count: int = 26
    frozen_rows: int = 0
    frozen_columns: int = 0
    hidden: bool = False
    rows: list[dict[int, Cell]] = field(default_factory=list)

    @property
    def quoted_title(self) -> str:
        return quote_sheet_name(self.title)

    def cell(self, row: int, col: int) -> Cell | None:
        return self.rows[row].get(col) if row < len(self.rows) else None

    def put(self, row: int, col: int, cell: Cell | None) -> None:
        """Stores a cell (None or an empty cell without a format removes it)."""
        if cell is None or (cell.is_empty and cell.format is None):
            if row < len(self.rows):
                self.rows[row].pop(col, None)
            return
        while len(self.rows) <= row:
            self.rows.append({})
        self.rows[row][col] = cell

    def row_is_empty(self, row: int, start_col: int = 0, end_col: int | None = None) -> bool:
        if row >= len(self.rows):
            return True
        return not any(cell for col, cell in self.rows[row].items()
                       if not cell.is_empty and col >= start_col and (end_col is None or col < end_col))

    def insert_rows(self, at: int, count: int) -> None:
        """Inserts `count` empty rows before row index `at`; the grid grows (check_grid first)."""
        if at < len(self.rows):
            self.rows[at:at] = [{} for _ in range(count)]
        self.row_count += count

    def delete_rows(self, start: int, end: int) -> None:
        """Deletes rows [start, end); the grid shrinks."""
        if end - start >= self.row_count:
            raise GridError("You can't delete all the rows on the sheet.")
        del self.rows[start:end]
        self.row_count -= end - start

    def insert_columns(self, at: int, count: int) -> None:
        self.rows = [{(col + count if col >= at else col): cell for col, cell in row.items()} for row in self.rows]
        self.column_count += count

    def delete_columns(self, start: int, end: int) -> None:
        if end - start >= self.column_count:
            raise GridError("You can't delete all the columns on the sheet.")
        width = end - start
        self.rows = [{(col - width if col >= end else col): cell for col, cell in row.items()
                      if not start <= col < end} for row in self.rows]
        self.column_count -= width

    def resize(self, rows: int | None = None, columns: int | None = None) -> None:
        """Sets the grid size; cells outside the new grid are lost, as in Sheets."""
        rows = self.row_count if rows is None else rows
        columns = self.column_count if columns is None else columns
        if rows < 1 or columns < 1:
            raise GridError("The grid must have at least one row and one column.")
        del self.rows[rows:]
        if columns < self.column_count:
            self.rows = [{col: cell for col, cell in row.items() if col < columns} for row in self.rows]
        self.row_count, self.column_count = rows, columns

    def snapshot(self) -> "Sheet":
        """A copy that shares the (immutable) cells."""
        return Sheet(self.sheet_id, self.title, self.row_count, self.column_count, self.frozen_rows,
                     self.frozen_columns, self.hidden, [dict(row) for row in self.rows])

    def properties(self, index: int) -> dict:
        """SheetProperties as the API answers them (false and zero fields left out, as protobuf JSON does)."""
        grid: dict = {"rowCount": self.row_count, "columnCount": self.column_count}
        if self.frozen_rows:
            grid["frozenRowCount"] = self.frozen_rows
        if self.frozen_columns:
            grid["frozenColumnCount"] = self.frozen_columns
        properties = {"sheetId": self.sheet_id, "title": self.title, "index": index, "sheetType": "GRID",
                      "gridProperties": grid}
        if self.hidden:
            properties["hidden"] = True
        return properties


DOCUMENT, PROJECT = "DOCUMENT", "PROJECT"


@dataclass(frozen=True)
class DeveloperMetadata:
    """A key (and maybe a value) kept on the spreadsheet or on one of its sheets (`sheet_id`).

    `project` is the developer project whose call created it: PROJECT-visible metadata is seen
    by that project alone, DOCUMENT-visible metadata by every caller who can open the spreadsheet.
    """

    metadata_id: int
    key: str
    value: str
    visibility: str  # DOCUMENT or PROJECT
    project: str
    sheet_id: int | None = None  # None: on the spreadsheet itself

    def visible_to(self, project: str) -> bool:
        return self.visibility == DOCUMENT or self.project == project

    def location_json(self) -> dict:
        if self.sheet_id is None:
            return {"locationType": "SPREADSHEET", "spreadsheet": True}
        return {"locationType": "SHEET", "sheetId": self.sheet_id}

    def as_json(self) -> dict:
        """The DeveloperMetadata resource (an empty value left out, as protobuf JSON does)."""
        answer: dict = {"metadataId": self.metadata_id, "metadataKey": self.key}
        if self.value:
            answer["metadataValue"] = self.value
        answer.update({"location": self.location_json(), "visibility": self.visibility})
        return answer


@dataclass
class Spreadsheet:
    """A spreadsheet (also a Drive file): properties, tabs in order, timestamps."""

    spreadsheet_id: str
    title: str
    locale: str
    time_zone: str
    created: datetime
    modified: datetime
    sheets: list[Sheet] = field(default_factory=list)
    # Sharing (see access.py): no owner means "anyone with the link can edit".
    owner: str | None = None
    writers: set[str] = field(default_factory=set)
    readers: set[str] = field(default_factory=set)
    created_with: str | None = None  # the OAuth client whose token created it (what drive.file reaches)
    developer_metadata: list[DeveloperMetadata] = field(default_factory=list)  # in the order created

    def sheet_named(self, title: str) -> Sheet:
        """The tab with this title (exact, as Google matches it); KeyError when none."""
        for sheet in self.sheets:
            if sheet.title == title:
                return sheet
        raise KeyError(title)

    def sheet_by_id(self, sheet_id: int) -> Sheet:
        for sheet in self.sheets:
            if sheet.sheet_id == sheet_id:
                return sheet
        raise KeyError(sheet_id)

    def remove_sheet(self, sheet: Sheet) -> None:
        """Deletes a tab; its developer metadata goes with it, as Google's does."""
        self.sheets.remove(sheet)
        self.developer_metadata = [item for item in self.developer_metadata if item.sheet_id != sheet.sheet_id]

    def first_visible(self) -> Sheet:
        return next((sheet for sheet in self.sheets if not sheet.hidden), self.sheets[0])

    def check_grid(self, sheet: Sheet | None, rows: int, columns: int) -> None:
        """Refuses a grid size that would take the workbook past Google's limit of cells."""
        others = sum(s.row_count * s.column_count for s in self.sheets if s is not sheet)
        if others + rows * columns > MAX_CELLS:
            raise GridError(f"This action would increase the number of cells in the workbook above the limit "
                            f"of {MAX_CELLS} cells.")

    def snapshot(self) -> tuple:
        """Everything a batch update may change, to put back if one of its requests fails."""
        return ([sheet.snapshot() for sheet in self.sheets], self.title, self.locale, self.time_zone,
                list(self.developer_metadata))

    def restore(self, snapshot: tuple) -> None:
        self.sheets, self.title, self.locale, self.time_zone, self.developer_metadata = snapshot

    def url(self) -> str:
        return f"https://docs.google.com/spreadsheets/d/{self.spreadsheet_id}/edit"

    def as_json(self, shown_metadata: list[DeveloperMetadata] | tuple = ()) -> dict:
        """The Spreadsheet resource without grid data; `shown_metadata` (what the caller may see)
        under the spreadsheet and under each sheet, and left out where there is none."""
        answer: dict = {"spreadsheetId": self.spreadsheet_id,
                        "properties": {"title": self.title, "locale": self.locale, "autoRecalc": "ON_CHANGE",
                                       "timeZone": self.time_zone,
                                       "defaultFormat": {"verticalAlignment": "BOTTOM",
                                                         "wrapStrategy": "OVERFLOW_CELL"}},
                        "sheets": [_with_metadata({"properties": sheet.properties(index)}, shown_metadata,
                                                  sheet.sheet_id) for index, sheet in enumerate(self.sheets)],
                        "spreadsheetUrl": self.url()}
        return _with_metadata(answer, shown_metadata, None)


def _with_metadata(resource: dict, shown: list[DeveloperMetadata] | tuple, sheet_id: int | None) -> dict:
    here = [item.as_json() for item in shown if item.sheet_id == sheet_id]
    if here:
        resource["developerMetadata"] = here
    return resource


@contextmanager
def all_or_nothing(book: Spreadsheet) -> Iterator[None]:
    """Google's batches are atomic: when one part fails, the spreadsheet is put back as it was."""
    snapshot = book.snapshot()
    try:
        yield
    except BaseException:
        book.restore(snapshot)
        raise
