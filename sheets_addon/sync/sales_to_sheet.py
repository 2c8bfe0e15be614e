"""Conta Azul → sheet: one poll of a sales log flow.

A poll is a Singer-style stream run. It lists the sales changed since the flow's bookmark
(`data_alteracao`, São Paulo time, minus an overlap so a sale stamped on the edge of the last
poll is not missed), keeps those the filters want, writes every new one in **one append** and
every changed logged one in **one in-place batch**, and only then moves the bookmark.

Exactly once, across restarts and crashes: before the append each new sale is committed to the
ledger as `appending`; after it, as `logged`. A crash in between leaves `appending` entries,
which the next poll settles by looking for their ids in the tab's id column (found: logged,
not written again; not found: appended again). Rows are found by that id column too, so
keep-current updates land on the right row after the person sorted the tab.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from contaazul import ContaAzul
from contaazul.wire import SAO_PAULO, parse_timestamp
from sheets_addon.log_sheet import LogSheet, SheetRow
from sheets_addon.mapping.cells import fold
from sheets_addon.mapping.errors import FlowProblem
from sheets_addon.mapping.fingerprint import fingerprint_of
from sheets_addon.models import Flow, SaleRow
from sheets_addon.sales_log import labels
from sheets_addon.sales_log.columns import ID_COLUMN, LogColumn, resolve_columns
from sheets_addon.sales_log.filters import SaleFilter
from sheets_addon.sales_log.spec import DEFAULT_BACKFILL_DAYS, SalesLogOptions
from sheets_addon.sheets import column_letter
from sheets_addon.sync.flow_problems import problems_reported
from sheets_addon.sync.sale_records import SaleRecords

log = logging.getLogger(__name__)
OVERLAP = timedelta(minutes=10)       # re-read this much before the bookmark: stamps on the edge
CLOCK_SKEW = timedelta(hours=1)       # ask up to this far past our clock: Conta Azul's may run ahead
MAX_SALES_PER_POLL = 2000             # a backfill goes on at the next poll; the bookmark says where
APPENDING, LOGGED = "appending", "logged"


@dataclass
class PollReport:
    """What one poll did, for the CLI, the worker's run log and the tests."""

    flow_id: int
    dry_run: bool = False
    listed: int = 0        # sales changed in the window
    appended: int = 0
    updated: int = 0
    recovered: int = 0     # rows a crashed poll had appended, found in the sheet and recorded
    filtered: int = 0
    unchanged: int = 0
    more: bool = False     # stopped at the per-poll limit; the next poll goes on
    bookmark: str | None = None
    problem: str | None = None
    preview: list[list[Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        names = ("listed", "appended", "updated", "recovered", "filtered", "unchanged", "more", "bookmark")
        return {"flow_id": self.flow_id, "kind": "sales_log", "dry_run": self.dry_run,
                **{name: getattr(self, name) for name in names}, "problem": self.problem}


def run_poll(flow: Flow, session: Session, sheet: LogSheet, client: ContaAzul, *, dry_run: bool = False,
             max_sales: int = MAX_SALES_PER_POLL, now: datetime | None = None) -> PollReport:
    """One poll of a sales log flow; a problem with the flow itself is reported, not raised."""
    report = PollReport(flow.id, dry_run)
    with problems_reported(report):
        _Poll(flow, session, sheet, client, report, dry_run, max_sales, now or datetime.now(UTC)).run()
    log.info("poll finished", extra={"report": report.as_dict()})
    return report


@dataclass
class _Work:
    """The sales of this poll that need writing, and how far the poll got through the window."""

    new: list[dict[str, Any]] = field(default_factory=list)
    changed: list[tuple[dict[str, Any], SaleRow]] = field(default_factory=list)
    unsettled: dict[str, tuple[dict[str, Any], SaleRow]] = field(default_factory=dict)
    reached: datetime | None = None

    @property
    def empty(self) -> bool:
        return not (self.new or self.changed or self.unsettled)


class _Poll:
    def __init__(self, flow: Flow, session: Session, sheet: LogSheet, client: ContaAzul, report: PollReport,
                 dry_run: bool, max_sales: int, now: datetime) -> None:
        self.flow, self.session, self.sheet, self.client, self.report = flow, session, sheet, client, report
        self.dry_run, self.max_sales, self.now = dry_run, max_sales, now
        self.columns = resolve_columns(flow.columns)
        self.filter = SaleFilter.from_list(flow.filters)
        self.options = SalesLogOptions.from_dict(flow.options)
        self.records = SaleRecords(client, self.columns)

    def run(self) -> None:
        sales = self._list_changed()
        ledger = self._ledger({sale["id"] for sale in sales})
        work = self._classify(sales, ledger)
        if not work.empty:
            self._write(work)
        self._advance(work.reached)

    # ---- read Conta Azul ------------------------------------------------------------------

    def _list_changed(self) -> list[dict[str, Any]]:
        """Every sale changed in the window, oldest change first, each once."""
        seller_ids = self.filter.seller_ids(self.client.sales.sellers()) if self.filter.sellers else None
        latest: dict[str, dict[str, Any]] = {}
        for sale in self.client.sales.search(changed_from=self._since() - OVERLAP,
                                             changed_until=self.now + CLOCK_SKEW, seller_ids=seller_ids):
            known = latest.get(sale["id"])
            if known is None or _changed_at(sale) >= _changed_at(known):
                latest[sale["id"]] = sale
        self.report.listed = len(latest)
        return sorted(latest.values(), key=lambda sale: (_changed_at(sale), str(sale.get("numero"))))

    def _since(self) -> datetime:
        stored = (self.flow.bookmark or {}).get("changed_since")
        if stored:
            return datetime.fromisoformat(stored)
        if self.options.start_date:
            return datetime.combine(self.options.start_date, time(), SAO_PAULO)
        return self.now - timedelta(days=DEFAULT_BACKFILL_DAYS)

    def _ledger(self, sale_ids: set[str]) -> dict[str, SaleRow]:
        """The flow's entries for these sales, plus any `appending` one a crash left behind."""
        ids = sorted(sale_ids)
        entries: dict[str, SaleRow] = {}
        for start in range(0, len(ids), 500):
            query = select(SaleRow).where(SaleRow.flow_id == self.flow.id, SaleRow.sale_id.in_(ids[start:start + 500]))
            entries.update({entry.sale_id: entry for entry in self.session.scalars(query)})
        stranded = select(SaleRow).where(SaleRow.flow_id == self.flow.id, SaleRow.state == APPENDING)
        entries.update({entry.sale_id: entry for entry in self.session.scalars(stranded)})
        return entries

    def _classify(self, sales: list[dict[str, Any]], ledger: dict[str, SaleRow]) -> _Work:
        """New, changed and unsettled sales, in change order, up to the per-poll limit."""
        work = _Work()
        for sale in sales:
            entry = ledger.get(sale["id"])
            if len(work.new) + len(work.changed) >= self.max_sales:
                self.report.more = True
                break
            if entry is not None and entry.state == APPENDING:
                work.unsettled[sale["id"]] = (sale, entry)
            elif entry is not None:
                if self.options.keep_current and (entry.changed_at is None or entry.changed_at < _changed_at(sale)):
                    work.changed.append((sale, entry))
                else:
                    self.report.unchanged += 1
            elif self.filter.matches(sale):
                work.new.append(sale)
            else:
                self.report.filtered += 1
            work.reached = _changed_at(sale)
        return work

    # ---- write the sheet -------------------------------------------------------------------

    def _write(self, work: _Work) -> None:
        needs_ids = bool(work.changed or work.unsettled)
        id_position = next(n for n, column in enumerate(self.columns, start=1) if column.key == ID_COLUMN)
        snapshot = self.sheet.read(id_position if needs_ids else None)
        empty_tab = not any(str(header).strip() for header in snapshot.headers)
        if not empty_tab:
            self._check_header(snapshot.headers)
        self._settle(work, snapshot.rows_by_id)
        new_rows = [(sale, self._row(sale)) for sale in work.new]
        updates = self._updates(work.changed, snapshot.rows_by_id)
        if self.dry_run:
            self.report.preview = [values for _sale, values in new_rows]
            self.report.appended, self.report.updated = len(new_rows), len(updates)
            return
        self._append(new_rows, header=empty_tab)
        self.sheet.update_rows({row: values for row, (_entry, values, _sale) in updates.items()})
        for row, (entry, values, sale) in updates.items():
            _record(entry, sale, values, self.columns, row)
        self.report.updated = len(updates)

    def _check_header(self, headers: list[str]) -> None:
        """The log's headers must still be where the flow put them; a renamed or moved one stops the poll."""
        for position, column in enumerate(self.columns, start=1):
            found = str(headers[position - 1]).strip() if position <= len(headers) else ""
            if fold(found) != fold(column.header):
                raise FlowProblem([labels.HEADER_MOVED.format(tab=self.flow.worksheet, letter=column_letter(position),
                                                              expected=column.header, found=found or "(vazio)")])

    def _settle(self, work: _Work, rows_by_id: dict[str, int]) -> None:
        """`appending` entries left by a crash: in the sheet → logged; not there → appended now."""
        for sale_id, (sale, entry) in work.unsettled.items():
            if sale_id in rows_by_id:
                entry.state, entry.row_hint = LOGGED, rows_by_id[sale_id]
                self.report.recovered += 1
            elif self.filter.matches(sale):
                work.new.append(sale)
            else:
                self.session.delete(entry)

    def _row(self, sale: dict[str, Any]) -> list[Any]:
        record = self.records.build(sale)
        return [column.value(record) for column in self.columns]

    def _updates(self, changed: list[tuple[dict[str, Any], SaleRow]],
                 rows_by_id: dict[str, int]) -> dict[int, tuple[SaleRow, list[Any], dict[str, Any]]]:
        """Rows whose sale now shows something else; a row the person deleted is left deleted."""
        updates = {}
        for sale, entry in changed:
            values = self._row(sale)
            row = rows_by_id.get(sale["id"])
            if row is None or _fingerprint(self.columns, values) == entry.fingerprint:
                entry.changed_at = _changed_at(sale)
                self.report.unchanged += 1
            else:
                updates[row] = (entry, values, sale)
        return updates

    def _append(self, new_rows: list[tuple[dict[str, Any], list[Any]]], *, header: bool) -> None:
        """Intent committed, one append, then every row recorded: a crash between is settled next poll."""
        if not new_rows:
            return
        entries = self._intents(new_rows)
        self.session.commit()
        rows: list[SheetRow] = [values for _sale, values in new_rows]
        if header:
            rows.insert(0, [column.header for column in self.columns])
        first = self.sheet.append_rows(rows, len(self.columns)) + (1 if header else 0)
        for offset, ((sale, values), entry) in enumerate(zip(new_rows, entries, strict=True)):
            _record(entry, sale, values, self.columns, first + offset)
        self.report.appended = len(new_rows)

    def _intents(self, new_rows: list[tuple[dict[str, Any], list[Any]]]) -> list[SaleRow]:
        existing = {entry.sale_id: entry for entry in self.session.scalars(
            select(SaleRow).where(SaleRow.flow_id == self.flow.id, SaleRow.state == APPENDING))}
        entries = []
        for sale, values in new_rows:
            entry = existing.get(sale["id"]) or SaleRow(flow_id=self.flow.id, sale_id=sale["id"])
            entry.state, entry.sale_number = APPENDING, _number(sale)
            entry.changed_at, entry.fingerprint = _changed_at(sale), _fingerprint(self.columns, values)
            self.session.add(entry)
            entries.append(entry)
        return entries

    def _advance(self, reached: datetime | None) -> None:
        """Moves the bookmark to the last change this poll covered, with the rows that cover it."""
        if reached is not None and not self.dry_run:
            self.flow.bookmark = {"changed_since": reached.isoformat()}
        self.report.bookmark = (self.flow.bookmark or {}).get("changed_since")
        if self.dry_run:
            self.session.rollback()  # settled entries and the like stay as they were
        else:
            self.session.commit()


def _record(entry: SaleRow, sale: dict[str, Any], values: list[Any], columns: list[LogColumn], row: int) -> None:
    entry.state, entry.row_hint = LOGGED, row
    entry.changed_at, entry.fingerprint = _changed_at(sale), _fingerprint(columns, values)


def _changed_at(sale: dict[str, Any]) -> datetime:
    stamp = sale.get("data_alteracao") or sale.get("criado_em")
    return parse_timestamp(str(stamp)).astimezone(UTC) if stamp else datetime.min.replace(tzinfo=UTC)


def _number(sale: dict[str, Any]) -> int | None:
    number = sale.get("numero")
    return int(number) if isinstance(number, int) or str(number).isdigit() else None


def _fingerprint(columns: list[LogColumn], values: list[Any]) -> str:
    headers = {column.header: column.header for column in columns}
    return fingerprint_of(headers, dict(zip(headers, values, strict=True)))
