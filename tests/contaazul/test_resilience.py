"""429, 5xx and network failures: retried when safe, never when a create may have landed."""
from __future__ import annotations

import logging
import socket
import threading
import time
from dataclasses import replace
from datetime import datetime, timedelta, timezone

import pytest

from contaazul import (
    ContaAzulOAuth,
    MemoryTokenStore,
    NetworkError,
    RateLimit,
    RateLimitedError,
    RetryPolicy,
    ServerError,
)


def new_person(name: str, cpf: str | None = None) -> dict:
    person = {"nome": name, "tipo_pessoa": "Física", "perfis": [{"tipo_perfil": "Cliente"}]}
    return {**person, "cpf": cpf} if cpf else person


def people_named(ca, name: str) -> int:
    return len(ca.people.find_by_name(name))


def test_429_with_retry_after_is_waited_out(ca, contaazul_sandbox, stats):
    contaazul_sandbox.configure_faults(fail_next=1, fail_status=429)
    assert ca.company.get()["razao_social"]
    assert stats.status(429) == 1


def test_a_429_pauses_every_client_of_the_company(make_client, store, contaazul_sandbox, caplog):
    caplog.set_level(logging.INFO, logger="contaazul")
    first, second = make_client(store), make_client(store)  # same store: same company limiter
    contaazul_sandbox.configure_faults(fail_next=1, fail_status=429)  # with Retry-After: 1
    waiting = threading.Thread(target=first.company.get)
    waiting.start()
    while not any("company_paused=True" in r.getMessage() for r in caplog.records):
        time.sleep(0.005)
    started = time.monotonic()
    second.company.get()
    waiting.join()
    assert time.monotonic() - started > 0.5


@pytest.mark.sandbox(send_retry_after=False)
def test_429_without_retry_after_backs_off(ca, contaazul_sandbox, stats):
    contaazul_sandbox.configure_faults(fail_next=2, fail_status=429)
    started = time.monotonic()
    assert ca.company.get()["razao_social"]
    assert stats.status(429) == 2
    assert time.monotonic() - started < 1.5


def test_the_stand_ins_own_limit_is_recovered_from(make_client, store, contaazul_sandbox, stats):
    contaazul_sandbox.configure_rate_limit(per_second=3, per_minute=600)
    ca = make_client(store, rate_limit=RateLimit(per_second=100, per_minute=6000),
                     retry=RetryPolicy(max_retries=6, base_delay=0.05, max_delay=3))
    for _ in range(7):
        ca.company.get()
    assert stats["rate_limited"] >= 1


@pytest.mark.parametrize("theirs, ours, calls", [(3, 2, 5), (5, 5, 26)], ids=["below it", "at it"])
def test_our_limiter_keeps_us_under_the_stand_ins_limit(make_client, store, contaazul_sandbox, stats,
                                                         theirs, ours, calls):
    """Even at the very same limit: each call counts from its answer, which leaves jitter no room."""
    contaazul_sandbox.configure_rate_limit(per_second=theirs, per_minute=600)
    ca = make_client(store, rate_limit=RateLimit(per_second=ours, per_minute=600))
    for _ in range(calls):
        ca.company.get()
    assert stats["rate_limited"] == 0


def test_429_gives_up_when_retry_after_is_beyond_our_patience(make_client, store, contaazul_sandbox):
    contaazul_sandbox.configure_faults(fail_next=5, fail_status=429)
    ca = make_client(store, retry=RetryPolicy(max_retries=2, base_delay=0.01, max_delay=0.05))
    with pytest.raises(RateLimitedError) as caught:
        ca.company.get()
    assert caught.value.retryable and caught.value.status == 429


def test_a_create_answered_429_is_sent_again_and_created_once(ca, contaazul_sandbox, stats):
    contaazul_sandbox.configure_faults(fail_next=1, fail_status=429)
    created = ca.people.create(new_person("Cliente Limitado"))
    assert created["id"] and stats.status(429) == 1
    assert people_named(ca, "Cliente Limitado") == 1


def test_5xx_on_reads_is_retried(ca, contaazul_sandbox, stats):
    contaazul_sandbox.configure_faults(fail_next=2, fail_status=503)
    assert ca.company.get()["razao_social"]
    assert stats["injected_errors"] == 2


def test_5xx_on_reads_gives_up_after_the_retries(ca, contaazul_sandbox, stats):
    contaazul_sandbox.configure_faults(fail_next=10, fail_status=500)
    before = stats["requests"]
    with pytest.raises(ServerError) as caught:
        ca.company.get()
    assert caught.value.retryable and not caught.value.maybe_applied
    assert stats["requests"] - before == 4  # one try and three retries
    assert caught.value.message == "Ocorreu um erro inesperado no servidor. Tente novamente mais tarde."


def test_a_create_hitting_5xx_is_not_retried_and_says_it_may_have_landed(ca, contaazul_sandbox, stats):
    contaazul_sandbox.configure_faults(fail_next=1, fail_status=500)
    before = stats["requests"]
    with pytest.raises(ServerError) as caught:
        ca.people.create(new_person("Cliente Talvez"))
    assert caught.value.maybe_applied and caught.value.retryable
    assert "look the record up" in str(caught.value)
    assert stats["requests"] - before == 1
    assert people_named(ca, "Cliente Talvez") == 0


def test_a_create_timing_out_is_not_retried(make_client, store, contaazul_sandbox, stats):
    ca = make_client(store, timeout=0.3)
    ca.company.get()
    contaazul_sandbox.configure_faults(latency_ms=800)
    with pytest.raises(NetworkError) as caught:
        ca.people.create(new_person("Cliente Lento"))
    assert caught.value.maybe_applied
    time.sleep(1.0)  # the stand-in finishes what it received
    contaazul_sandbox.configure_faults(latency_ms=0)
    assert people_named(ca, "Cliente Lento") == 1  # so the sync layer must look it up first


def closed_port_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def test_a_closed_port_is_a_network_error(make_client, store):
    ca = make_client(store, api_base_url=closed_port_url())
    with pytest.raises(NetworkError) as caught:
        ca.company.get()
    assert caught.value.retryable and not caught.value.maybe_applied
    with pytest.raises(NetworkError) as caught:
        ca.people.create(new_person("Ninguém"))
    assert not caught.value.maybe_applied  # it never left: safe to send again


def test_the_token_endpoint_unreachable_is_a_network_error(make_client, store):
    dead = ContaAzulOAuth("id", "secret", "http://x/cb", token_endpoint=closed_port_url() + "/oauth/token")
    expiring = replace(store.load(), expires_at=datetime.now(timezone.utc) + timedelta(seconds=1))
    ca = make_client(MemoryTokenStore(expiring), oauth=dead)
    with pytest.raises(NetworkError):
        ca.company.get()
    dead.close()
