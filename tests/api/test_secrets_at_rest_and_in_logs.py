"""Conta Azul tokens are unreadable in the database file, and no credential reaches a log line."""
from __future__ import annotations

import logging
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from sheets_addon.config import current_settings
from sheets_addon.db import get_session
from sheets_addon.log import JsonLineFormatter
from sheets_addon.models import ContaAzulConnection
from sheets_addon.connections import secret_box


@pytest.mark.engines("sqlite")  # it reads the SQLite file itself
def test_tokens_are_unreadable_in_the_database_file(api, signed_in, contaazul_sandbox, tmp_path):
    authorize_url = api.post("/api/v1/connections/contaazul/start", headers=signed_in()).json["authorize_url"]
    state = parse_qs(urlparse(authorize_url).query)["state"][0]
    api.get("/api/v1/connections/contaazul/callback",
            query_string={"code": contaazul_sandbox.authorize(state=state), "state": state})
    session = get_session()
    tokens = secret_box(current_settings()).open(session.query(ContaAzulConnection).one().encrypted_tokens)
    session.close()

    stored = b"".join(path.read_bytes() for path in Path(tmp_path).glob("azulejo.db*"))

    for secret in (tokens["access_token"], tokens["refresh_token"], state):
        assert secret.encode() not in stored


def test_no_token_secret_or_id_token_in_any_log_line(api, signed_in, contaazul_sandbox, sheets_sandbox, caplog):
    caplog.set_level(logging.DEBUG)
    id_token = sheets_sandbox.mint_id_token("ana@padariaaurora.com.br")
    headers = {"Authorization": f"Bearer {id_token}"}
    expired = sheets_sandbox.mint_id_token("ana@padariaaurora.com.br", expired=True)
    forged = sheets_sandbox.mint_id_token("ana@padariaaurora.com.br", forged=True)

    authorize_url = api.post("/api/v1/connections/contaazul/start", headers=headers).json["authorize_url"]
    state = parse_qs(urlparse(authorize_url).query)["state"][0]
    before_browser = len(caplog.records)
    code = contaazul_sandbox.authorize(state=state)  # the person's browser, not the backend: its lines are not ours
    browser = caplog.records[before_browser:]
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
    secrets = [id_token, expired, forged, state, code, tokens["access_token"], tokens["refresh_token"],
               contaazul_sandbox.settings.client_secret, *id_token.split(".")[1:]]
    assert any("contaazul connected" in line for line in lines)
    for line in lines:
        for secret in secrets:
            assert secret not in line
