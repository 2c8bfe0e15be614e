"""One cycle of a sheet → Conta Azul flow: select → read → parse → filter → act → write back.

Three Sheets requests at most (see `sheets_addon.sheets`), every row told what happened to it,
and each record created once: the ledger holds an intent before each create and the record
after it, so a cycle that died halfway is finished by the next one, by looking the record up.
"""
from __future__ import annotations

import json
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from contaazul import ContaAzul
from sheets_addon import messages
from sheets_addon.mapping import check_headers, evaluate_filters, parse_row
from sheets_addon.models import Flow, RowRecord
from sheets_addon.sheets import ControlSnapshot, FlowSheet, Layout
from sheets_addon.sync import row_status
from sheets_addon.sync.flow_problems import problems_reported
from sheets_addon.sync.actions import ActionContext, Created, RowFailure, Unconfirmed, action_for, preview
from sheets_addon.sync.actions.numbering import CycleNumbering, Numbering
from sheets_addon.sync.ledger import DONE, FAILED, PENDING, Ledger
from sheets_addon.sync.units import FINGERPRINT_PREFIX, Unit, build_units, skip_told

log = logging.getLogger(__name__)
MAX_UNITS_PER_CYCLE = 500


@dataclass
class RowPreview:
    """What a dry run would do with a row: the payload it would send, or the status it would write."""

    row: int
    status: str
    payload: dict[str, Any] | None = None
    planned: list[str] = field(default_factory=list)


@dataclass
class CycleReport:
    flow_id: int
    dry_run: bool = False
    candidates: int = 0
    created: int = 0
    recovered: int = 0
    failed: int = 0
    filtered: int = 0
    retry_later: int = 0
    unchanged: int = 0
    deferred: int = 0
    problem: str | None = None
    statuses: dict[int, str] = field(default_factory=dict)
    previews: list[RowPreview] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        counts = {name: getattr(self, name) for name in (
            "candidates", "created", "recovered", "failed", "filtered", "retry_later", "unchanged", "deferred")}
        return {"flow_id": self.flow_id, "dry_run": self.dry_run, **counts, "problem": self.problem}


def run_cycle(flow: Flow, session: Session, sheet: FlowSheet, client: ContaAzul, *,
              dry_run: bool = False, max_units: int = MAX_UNITS_PER_CYCLE,
              keep_going: Callable[[], bool] = lambda: True, numbers: Numbering | None = None) -> CycleReport:
    """Runs one cycle of `flow`; a problem with the flow itself is reported, not raised. Rows
    left when `keep_going` says no (the run lost its lease) are deferred, like those past
    `max_units`: what was done is still written back, the rest waits for the flow's owner.
    New sales' numbers come from `numbers` (`shared_numbers.numbering_for`), else the cycle's own."""
    report = CycleReport(flow.id, dry_run)
    with problems_reported(report):
        _Cycle(flow, session, sheet, client, report, dry_run, max_units, keep_going,
               numbers or CycleNumbering()).run()
    log.info("cycle finished", extra={"report": report.as_dict()})  # "created" is a LogRecord attribute
    return report


class _Cycle:
    def __init__(self, flow: Flow, session: Session, sheet: FlowSheet, client: ContaAzul,
                 report: CycleReport, dry_run: bool, max_units: int, keep_going: Callable[[], bool],
                 numbers: Numbering) -> None:
        self.flow, self.session, self.sheet, self.report = flow, session, sheet, report
        self.dry_run, self.max_units, self.keep_going = dry_run, max_units, keep_going
        self.ledger = Ledger(session, flow.id)
        self.action = action_for(flow.kind)
        self.context = ActionContext(client=client, flow_id=flow.id, dry_run=dry_run,
                                     held_by_another_row=self.ledger.holds, numbers=numbers)
        self.statuses: dict[int, str] = {}
        self.touched: list[RowRecord] = []

    def run(self) -> None:
        snapshot = self.sheet.read_control(self.flow.trigger_column, self.flow.status_column,
                                           Layout.from_dict(self.flow.sheet_layout))
        check_headers(self.flow.kind, self.flow.mapping, snapshot.headers, self.flow.filters)
        candidates = [row for row in sorted(snapshot.triggers)
                      if row_status.is_open(snapshot.statuses.get(row))]
        self.report.candidates = len(candidates)
        rows = self.sheet.read_rows(candidates, snapshot.headers)
        units, records = self._keyed(build_units(self.flow.kind, self._parse_and_filter(rows)), snapshot)
        settled = 0
        for unit in units[: self.max_units]:
            if not self.keep_going():
                break
            self._settle(unit, records.get(unit.row_key), snapshot)
            settled += 1
        self.report.deferred = len(units) - settled  # left for the next cycle
        if not self.dry_run:
            self._write_back(snapshot)

    def _keyed(self, units: list[Unit], snapshot: ControlSnapshot) -> tuple[list[Unit], dict[str, RowRecord]]:
        """The units with their ledger records. An occurrence number whose record is done and
        whose ✔ some row shows belongs to an identical row already told: it is skipped, so an
        open twin never takes that row's record over (and never re-creates instead of recovering)."""
        shown, told = set(snapshot.statuses.values()), set()
        records = self.ledger.load(unit.row_key for unit in units)
        while newly := {key for key, record in records.items() if key not in told and record.state == DONE
                        and record.status_text in shown and key.startswith(FINGERPRINT_PREFIX)}:
            told |= newly
            units = skip_told(units, told)
            records = self.ledger.load(unit.row_key for unit in units)
        return units, records

    def _parse_and_filter(self, rows: Mapping[int, Mapping[str, Any]]) -> list[tuple[int, Any]]:
        passed = []
        for number, row in rows.items():
            reason = evaluate_filters(self.flow.filters, row)
            if reason is None:
                passed.append((number, parse_row(self.flow.kind, self.flow.mapping, row)))
                continue
            self.report.filtered += 1
            self._say(number, row_status.filtered(reason))
        return passed

    def _settle(self, unit: Unit, record: RowRecord | None, snapshot: ControlSnapshot) -> None:
        blank = any(not snapshot.statuses.get(row, "").strip() for row in unit.rows)
        state = record.state if record is not None else None
        if state == DONE and not record.reported and not self.dry_run:
            return self._finish(unit, record, record.status_text or "")  # created; died before writing
        if state == PENDING:
            return self._act(unit, record, recovering=True)  # an intent without a record: look it up
        if state == FAILED and not blank and not record.retryable and record.fingerprint == unit.fingerprint:
            self.report.unchanged += 1  # the same bad row again: nothing new to try
            if not self.dry_run:
                self.ledger.seen_at(record, unit.shown_at)
            return None
        if state == DONE and blank and unit.keyed_by_order and record.fingerprint != unit.fingerprint:
            return self._order_already_sent(unit, record)
        if unit.errors or unit.draft is None:
            return self._fail_rows(unit, record)
        return self._act(unit, record, recovering=False)

    def _order_already_sent(self, unit: Unit, record: RowRecord) -> None:
        """New rows under an order key that already became a sale: say so; the ledger keeps the sale."""
        self.report.failed += 1
        text = row_status.error(messages.STATUS_ORDER_ALREADY_SENT.format(
            order=unit.row_key.removeprefix("order:"), summary=record.status_text or ""))
        for row in unit.rows:
            self._say(row, text)

    def _act(self, unit: Unit, record: RowRecord | None, recovering: bool) -> None:
        if self.dry_run:
            return self._preview(unit, record)
        if recovering:
            found = self.action.find_existing(record.intent, self.context)
            if isinstance(found, RowFailure):  # the lookup itself failed: keep the intent, ask again
                return self._keep_pending(unit, record, record.intent, found.message)
            if found is not None:
                self.report.recovered += isinstance(found, Created)
                return self._settle_outcome(unit, record, found)
        prepared = self.action.prepare(unit.draft, unit.columns, self.context)
        if isinstance(prepared, RowFailure):
            return self._failure(unit, record, prepared)
        intent = self.action.intent(prepared, unit.row_key, self.context)
        record = self.ledger.record_intent(record, unit.row_key, unit.fingerprint, intent, unit.shown_at)
        self.context.on_intent_update = lambda learned: self.ledger.update_intent(record, learned)
        try:
            outcome = self.action.create(prepared, intent, self.context)
        finally:
            self.context.on_intent_update = None
        self.report.created += isinstance(outcome, Created)
        return self._settle_outcome(unit, record, outcome)

    def _preview(self, unit: Unit, record: RowRecord | None) -> None:
        outcome = preview(self.flow.kind, unit.draft, unit.columns, unit.row_key, self.context)
        if isinstance(outcome, RowFailure):
            return self._failure(unit, record, outcome)
        payload = json.loads(outcome.json())
        for row in unit.rows:
            self.report.previews.append(RowPreview(row, messages.STATUS_PREVIEW_READY, payload,
                                                   list(outcome.planned)))
        return None

    def _settle_outcome(self, unit: Unit, record: RowRecord | None,
                        outcome: Created | RowFailure | Unconfirmed) -> None:
        if isinstance(outcome, Created):
            return self._done(unit, record, outcome)
        if isinstance(outcome, Unconfirmed):
            return self._keep_pending(unit, record, outcome.intent, outcome.message)
        return self._failure(unit, record, outcome)

    def _keep_pending(self, unit: Unit, record: RowRecord, intent: Mapping[str, Any], reason: str) -> None:
        """Conta Azul may hold the record: the intent stays so the next cycle looks it up first."""
        text = row_status.retry_later(reason)
        self.report.retry_later += 1
        self.ledger.record_unconfirmed(record, intent, text)
        self._finish(unit, record, text)

    def _done(self, unit: Unit, record: RowRecord, created: Created) -> None:
        text = row_status.done(created.summary, created.id)
        self.ledger.record_done(record, created.id, created.number, text)
        self._finish(unit, record, text)

    def _failure(self, unit: Unit, record: RowRecord | None, failure: RowFailure) -> None:
        if failure.retryable:
            return self._retry(unit, record, failure.message)
        return self._fail(unit, record, row_status.error(failure.message))

    def _retry(self, unit: Unit, record: RowRecord | None, reason: str) -> None:
        text = row_status.retry_later(reason)
        self.report.retry_later += 1
        self._record(unit, record, FAILED, text, retryable=True)

    def _fail(self, unit: Unit, record: RowRecord | None, text: str) -> None:
        self.report.failed += 1
        self._record(unit, record, FAILED, text)

    def _fail_rows(self, unit: Unit, record: RowRecord | None) -> None:
        """Each row shows its own errors; the others of its order say which rows hold it back."""
        self.report.failed += 1
        broken = sorted(unit.errors)
        texts = {row: self._row_error_text(unit, row, broken) for row in unit.rows}
        if not self.dry_run:
            self.touched.append(self.ledger.record_outcome(
                record, unit.row_key, unit.fingerprint, FAILED, texts[broken[0]] if broken else "", unit.shown_at))
        for row, text in texts.items():
            self._say(row, text)

    @staticmethod
    def _row_error_text(unit: Unit, row: int, broken: list[int]) -> str:
        if row in unit.errors:
            return row_status.error(*(error.message for error in unit.errors[row]))
        return row_status.waiting_for(broken)

    def _record(self, unit: Unit, record: RowRecord | None, state: str, text: str,
                retryable: bool = False) -> None:
        if not self.dry_run:
            record = self.ledger.record_outcome(record, unit.row_key, unit.fingerprint, state, text, unit.shown_at,
                                                retryable)
            self.touched.append(record)
        for row in unit.rows:
            self._say(row, text)

    def _finish(self, unit: Unit, record: RowRecord, text: str) -> None:
        self.ledger.seen_at(record, unit.shown_at)
        self.touched.append(record)
        for row in unit.rows:
            self._say(row, text)

    def _say(self, row: int, text: str) -> None:
        self.statuses[row] = text
        self.report.statuses[row] = text
        if self.dry_run:  # a row is either said here or previewed with its payload, never both
            self.report.previews.append(RowPreview(row, text))

    def _write_back(self, snapshot: ControlSnapshot) -> None:
        changed = {row: text for row, text in self.statuses.items() if snapshot.statuses.get(row) != text}
        self.session.commit()  # failures and filter notes, before the sheet shows them
        layout = self.sheet.write_statuses(snapshot.layout, self.flow.status_column, changed)
        self.flow.sheet_layout = layout.as_dict()
        self.ledger.mark_reported(self.touched)
