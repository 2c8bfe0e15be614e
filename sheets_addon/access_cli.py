"""`flask --app app access forget SPREADSHEET_ID`: an operator cutting people off a spreadsheet at once.

Proofs that a person can edit a sheet hold `SPREADSHEET_ACCESS_MAX_AGE_SECONDS`; forgetting them makes
everyone prove again (their add-ons do it by themselves), which someone removed as an editor cannot.
"""
from __future__ import annotations

import click
from flask import Flask
from flask.cli import AppGroup

from sheets_addon.db import get_session
from sheets_addon.spreadsheet_access import forget

access_cli = AppGroup("access", help="People's proofs that they can edit spreadsheets.")


@access_cli.command("forget")
@click.argument("spreadsheet_id")
@click.option("--person", help="Only this e-mail's proof.")
def forget_command(spreadsheet_id: str, person: str | None) -> None:
    """Forget the proofs for SPREADSHEET_ID: each person's flows there wait until they prove access again."""
    session = get_session()
    forgotten = forget(session, spreadsheet_id, person)
    session.commit()
    click.echo(f"forgot {forgotten} proof(s) for {spreadsheet_id}; their flows there pause at their next run "
               "until each person proves again (their add-on does it when they open the sheet)")


def init_app(app: Flask) -> None:
    app.cli.add_command(access_cli)
