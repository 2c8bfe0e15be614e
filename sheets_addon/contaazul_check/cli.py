"""`flask --app app contaazul check`: Conta Azul's live answers held to what Azulejo relies on.

Run it before going live, with the production app or a development one: it signs in (or uses a
stored connection), calls every endpoint Azulejo uses, read-only, and prints one row per check.
It exits 1 when any answer differs. It never prints a token, a code or a secret.
"""
from __future__ import annotations

import shutil
import sys
from contextlib import closing

import click
import httpx
from flask import Flask
from flask.cli import AppGroup

from contaazul import ContaAzul, ContaAzulError, ContaAzulOAuth, InvalidClientError, InvalidGrantError
from sheets_addon.config import Settings, current_settings
from sheets_addon.connections import oauth_for
from sheets_addon.db import get_session

from .answers import Answer, AnswerLog
from .clients import NoClient, signed_in, stored
from .run import Report, run_checks
from .sign_in import PastedCodeRefused, code_from
from .table import render

contaazul_cli = AppGroup("contaazul", help="Conta Azul as this backend reaches it.")

SIGN_IN_STEPS = """Sign in to Conta Azul as the company to check, in a browser:

  {url}

Conta Azul then sends the browser to the app's redirect URI ({redirect_uri}) with a code in the
address. A development app's is https://www.contaazul.com; the backend's own callback will say the
link is not valid, since the check started it: either way, copy the whole address from the address
bar (or only its code) and paste it here within 3 minutes.
"""


@contaazul_cli.command("check")
@click.option("--code", help="The code Conta Azul sent back, or the whole address it sent the browser to; "
                             "'-' reads it from stdin. Without it, the command prints the sign-in link and asks.")
@click.option("--connection", "connection_id", type=int,
              help="Use this stored connection's tokens instead of signing in.")
@click.option("--write", is_flag=True,
              help="Also create, read back, change and delete a probe person ('Azulejo: pessoa de teste…').")
def check_command(code: str | None, connection_id: int | None, write: bool) -> None:
    """Call every Conta Azul endpoint Azulejo uses and compare each answer's shape with what it expects."""
    if code is not None and connection_id is not None:
        raise click.UsageError("--code signs in afresh; --connection uses a stored connection: give one")
    settings, log = current_settings(), AnswerLog()
    with log.http_client(settings.CONTAAZUL_TIMEOUT_SECONDS) as http:
        if connection_id is not None:
            client, token_answers = _stored(settings, http, connection_id), None
        else:
            client, token_answers = _signed_in(settings, http, log, code)
        with client:
            report = run_checks(client, log, write=write, token_answers=token_answers)
    _print(report, settings)
    if report.failed:
        raise SystemExit(1)


def _stored(settings: Settings, http: httpx.Client, connection_id: int) -> ContaAzul:
    try:
        return stored(get_session(), settings, http, connection_id)
    except NoClient as problem:
        raise click.ClickException(str(problem)) from None


def _signed_in(settings: Settings, http: httpx.Client, log: AnswerLog,
               code: str | None) -> tuple[ContaAzul, list[Answer]]:
    try:
        return signed_in(settings, http, log, _code(settings, code))
    except PastedCodeRefused as refusal:
        raise click.ClickException(str(refusal)) from None
    except InvalidGrantError:
        raise click.ClickException("Conta Azul refused the code: it lasts 3 minutes and works once. "
                                   "Run the command again and paste the new one at once.") from None
    except InvalidClientError:
        raise click.ClickException("Conta Azul refused the backend's client credentials: check CONTAAZUL_CLIENT_ID, "
                                   "CONTAAZUL_CLIENT_SECRET and CONTAAZUL_REDIRECT_URI") from None
    except ContaAzulError as failure:
        raise click.ClickException(f"the code could not be traded: {failure}") from None


def _code(settings: Settings, given: str | None) -> str:
    """The code: given, read from stdin (`-`), or pasted after signing in with the link printed."""
    if given is not None and given != "-":
        return code_from(given, None)
    if given == "-":
        return code_from(sys.stdin.readline(), None)
    state = ContaAzulOAuth.new_state()
    with closing(oauth_for(settings)) as oauth:
        url = oauth.authorize_url(state)
    click.echo(SIGN_IN_STEPS.format(url=url, redirect_uri=settings.CONTAAZUL_REDIRECT_URI), err=True)
    if sys.stdin.isatty():
        pasted = click.prompt("Address or code", err=True)
    else:
        pasted = sys.stdin.readline()
    return code_from(pasted, state)


def _print(report: Report, settings: Settings) -> None:
    company = report.company or {}
    name = company.get("nome_fantasia") or company.get("razao_social") or "(the company did not say its name)"
    click.echo(f"Conta Azul company: {name}, through {settings.CONTAAZUL_API_BASE_URL}\n")
    click.echo(render(report.rows, shutil.get_terminal_size((120, 24)).columns))
    if report.left_behind:
        click.echo(f"\nThe probe person '{report.left_behind}' may still be in Conta Azul: delete it there by hand.")


def init_app(app: Flask) -> None:
    app.cli.add_command(contaazul_cli)
