"""Refreshing tokens: proactively, after a 401, once only when many ask at once."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import threading
from dataclasses import replace
from datetime import datetime, timedelta, timezone

import pytest

from contaazul import (
    AuthenticationError,
    ContaAzulOAuth,
    FileTokenStore,
    InvalidGrantError,
    MemoryTokenStore,
    NotConnectedError,
    TokenPair,
)


def test_refreshes_shortly_before_expiry_without_a_401(ca, store, contaazul_sandbox, stats):
    old = store.load()
    store.save(replace(old, expires_at=datetime.now(timezone.utc) + timedelta(seconds=30)))
    ca.company.get()
    assert stats["token_refreshes"] == 1
    assert store.load().access_token != old.access_token
    assert stats.status(401) == 0


def test_expired_token_mid_use_is_refreshed_once_and_the_call_retried(ca, store, contaazul_sandbox, stats):
    ca.company.get()
    old = store.load()
    contaazul_sandbox.expire_access_tokens()
    assert ca.company.get()["razao_social"]
    new = store.load()
    assert new.access_token != old.access_token and new.refresh_token != old.refresh_token
    assert stats["token_refreshes"] == 1
    ca.company.get()
    assert stats["token_refreshes"] == 1


def test_a_create_refused_with_401_is_sent_again_after_refresh_and_created_once(ca, contaazul_sandbox,
                                                                              stats):
    contaazul_sandbox.expire_access_tokens()
    created = ca.people.create({"nome": "Cliente Renovado", "tipo_pessoa": "Física",
                                "perfis": [{"tipo_perfil": "Cliente"}]})
    assert created["id"] and stats["token_refreshes"] == 1 and stats.status(401) == 1
    assert [p["id"] for p in ca.people.find_by_name("Cliente Renovado")] == [created["id"]]


class RejectedAfterRefresh(ContaAzulOAuth):
    """An OAuth client whose fresh access tokens Conta Azul still refuses."""

    def refresh(self, refresh_token: str) -> TokenPair:
        return replace(super().refresh(refresh_token), access_token="refused-access-token")


def test_a_second_401_is_an_authentication_error(make_client, store, contaazul_sandbox,
                                                 contaazul_settings, stats):
    oauth = RejectedAfterRefresh(contaazul_settings.client_id, contaazul_settings.client_secret,
                                 contaazul_settings.redirect_uri, token_endpoint=contaazul_sandbox.token_endpoint)
    ca = make_client(store, oauth=oauth)
    contaazul_sandbox.expire_access_tokens()
    with pytest.raises(AuthenticationError) as caught:
        ca.company.get()
    assert caught.value.status == 401 and not caught.value.retryable
    assert stats["token_refreshes"] == 1 and stats.status(401) == 2
    oauth.close()


def test_a_dead_refresh_token_means_reconnect(ca, store, oauth, contaazul_sandbox):
    oauth.refresh(store.load().refresh_token)  # spent elsewhere, the new pair never saved
    contaazul_sandbox.expire_access_tokens()
    with pytest.raises(InvalidGrantError) as caught:
        ca.company.get()
    assert isinstance(caught.value, AuthenticationError)


def test_an_empty_store_is_not_connected(make_client):
    with pytest.raises(NotConnectedError):
        make_client(MemoryTokenStore()).company.get()


def test_concurrent_threads_refresh_once(make_client, store, contaazul_sandbox, stats):
    clients = [make_client(store) for _ in range(4)]  # separate clients, one shared store
    clients[0].company.get()
    contaazul_sandbox.expire_access_tokens()
    contaazul_sandbox.configure_faults(latency_ms=300)  # every thread sends the old token first
    results, errors = [], []

    def call(client):
        try:
            results.append(client.company.get()["id_empresa"])
        except Exception as exc:  # noqa: BLE001 - collected for the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=call, args=(c,)) for c in clients]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == [] and len(results) == 4
    assert stats["token_refreshes"] == 1
    contaazul_sandbox.configure_faults(latency_ms=0)
    assert make_client(store).company.get()["id_empresa"] == results[0]  # the stored pair works


CHILD = textwrap.dedent("""
    import json, os, sys, time
    from contaazul import ContaAzul, ContaAzulOAuth, FileTokenStore
    url, path, go = sys.argv[1:]
    oauth = ContaAzulOAuth(os.environ["CA_ID"], os.environ["CA_SECRET"], os.environ["CA_REDIRECT"],
                           token_endpoint=url + "/oauth/token")
    client = ContaAzul(oauth=oauth, token_store=FileTokenStore(path), api_base_url=url)
    while not os.path.exists(go):
        time.sleep(0.005)
    try:
        print(json.dumps({"company": client.company.get()["id_empresa"]}))
    except Exception as exc:
        print(json.dumps({"error": type(exc).__name__, "text": str(exc)}))
""")


def test_two_processes_sharing_a_file_store_refresh_once(
    connect, contaazul_sandbox, contaazul_settings, tmp_path, make_client, stats
):
    path = tmp_path / "tokens.json"
    FileTokenStore(path).save(connect())
    contaazul_sandbox.expire_access_tokens()
    contaazul_sandbox.configure_faults(latency_ms=300)
    script, go = tmp_path / "child.py", tmp_path / "go"
    script.write_text(CHILD)
    env = {**os.environ, "CA_ID": contaazul_settings.client_id,
           "CA_SECRET": contaazul_settings.client_secret, "CA_REDIRECT": contaazul_settings.redirect_uri}
    children = [
        subprocess.Popen([sys.executable, str(script), contaazul_sandbox.url, str(path), str(go)],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True)
        for _ in range(2)
    ]
    go.write_text("go")
    outputs = [child.communicate(timeout=60) for child in children]
    answers = [json.loads(out.strip().splitlines()[-1]) for out, _ in outputs]
    assert all("company" in a for a in answers), (answers, [err for _, err in outputs])
    assert stats["token_refreshes"] == 1
    contaazul_sandbox.configure_faults(latency_ms=0)
    assert make_client(FileTokenStore(path)).company.get()["id_empresa"] == answers[0]["company"]
