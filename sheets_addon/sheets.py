"""All spreadsheet access, through gspread, batched so a cycle costs at most three requests.

1. `read_control`: the header row and the trigger and status columns, one `values.batchGet`.
2. `read_rows`: only the candidate rows, one `values.batchGet` (typed, unformatted values).
3. `write_statuses`: every status cell of the cycle, one `values.batchUpdate`, written RAW so
   nothing we write can become a formula.

Where the trigger and status columns are is remembered between cycles (`Layout`); a cycle
that finds them moved, or a flow's very first cycle, spends one more read on the header row.
"""
from __future__ import annotations

import logging
import math
import random
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

import gspread
from gspread.exceptions import APIError
from gspread.utils import absolute_range_name, rowcol_to_a1

from contaazul.retry import parse_retry_after
from sheets_addon import messages
from sheets_addon.mapping.cells import CellValue, fold, is_blank

log = logging.getLogger(__name__)
T = TypeVar("T")

UNFORMATTED = {"valueRenderOption": "UNFORMATTED_VALUE", "dateTimeRenderOption": "SERIAL_NUMBER"}
MAX_RANGES_PER_READ = 100
RETRYABLE_STATUSES = frozenset({408, 429, 500, 502, 503, 504})


class SheetLayoutProblem(Exception):
    """The tab or its header row no longer fits the flow; the message says what to fix (pt-BR)."""


@dataclass(frozen=True)
class Layout:
    """Where the flow's columns are: 1-based column numbers, and how wide the header row is."""

    trigger_column: int
    status_column: int | None
    width: int

    def as_dict(self) -> dict[str, Any]:
        return {"trigger_column": self.trigger_column, "status_column": self.status_column,
                "width": self.width}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | None) -> Layout | None:
        if not data or not isinstance(data.get("trigger_column"), int):
            return None
        return cls(data["trigger_column"], data.get("status_column"), int(data.get("width") or 0))


@dataclass
class ControlSnapshot:
    """The header row, plus the trigger and status cells of every row that has one."""

    headers: list[str]
    layout: Layout
    triggers: dict[int, CellValue] = field(default_factory=dict)
    statuses: dict[int, str] = field(default_factory=dict)


@dataclass(frozen=True)
class SheetsRetry:
    """Backoff with jitter for Sheets' per-minute quotas (429) and its passing 5xx errors.

    Google refills a quota by the minute, so a refused call (429) is tried again for a little
    longer than one (`quota_patience` seconds), never sooner than a `Retry-After` says: giving up
    inside the minute failed the whole cycle and doubled the flow's wait for nothing. A 5xx is
    tried `max_attempts` times. Waits grow with full jitter up to `max_delay`, so workers refused
    together do not all come back together.
    """

    max_attempts: int = 6
    base_delay: float = 1.0
    max_delay: float = 32.0
    quota_patience: float = 90.0
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.monotonic

    def run(self, call: Callable[[], T]) -> T:
        started = self.clock()
        attempt = 0
        while True:
            attempt += 1
            try:
                return call()
            except APIError as error:
                waited = self.clock() - started
                if not self._again(error, attempt, waited):
                    raise
                delay = self._delay(error, attempt, waited)
                log.warning("sheets request failed, retrying",
                            extra={"status": error.code, "attempt": attempt, "delay": round(delay, 2)})
                self.sleep(delay)

    def _again(self, error: APIError, attempt: int, waited: float) -> bool:
        if error.code == 429:
            return waited < self.quota_patience
        return error.code in RETRYABLE_STATUSES and attempt < self.max_attempts

    def _delay(self, error: APIError, attempt: int, waited: float) -> float:
        delay = random.uniform(0, min(self.max_delay, self.base_delay * 2**attempt))
        if error.code != 429:
            return delay
        headers = getattr(getattr(error, "response", None), "headers", None) or {}
        told = parse_retry_after(headers.get("Retry-After"))
        if told is not None:
            delay = told + random.uniform(0, self.base_delay)
        return max(0.0, min(delay, self.quota_patience - waited))


# For requests a person waits on (spreadsheet info, preview, run now): a quota refusal is answered at
# once (503 with Retry-After) instead of holding a web thread through Google's minute.
NO_QUOTA_WAIT = SheetsRetry(quota_patience=0.0)
QUOTA_WINDOW_SECONDS = 60  # Google counts its Sheets quotas per minute


def quota_retry_after(error: APIError) -> int:
    """Whole seconds until a refused quota may let a request through: Google's `Retry-After` when it
    sends one (it usually does not), else its window, the most it can take."""
    headers = getattr(getattr(error, "response", None), "headers", None) or {}
    told = parse_retry_after(headers.get("Retry-After"))
    return max(1, math.ceil(told)) if told is not None else QUOTA_WINDOW_SECONDS


class FlowSheet:
    """One tab of one spreadsheet, seen through the few batched calls a cycle needs."""

    def __init__(self, client: gspread.Client, spreadsheet_id: str, worksheet: str,
                 retry: SheetsRetry | None = None) -> None:
        self._http = client.http_client
        self.spreadsheet_id = spreadsheet_id
        self.worksheet = worksheet
        self._retry = retry or SheetsRetry()

    def read_control(self, trigger_header: str, status_header: str, hint: Layout | None) -> ControlSnapshot:
        """Header row + trigger and status columns; re-reads once when the columns moved."""
        if hint is not None:
            snapshot = self._read_columns(hint)
            layout = locate_columns(snapshot.headers, trigger_header, status_header)
            if layout == hint:
                return snapshot
        else:
            layout = locate_columns(self._read_header_row(), trigger_header, status_header)
        return self._read_columns(layout)

    def read_rows(self, row_numbers: Iterable[int], headers: Sequence[str]) -> dict[int, dict[str, CellValue]]:
        """The given rows as {header: value}, in one request; blank cells are ""."""
        numbers = sorted(set(row_numbers))
        if not numbers:
            return {}
        spans = merge_into_spans(numbers, MAX_RANGES_PER_READ)
        last_column = column_letter(max(len(headers), 1))
        ranges = [self._range(f"A{start}:{last_column}{end}") for start, end in spans]
        answer = self._batch_get(ranges, "ROWS")
        wanted = set(numbers)
        rows: dict[int, dict[str, CellValue]] = {}
        for (start, _end), value_range in zip(spans, answer.get("valueRanges", []), strict=True):
            for offset, cells in enumerate(value_range.get("values", [])):
                if start + offset in wanted:
                    rows[start + offset] = _row_dict(headers, cells)
        return {number: rows.get(number, _row_dict(headers, [])) for number in numbers}

    def write_statuses(self, layout: Layout, status_header: str, statuses: Mapping[int, str]) -> Layout:
        """Writes every status cell (and the status header if the column is new) in one request."""
        if not statuses:
            return layout
        column = layout.status_column or layout.width + 1
        data = [{"range": self._range(rowcol_to_a1(row, column)), "values": [[text]]}
                for row, text in sorted(statuses.items())]
        if layout.status_column is None:
            data.insert(0, {"range": self._range(rowcol_to_a1(1, column)), "values": [[status_header]]})
        body = {"valueInputOption": "RAW", "data": data}
        try:
            self._retry.run(lambda: self._http.values_batch_update(self.spreadsheet_id, body))
        except APIError as error:
            if "exceeds grid limits" not in str(error):
                raise
            self._add_column()
            self._retry.run(lambda: self._http.values_batch_update(self.spreadsheet_id, body))
        return Layout(layout.trigger_column, column, max(layout.width, column))

    def _batch_get(self, ranges: list[str], major_dimension: str) -> Mapping[str, Any]:
        params = {**UNFORMATTED, "majorDimension": major_dimension}
        try:
            return self._retry.run(lambda: self._http.values_batch_get(self.spreadsheet_id, ranges, params=params))
        except APIError as error:
            if error.code == 400 and "Unable to parse range" in str(error):
                raise SheetLayoutProblem(messages.SHEET_TAB_MISSING.format(tab=self.worksheet)) from None
            raise

    def _read_header_row(self) -> list[str]:
        rows = self._batch_get([self._range("1:1")], "ROWS").get("valueRanges", [{}])[0].get("values", [])
        return [str(cell) for cell in rows[0]] if rows else []

    def _read_columns(self, layout: Layout) -> ControlSnapshot:
        columns = [layout.trigger_column] + ([layout.status_column] if layout.status_column else [])
        ranges = [self._range("1:1")] + [
            self._range(f"{column_letter(c)}2:{column_letter(c)}") for c in columns]
        value_ranges = self._batch_get(ranges, "COLUMNS").get("valueRanges", [])
        headers = [str(cells[0]) if cells else "" for cells in value_ranges[0].get("values", [])]
        snapshot = ControlSnapshot(headers=headers, layout=layout)
        snapshot.triggers = _column_cells(value_ranges[1])
        if layout.status_column:
            snapshot.statuses = {row: str(value) for row, value in _column_cells(value_ranges[2]).items()}
        return snapshot

    def _add_column(self) -> None:
        sheet_id = self._sheet_id()
        body = {"requests": [{"appendDimension": {"sheetId": sheet_id, "dimension": "COLUMNS", "length": 1}}]}
        self._retry.run(lambda: self._http.batch_update(self.spreadsheet_id, body))

    def _sheet_id(self) -> int:
        metadata = self._retry.run(lambda: self._http.fetch_sheet_metadata(self.spreadsheet_id))
        for sheet in metadata.get("sheets", []):
            if sheet["properties"]["title"] == self.worksheet:
                return sheet["properties"]["sheetId"]
        raise SheetLayoutProblem(messages.SHEET_TAB_MISSING.format(tab=self.worksheet))

    def _range(self, a1: str) -> str:
        return absolute_range_name(self.worksheet, a1)


def locate_columns(headers: Sequence[str], trigger_header: str, status_header: str) -> Layout:
    """Finds the trigger and status columns in the header row (status may not exist yet)."""
    trigger = find_header(headers, trigger_header)
    if trigger is None:
        raise SheetLayoutProblem(messages.SHEET_TRIGGER_MISSING.format(column=trigger_header))
    status = find_header(headers, status_header)
    width = max((n for n, text in enumerate(headers, start=1) if not is_blank(text)), default=0)
    return Layout(trigger, status, width)


def find_header(headers: Sequence[str], wanted: str) -> int | None:
    """1-based column of `wanted`: the exact text first, else the same words loosely."""
    texts = [str(h).strip() for h in headers]
    if wanted.strip() in texts:
        return texts.index(wanted.strip()) + 1
    loose = [fold(text) for text in texts]
    return loose.index(fold(wanted)) + 1 if fold(wanted) and fold(wanted) in loose else None


def merge_into_spans(numbers: Sequence[int], max_spans: int) -> list[tuple[int, int]]:
    """Sorted row numbers as at most `max_spans` (start, end) ranges, reading as few other rows as can be.

    Runs of consecutive rows first; when there are more runs than ranges allowed, only the
    `max_spans - 1` widest gaps between them are kept (the rest are read through). Sorting the
    gaps once keeps this O(n log n); closing the smallest gap one at a time was O(n²), minutes
    for a 100,000-row sheet with every other row ticked.
    """
    runs = [[numbers[0], numbers[0]]]
    for number in numbers[1:]:
        if number == runs[-1][1] + 1:
            runs[-1][1] = number
        else:
            runs.append([number, number])
    if len(runs) <= max_spans:
        return [(start, end) for start, end in runs]
    widest = sorted(range(len(runs) - 1), key=lambda i: runs[i + 1][0] - runs[i][1], reverse=True)
    spans, start = [], 0
    for gap in sorted(widest[: max_spans - 1]):
        spans.append((runs[start][0], runs[gap][1]))
        start = gap + 1
    return spans + [(runs[start][0], runs[-1][1])]


def column_letter(column: int) -> str:
    return rowcol_to_a1(1, column)[:-1]


def _column_cells(value_range: Mapping[str, Any]) -> dict[int, CellValue]:
    cells = value_range.get("values", [[]])[0] if value_range.get("values") else []
    return {row: value for row, value in enumerate(cells, start=2) if not is_blank(value)}


def _row_dict(headers: Sequence[str], cells: Sequence[CellValue]) -> dict[str, CellValue]:
    row: dict[str, CellValue] = {}
    for index, header in enumerate(headers):
        if not is_blank(header) and header not in row:
            row[header] = cells[index] if index < len(cells) else ""
    return row
