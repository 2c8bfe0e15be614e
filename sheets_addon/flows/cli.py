"""`flask --app app flows list|import|export`: what an operator runs to manage flows."""
from __future__ import annotations

import json

import click
from flask import Flask
from flask.cli import AppGroup

from sheets_addon.db import get_session
from sheets_addon.flows.spec import FlowSpecError
from sheets_addon.flows.store import export_document, import_document, list_flows

flows_cli = AppGroup("flows", help="Manage flows (import, export, list).")


@flows_cli.command("list")
@click.option("--owner", help="Only the flows of this e-mail.")
def list_command(owner: str | None) -> None:
    """One line per flow: id, state, kind, owner, spreadsheet and tab."""
    for flow in list_flows(get_session(), owner):
        state = "enabled" if flow.enabled else "paused"
        click.echo(f"{flow.id}\t{state}\t{flow.kind}\t{flow.user.email}\t"
                   f"{flow.spreadsheet_id}\t{flow.worksheet}\t{flow.name}")


@flows_cli.command("import")
@click.argument("source", type=click.File("r", encoding="utf-8"))
@click.option("--owner", help="E-mail that owns entries without an \"owner\".")
def import_command(source, owner: str | None) -> None:
    """Create or update the flows described in SOURCE (a JSON file, or - for stdin)."""
    session = get_session()
    try:
        document = json.load(source)
    except json.JSONDecodeError as error:
        raise click.ClickException(f"not valid JSON: {error}") from None
    try:
        flows = import_document(session, document, default_owner=owner)
    except FlowSpecError as error:
        session.rollback()
        raise click.ClickException("\n".join(error.problems)) from None
    session.commit()
    click.echo(f"imported {len(flows)} flow(s): {', '.join(str(flow.id) for flow in flows)}")


@flows_cli.command("export")
@click.argument("flow_ids", nargs=-1, type=int)
@click.option("--owner", help="Only the flows of this e-mail.")
@click.option("--output", "-o", type=click.File("w", encoding="utf-8"), default="-", show_default=True)
def export_command(flow_ids: tuple[int, ...], owner: str | None, output) -> None:
    """Write flows (all, or FLOW_IDS) as a JSON document that `flows import` reads back."""
    flows = list_flows(get_session(), owner)
    if flow_ids:
        missing = set(flow_ids) - {flow.id for flow in flows}
        if missing:
            raise click.ClickException(f"no such flow: {', '.join(map(str, sorted(missing)))}")
        flows = [flow for flow in flows if flow.id in flow_ids]
    json.dump(export_document(flows), output, ensure_ascii=False, indent=2)
    output.write("\n")


def init_app(app: Flask) -> None:
    app.cli.add_command(flows_cli)

