"""Conta Azul and Google tokens are unreadable in the database file, and no credential (the service
account's private key included) reaches a log line."""
from __future__ import annotations

import json
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from sandbox.contaazul import DEMO_EMAIL
from sheets_addon import messages
from sheets_addon.config import current_settings
from sheets_addon.db import get_session
from sheets_addon.log import JsonLineFormatter
from sheets_addon.models import ContaAzulConnection, GoogleConnection
from sheets_addon.connections import secret_box
from sheets_addon.connect_browsers import BROWSER_COOKIE
from tests import wiring
from tests.api.connect_steps import (
    GOOGLE_CALLBACK,
    callback,
    open_link,
    sign_in_at_contaazul,
    start,
    state_of,
    to_contaazul,
)

CUSTOMERS = {"Clientes": [["Nome", "Enviar?"], ["Maria Souza", "sim"]]}


@pytest.mark.engines("sqlite")  # it reads the SQLite file itself
def test_tokens_are_unreadable_in_the_database_file(api, signed_in, contaazul_sandbox, sheets_sandbox, tmp_path):
    authorize_url = to_contaazul(api, sheets_sandbox, start(api, signed_in()))
    state = state_of(authorize_url)
    assert callback(api, sign_in_at_contaazul(contaazul_sandbox, authorize_url)).status_code == 200
    session = get_session()
    tokens = secret_box(current_settings()).open(session.query(ContaAzulConnection).one().encrypted_tokens)
    session.close()

    stored = b"".join(path.read_bytes() for path in Path(tmp_path).glob("azulejo.db*"))

    for secret in (tokens["access_token"], tokens["refresh_token"], state, api.cookie(BROWSER_COOKIE)):
        assert secret.encode() not in stored


def test_no_token_secret_or_id_token_in_any_log_line(api, signed_in, contaazul_sandbox, sheets_sandbox, caplog):
    caplog.set_level(logging.DEBUG)
    id_token = sheets_sandbox.mint_id_token("ana@padariaaurora.com.br")
    headers = {"Authorization": f"Bearer {id_token}"}
    expired = sheets_sandbox.mint_id_token("ana@padariaaurora.com.br", expired=True)
    forged = sheets_sandbox.mint_id_token("ana@padariaaurora.com.br", forged=True)

    link = start(api, headers)
    state = state_of(link)
    browser: list[logging.LogRecord] = []  # the person's browser at the stand-ins, not the backend: not our lines
    signed_in_at_google = at_the_stand_in(caplog, browser, lambda: sheets_sandbox.consent(
        open_link(api, link).headers["Location"], DEMO_EMAIL))
    assert api.get(GOOGLE_CALLBACK, query_string=signed_in_at_google).status_code == 303
    code = at_the_stand_in(caplog, browser, lambda: contaazul_sandbox.authorize(state=state))
    api.get("/api/v1/connections/contaazul/callback", query_string={"code": code, "state": state})
    api.get("/api/v1/connections/contaazul/callback", query_string={"code": code, "state": state})
    for bad in (expired, forged):
        api.get("/api/v1/me", headers={"Authorization": f"Bearer {bad}"})
    connection_id = api.get("/api/v1/connections", headers=headers).json["connections"][0]["id"]
    session = get_session()
    tokens = secret_box(current_settings()).open(session.get(ContaAzulConnection, connection_id).encrypted_tokens)
    api.post(f"/api/v1/connections/{connection_id}/disconnect", headers=headers)

    formatter = JsonLineFormatter()
    records = [record for record in caplog.records if record not in browser]
    ours = [record for record in records if record.name.split(".")[0] in ("sheets_addon", "contaazul")]
    # What operators see is every line formatted (and scrubbed); our own code must not log secrets at all.
    lines = [formatter.format(record) for record in records] + [record.getMessage() for record in ours]
    secrets = [id_token, expired, forged, state, code, signed_in_at_google["code"], api.cookie(BROWSER_COOKIE),
               tokens["access_token"], tokens["refresh_token"], contaazul_sandbox.settings.client_secret,
               *id_token.split(".")[1:]]
    assert any("contaazul connected" in line for line in lines)
    for line in lines:
        for secret in secrets:
            assert secret not in line


def at_the_stand_in(caplog, browser: list, step: Callable[[], Any]) -> Any:
    """A step of the person's browser at a stand-in's page: the log records it makes go to `browser`."""
    before = len(caplog.records)
    result = step()
    browser.extend(caplog.records[before:])
    return result


def _connect_google(api, headers, sheets_sandbox, caplog=None, browser: list | None = None) -> dict[str, str]:
    """The whole consent; answers the query Google's page sent the browser back with (code, state).
    The log records of the person's browser (not the backend's) are added to `browser`."""
    begun = open_link(api, start(api, headers, "google"))
    before_browser = len(caplog.records) if caplog is not None else 0
    query = sheets_sandbox.consent(begun.headers["Location"], "ana@padariaaurora.com.br")
    if browser is not None:
        browser.extend(caplog.records[before_browser:])
    assert api.get(GOOGLE_CALLBACK, query_string=query).status_code == 200
    return query


def _stored_google_tokens() -> dict[str, str]:
    session = get_session()
    tokens = secret_box(current_settings()).open(session.query(GoogleConnection).one().encrypted_tokens)
    session.close()
    return tokens


@pytest.mark.engines("sqlite")  # it reads the SQLite file itself
def test_google_tokens_are_unreadable_in_the_database_file(api, signed_in, sheets_sandbox, tmp_path):
    sheet = sheets_sandbox.create_spreadsheet("Privada", {"Aba": [["A"]]}, owner="ana@padariaaurora.com.br")
    query = _connect_google(api, signed_in(), sheets_sandbox)
    first = _stored_google_tokens()
    sheets_sandbox.expire_access_tokens()
    assert api.get(f"/api/v1/spreadsheets/{sheet}", headers=signed_in()).status_code == 200  # refreshed, stored
    refreshed = _stored_google_tokens()

    stored = b"".join(path.read_bytes() for path in Path(tmp_path).glob("azulejo.db*"))

    assert refreshed["access_token"] != first["access_token"]
    for secret in (first["refresh_token"], first["access_token"], refreshed["access_token"], query["code"],
                   query["state"], current_settings().GOOGLE_OAUTH_CLIENT_SECRET):
        assert secret.encode() not in stored


def test_no_google_token_code_or_secret_in_any_log_line(api, signed_in, sheets_sandbox, caplog):
    """Consent, refresh, a refused refresh, a reconnect and a disconnect: nothing secret in any line."""
    caplog.set_level(logging.DEBUG)
    headers = signed_in()
    sheet = sheets_sandbox.create_spreadsheet("Privada", {"Aba": [["A"]]}, owner="ana@padariaaurora.com.br")
    browser: list[logging.LogRecord] = []
    first = _connect_google(api, headers, sheets_sandbox, caplog, browser)
    sheets_sandbox.expire_access_tokens()
    api.get(f"/api/v1/spreadsheets/{sheet}", headers=headers)
    refused_token = _stored_google_tokens()["refresh_token"]
    sheets_sandbox.revoke_consent("ana@padariaaurora.com.br")
    sheets_sandbox.expire_access_tokens()
    refused = api.get(f"/api/v1/spreadsheets/{sheet}", headers=headers)
    second = _connect_google(api, headers, sheets_sandbox, caplog, browser)
    last_token = _stored_google_tokens()["refresh_token"]
    api.post("/api/v1/connections/google/disconnect", headers=headers)

    oauth = sheets_sandbox.world.oauth
    issued = [*oauth.access_tokens, *oauth.refresh_tokens]
    jwt_header = sheets_sandbox.mint_id_token("x@example.com").split(".")[0]  # every ID token the stand-in signs
    records = [record for record in caplog.records if record not in browser]
    ours = [record for record in records if record.name.split(".")[0] in ("sheets_addon", "contaazul")]
    formatter = JsonLineFormatter()
    lines = [formatter.format(record) for record in records] + [record.getMessage() for record in ours]
    secrets = [*issued, refused_token, last_token, first["code"], first["state"], second["code"], second["state"],
               current_settings().GOOGLE_OAUTH_CLIENT_SECRET, jwt_header]
    assert refused.status_code == 409 and len(issued) >= 5
    assert any("google refresh refused" in line for line in lines) and any("google disconnected" in line
                                                                          for line in lines)
    for line in lines:
        for secret in secrets:
            assert secret not in line


def test_the_service_accounts_key_and_tokens_are_in_no_log_line_or_answer(api, signed_in, sheets_sandbox,
                                                                          contaazul_sandbox, caplog):
    """Token fetched and used, a sheet refused, a token expired and its next assertion refused."""
    caplog.set_level(logging.DEBUG)
    key = json.loads(Path(current_settings().GOOGLE_SERVICE_ACCOUNT_FILE).read_text())
    me = api.get("/api/v1/me", headers=signed_in())
    connection = wiring.connect_demo_company(contaazul_sandbox)
    shared = sheets_sandbox.create_spreadsheet("Clientes", CUSTOMERS, owner=DEMO_EMAIL,
                                               shared_with={key["client_email"]: "writer"})
    private = sheets_sandbox.create_spreadsheet("Privada", CUSTOMERS, owner=DEMO_EMAIL)
    flows = [wiring.make_flow(connection, "customer", sheet, {"name": "Nome"}, worksheet="Clientes",
                              prove=sheet == shared) for sheet in (shared, private)]
    refused_sheet = api.get(f"/api/v1/spreadsheets/{private}", headers=signed_in())
    sheets_sandbox.advance_clock(2 * 3600)  # the token expires, and the next assertion looks two hours old
    refused_google = api.post(f"/api/v1/flows/{flows[0].id}/run", headers=signed_in())

    with sheets_sandbox.world.lock:
        tokens = [token for token, access in sheets_sandbox.world.oauth.access_tokens.items()
                  if access.grant.service_account]
    pem_lines = [line for line in key["private_key"].splitlines() if "PRIVATE KEY" not in line]
    formatter = JsonLineFormatter()
    ours = [record for record in caplog.records if record.name.split(".")[0] in ("sheets_addon", "contaazul")]
    lines = ([formatter.format(record) for record in caplog.records] + [record.getMessage() for record in ours]
             + [me.get_data(as_text=True), refused_sheet.get_data(as_text=True), refused_google.get_data(as_text=True)])
    assert refused_sheet.status_code == 403
    assert refused_google.json["problem"] == messages.GOOGLE_SERVICE_ACCOUNT_REFUSED
    assert len(tokens) == 1 and len(pem_lines) > 20
    assert any("google refused the service account's token request" in line for line in lines)
    for line in lines:
        for secret in [*tokens, *pem_lines]:
            assert secret not in line
