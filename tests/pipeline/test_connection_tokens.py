"""Conta Azul tokens live encrypted in the database, and rotate there when the client refreshes."""
from __future__ import annotations

from dataclasses import replace

import pytest
from cryptography.fernet import Fernet
from sqlalchemy import text

from sheets_addon.config import current_settings
from sheets_addon.connections import contaazul_client, secret_box
from sheets_addon.crypto import SecretBox
from sheets_addon.db import get_engine, get_session


def stored_blob(connection_id: int) -> bytes:
    with get_engine().connect() as db:
        return db.execute(text("SELECT encrypted_tokens FROM contaazul_connections WHERE id = :id"),
                          {"id": connection_id}).scalar_one()


def test_tokens_are_unreadable_without_the_key(connection):
    blob = stored_blob(connection.id)
    tokens = secret_box(current_settings()).open(blob)
    assert tokens["access_token"].encode() not in blob
    assert tokens["refresh_token"].encode() not in blob
    with pytest.raises(ValueError, match="cannot be decrypted"):
        SecretBox(Fernet.generate_key()).open(blob)
    assert repr(secret_box(current_settings())) == "SecretBox(<key hidden>)"


def test_a_refresh_rotates_the_stored_pair(connection, contaazul_sandbox):
    before = secret_box(current_settings()).open(stored_blob(connection.id))
    contaazul_sandbox.expire_access_tokens()
    with contaazul_client(current_settings(), get_engine(), connection) as client:
        assert client.company.get()["razao_social"] == "Padaria Aurora Ltda"
    after = secret_box(current_settings()).open(stored_blob(connection.id))
    assert after["refresh_token"] != before["refresh_token"]
    assert after["access_token"] != before["access_token"]
    get_session().refresh(connection)
    assert connection.access_expires_at.isoformat() == after["expires_at"]


def test_the_client_waits_on_protocols_as_configured(connection):
    settings = replace(current_settings(), CONTAAZUL_PROTOCOL_POLL_SECONDS=0.05)
    with contaazul_client(settings, get_engine(), connection) as client:
        assert client.protocol_poll_interval == 0.05
