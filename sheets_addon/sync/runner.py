"""Runs a flow with the clients it needs; the one entry point for the CLI, the API and the worker."""
from __future__ import annotations

import gspread
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from sheets_addon.config import Settings
from sheets_addon.connections import contaazul_client
from sheets_addon.log_sheet import LogSheet
from sheets_addon.models import Flow
from sheets_addon.sales_log import SALES_LOG
from sheets_addon.sheets import FlowSheet
from sheets_addon.sync.sales_to_sheet import PollReport, run_poll
from sheets_addon.sync.sheet_to_contaazul import MAX_UNITS_PER_CYCLE, CycleReport, run_cycle


class FlowNotReady(Exception):
    """The flow cannot run yet (no Conta Azul connection, or a paused one)."""


def run_flow_once(flow: Flow, session: Session, settings: Settings, engine: Engine,
                  sheets: gspread.Client, *, dry_run: bool = False,
                  max_units: int = MAX_UNITS_PER_CYCLE) -> CycleReport | PollReport:
    """One cycle of `flow` (a poll, for a sales log); a cycle acts on at most `max_units` rows, an
    order counting once, and leaves the rest to the next."""
    connection = flow.connection
    if connection is None:
        raise FlowNotReady(f"flow {flow.id} has no Conta Azul connection")
    if connection.status != "active":
        raise FlowNotReady(f"flow {flow.id}: its Conta Azul connection is {connection.status}")
    if flow.kind == SALES_LOG:
        with contaazul_client(settings, engine, connection) as client:
            return run_poll(flow, session, LogSheet(sheets, flow.spreadsheet_id, flow.worksheet), client,
                            dry_run=dry_run)
    sheet = FlowSheet(sheets, flow.spreadsheet_id, flow.worksheet)
    with contaazul_client(settings, engine, connection) as client:
        report = run_cycle(flow, session, sheet, client, dry_run=dry_run, max_units=max_units)
    if not dry_run:
        session.commit()
    return report
