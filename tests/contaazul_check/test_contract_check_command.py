"""`flask --app app contaazul check` against the Conta Azul stand-in: every check passes, the probe
person is gone afterwards, and nothing secret is printed, however the command was signed in."""
from __future__ import annotations

import subprocess
import sys

import pytest

from sandbox.contaazul import DEMO_EMAIL, DEMO_PASSWORD
from sheets_addon.connections import oauth_for, save_connection
from sheets_addon.contaazul_check import expectations, probes
from sheets_addon.contaazul_check.expectations import Expectation
from sheets_addon.db import get_session
from sheets_addon.flows.store import find_or_create_user
from sheets_addon.models import ContaAzulConnection
from tests.contaazul_check.check_table import table_rows
from tests.contaazul_check.conftest import WIDE, backend_config
from tests.helpers import PROJECT_ROOT
from tests.wiring import worker_environment

EVERY_CHECK = {value.name for value in vars(expectations).values() if isinstance(value, Expectation)}
READ_ONLY = {probe.expectation.name for probe in probes.READS}


def probes_left(sandbox) -> list[dict]:
    """The stand-in's people that are the check's probe and were not deleted."""
    return [p for p in sandbox.company().people.values()
            if p["nome"].startswith("Azulejo: pessoa de teste") and not p.get("excluido")]


def secrets_printed(output: str, sandbox, *also: str) -> list[str]:
    secrets = [*sandbox.issued_tokens(), sandbox.settings.client_secret, *also]
    return [secret for secret in secrets if secret and secret in output]


def test_every_check_passes_on_the_stand_in_and_the_probe_is_deleted(run_check, contaazul_sandbox):
    run = run_check("--write")
    assert run.exit_code == 0, run.output
    assert set(run.rows) == EVERY_CHECK
    assert {name for name, mark in run.marks().items() if mark != "✓"} == set()
    assert "Conta Azul company: Padaria Aurora" in run.output
    assert f"{len(EVERY_CHECK)} checks: {len(EVERY_CHECK)} ✓" in run.output
    assert "situacao.nome: APROVADO" in run.rows["sales search"].came  # the enum values seen
    assert run.rows["people search"].endpoint == "GET /v1/pessoas"
    assert probes_left(contaazul_sandbox) == []
    assert secrets_printed(run.output, contaazul_sandbox, run.code) == []


def test_without_write_nothing_is_created(run_check, contaazul_sandbox):
    people_before = len(contaazul_sandbox.company().people)
    run = run_check()
    assert run.exit_code == 0, run.output
    assert set(run.rows) == READ_ONLY | {expectations.TOKEN.name}
    assert len(contaazul_sandbox.company().people) == people_before


def test_the_code_may_come_on_stdin_as_the_whole_address(run_check, contaazul_sandbox):
    code = contaazul_sandbox.authorize()
    run = run_check("--code", "-", sign_in=False, input=f"https://www.contaazul.com/?code={code}&state=state\n")
    assert run.exit_code == 0, run.output
    assert run.rows["code traded for tokens"].mark == "✓"
    assert secrets_printed(run.output, contaazul_sandbox, code) == []


def test_a_development_app_signs_in_by_pasting_the_address_bar(database_url, contaazul_sandbox, tmp_path):
    """The command as a person runs it, in a process of its own: it prints the sign-in link, the person
    signs in on Conta Azul's page and pastes the address the browser was sent to."""
    config = {**backend_config(database_url, contaazul_sandbox), "INSTANCE_PATH": tmp_path / "instance"}
    command = subprocess.Popen([sys.executable, "-m", "flask", "--app", "app", "contaazul", "check"],
                               cwd=PROJECT_ROOT, env={**worker_environment(config), **WIDE}, text=True,
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        link = next(line.strip() for line in command.stderr if "/#/oauth/authorize?" in line)
        back = contaazul_sandbox.sign_in(link)  # in a browser: the page, the login, the redirect
        output, errors = command.communicate(f"https://www.contaazul.com/?code={back['code']}&state={back['state']}\n",
                                             timeout=60)
    finally:
        command.kill()
    assert command.returncode == 0, output + errors
    assert {row.mark for row in table_rows(output).values()} == {"✓"}
    assert secrets_printed(output + errors, contaazul_sandbox, back["code"]) == []


def test_an_address_from_another_sign_in_is_refused(database_url, contaazul_sandbox, check_app):
    code = contaazul_sandbox.authorize(state="someone-elses")
    result = check_app().test_cli_runner().invoke(
        args=["contaazul", "check"], input=f"https://www.contaazul.com/?code={code}&state=someone-elses\n")
    assert result.exit_code == 1
    assert "another sign-in" in result.output
    assert code not in result.output


def test_a_stored_connection_is_checked_without_signing_in(check_app, contaazul_sandbox):
    app = check_app()
    with app.app_context():
        connection_id = store_connection(contaazul_sandbox)
    result = app.test_cli_runner().invoke(args=["contaazul", "check", "--connection", str(connection_id), "--write"],
                                          env=WIDE)
    assert result.exit_code == 0, result.output
    rows = table_rows(result.output)
    assert set(rows) == EVERY_CHECK - {expectations.TOKEN.name}
    assert {row.mark for row in rows.values()} == {"✓"}
    assert probes_left(contaazul_sandbox) == []
    assert secrets_printed(result.output, contaazul_sandbox) == []


def store_connection(sandbox) -> int:
    """The demo company connected as a person connects it (sign-in, code, tokens stored encrypted)."""
    from contaazul import ContaAzul, MemoryTokenStore
    from sheets_addon.config import current_settings

    settings = current_settings()
    oauth = oauth_for(settings)
    tokens = oauth.exchange_code(sandbox.authorize(DEMO_EMAIL, DEMO_PASSWORD))
    with ContaAzul(oauth=oauth, token_store=MemoryTokenStore(tokens), api_base_url=sandbox.url) as client:
        company = client.company.get()
    session = get_session()
    connection = save_connection(session, settings, find_or_create_user(session, DEMO_EMAIL), tokens, company)
    session.commit()
    return connection.id


@pytest.mark.parametrize("status", ["disconnected", "missing"])
def test_a_connection_that_cannot_be_used_is_said(check_app, contaazul_sandbox, status):
    app = check_app()
    with app.app_context():
        connection_id = store_connection(contaazul_sandbox)
        session = get_session()
        connection = session.get(ContaAzulConnection, connection_id)
        if status == "missing":
            session.delete(connection)
        else:
            connection.status, connection.encrypted_tokens = "disconnected", None
        session.commit()
    result = app.test_cli_runner().invoke(args=["contaazul", "check", "--connection", str(connection_id)])
    assert result.exit_code == 1
    assert ("no such connection" if status == "missing" else "is not active (disconnected): its company must connect again") \
        in result.output


def test_a_refused_code_says_to_start_again_without_showing_it(run_check, contaazul_sandbox):
    run = run_check("--code", "not-a-code-Zq81", sign_in=False)
    assert run.exit_code == 1
    assert "Conta Azul refused the code" in run.output and "Traceback" not in run.output
    assert "not-a-code-Zq81" not in run.output


def test_code_and_connection_do_not_go_together(run_check):
    run = run_check("--connection", "1")
    assert run.exit_code == 2
    assert "give one" in run.output
