"""`flask --app app sync once FLOW_ID`: run one cycle of a flow now, and print what it did.

A real run takes the flow's lease like a worker's run (`manual_lease`), so it never runs beside
one; a dry run needs none.
"""
from __future__ import annotations

import json

import click
from flask import Flask
from flask.cli import AppGroup

from contaazul import InvalidClientError
from sheets_addon.config import current_settings
from sheets_addon.db import get_engine, get_session
from sheets_addon.google_access import SheetsClients
from sheets_addon.models import Flow
from sheets_addon.spreadsheet_access import SpreadsheetAccessRefused
from sheets_addon.sync.lease import FlowBusy, manual_lease
from sheets_addon.sync.runner import FlowNotReady, run_flow_once
from sheets_addon.sync.runs import MANUAL, run_and_record
from sheets_addon.sync.sales_to_sheet import PollReport
from sheets_addon.sync.sheet_to_contaazul import MAX_UNITS_PER_CYCLE, CycleReport

sync_cli = AppGroup("sync", help="Run flows by hand.")


@sync_cli.command("once")
@click.argument("flow_id", type=int)
@click.option("--dry-run", is_flag=True, help="Show what would be sent; write nothing anywhere.")
@click.option("--max-units", type=click.IntRange(min=1), default=MAX_UNITS_PER_CYCLE, show_default=True,
              help="Act on at most this many rows (an order counts once); the rest wait for the next cycle.")
def once_command(flow_id: int, dry_run: bool, max_units: int) -> None:
    """Run one cycle of FLOW_ID and print its report as JSON."""
    session = get_session()
    flow = session.get(Flow, flow_id)
    if flow is None:
        raise click.ClickException(f"no such flow: {flow_id}")
    try:
        report = _run(flow, dry_run, max_units)
    except FlowNotReady as error:
        raise click.ClickException(str(error)) from None
    except SpreadsheetAccessRefused as refusal:
        raise click.ClickException(f"flow {flow_id}: its owner has not proved lately that they can edit its "
                                   f"spreadsheet ({refusal.code})") from None
    except FlowBusy as error:
        raise click.ClickException(f"{error}; try again in a moment") from None
    except InvalidClientError:
        raise click.ClickException("Conta Azul refused the backend's client credentials: check "
                                   "CONTAAZUL_CLIENT_ID and CONTAAZUL_CLIENT_SECRET") from None
    click.echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
    if report.problem:
        raise SystemExit(1)


def _run(flow: Flow, dry_run: bool, max_units: int) -> CycleReport | PollReport:
    """A dry run only shows; a real one is recorded like every other run."""
    settings, session = current_settings(), get_session()
    sheets = SheetsClients(settings, get_engine())
    if dry_run:
        return run_flow_once(flow, session, settings, get_engine(), sheets, dry_run=True, max_units=max_units)
    with manual_lease(get_engine(), flow.id, settings.WORKER_LEASE_SECONDS) as heartbeat:
        return run_and_record(flow, session, settings, get_engine(), sheets, MANUAL, max_units=max_units,
                              keep_going=heartbeat.held)


def init_app(app: Flask) -> None:
    app.cli.add_command(sync_cli)
