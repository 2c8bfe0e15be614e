"""Runs a flow with the clients it needs; the one entry point for the CLI, the API and the worker."""
from __future__ import annotations

from collections.abc import Callable

import gspread
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from sheets_addon import messages
from sheets_addon.config import Settings
from sheets_addon.connections import contaazul_client
from sheets_addon.google_access import GoogleAccessNotConfigured, SheetsClients
from sheets_addon.google_connections import GoogleReconnectNeeded
from sheets_addon.log_sheet import LogSheet
from sheets_addon.models import Flow, utcnow
from sheets_addon.sales_log import SALES_LOG
from sheets_addon.shared_numbers import numbering_for
from sheets_addon.sheets import FlowSheet
from sheets_addon.spreadsheet_access import require as require_spreadsheet_access
from sheets_addon.sync.flow_problems import problems_reported
from sheets_addon.sync.sales_to_sheet import PollReport, run_poll
from sheets_addon.sync.sheet_to_contaazul import MAX_UNITS_PER_CYCLE, CycleReport, run_cycle


class FlowNotReady(Exception):
    """The flow cannot run yet: no Conta Azul connection, a paused one, or no way to its sheet.

    `code` and the Portuguese `message` tell the person which.
    """

    def __init__(self, reason: str, code: str = "connection_not_active",
                 message: str = messages.FLOW_CONNECTION_NOT_ACTIVE) -> None:
        super().__init__(reason)
        self.code, self.message = code, message


def run_flow_once(flow: Flow, session: Session, settings: Settings, engine: Engine,
                  sheets_clients: SheetsClients, *, dry_run: bool = False,
                  max_units: int = MAX_UNITS_PER_CYCLE,
                  keep_going: Callable[[], bool] = lambda: True) -> CycleReport | PollReport:
    """One cycle of `flow` (a poll, for a sales log); a cycle acts on at most `max_units` rows, an
    order counting once, and leaves the rest to the next. The sheet is opened with the flow
    owner's Google access (`sheets_clients`), and only while the owner's proof that they can edit
    it holds (`spreadsheet_access.require`, which raises `SpreadsheetAccessRefused`). A cycle asks
    `keep_going` before each row (an order counting once) and defers the rest when it says no; a
    poll, one read and one append, is not cut."""
    connection = flow.connection
    if connection is None:
        raise FlowNotReady(f"flow {flow.id} has no Conta Azul connection")
    if connection.status != "active":
        raise FlowNotReady(f"flow {flow.id}: its Conta Azul connection is {connection.status}")
    sheets = _owners_sheets(flow, sheets_clients)
    refused = _unproven(flow, session, settings, sheets_clients, dry_run)
    if refused is not None:
        return refused
    if flow.kind == SALES_LOG:
        with contaazul_client(settings, engine, connection) as client:
            log_sheet = LogSheet(sheets, flow.spreadsheet_id, flow.worksheet, sheets_clients.retry)
            return run_poll(flow, session, log_sheet, client, dry_run=dry_run)
    sheet = FlowSheet(sheets, flow.spreadsheet_id, flow.worksheet, sheets_clients.retry)
    with contaazul_client(settings, engine, connection) as client:
        numbers = None if dry_run else numbering_for(engine, client.company_key)
        report = run_cycle(flow, session, sheet, client, dry_run=dry_run, max_units=max_units,
                           keep_going=keep_going, numbers=numbers)
    if not dry_run:
        session.commit()
    return report


def _unproven(flow: Flow, session: Session, settings: Settings, sheets_clients: SheetsClients,
              dry_run: bool) -> CycleReport | PollReport | None:
    """Checks the owner's proof that they can edit the flow's sheet (raising `SpreadsheetAccessRefused`
    when it does not hold); Google failing while the backend renews it as them (their own consent)
    ends the run with the problem a cycle would report, or None when all is well."""
    report = (PollReport if flow.kind == SALES_LOG else CycleReport)(flow_id=flow.id, dry_run=dry_run)
    with problems_reported(report):
        require_spreadsheet_access(session, settings, sheets_clients, flow.user_id, flow.spreadsheet_id, utcnow())
    return report if report.problem else None


def _owners_sheets(flow: Flow, sheets_clients: SheetsClients) -> gspread.Client:
    try:
        return sheets_clients.for_user(flow.user_id)
    except GoogleReconnectNeeded:
        raise FlowNotReady(f"flow {flow.id}: its owner's Google consent was refused", "google_reconnect_needed",
                           messages.GOOGLE_REFRESH_REFUSED) from None
    except GoogleAccessNotConfigured:
        raise FlowNotReady(f"flow {flow.id}: no Google access to its sheet", "google_access_missing",
                           messages.GOOGLE_ACCESS_MISSING) from None
