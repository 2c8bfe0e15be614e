"""No token, code or client secret in any log line (any logger, DEBUG) or error text."""
from __future__ import annotations

import base64
import logging
import traceback

import pytest

from contaazul import (
    ContaAzulError,
    InvalidGrantError,
    MemoryTokenStore,
    ServerError,
    ValidationError,
)
from sandbox.contaazul import DEMO_EMAIL, DEMO_PASSWORD


def error_texts(error: BaseException) -> list[str]:
    return [str(error), repr(error), "".join(traceback.format_exception(error))]


def test_secrets_never_reach_logs_or_errors(caplog, oauth, contaazul_sandbox, contaazul_settings,
                                            make_client):
    caplog.set_level(logging.DEBUG)
    for name in ("contaazul", "httpx", "httpcore"):
        caplog.set_level(logging.DEBUG, logger=name)
    basic = base64.b64encode(
        f"{contaazul_settings.client_id}:{contaazul_settings.client_secret}".encode()).decode()
    secrets = {contaazul_settings.client_secret, basic}
    shown: list[str] = []

    code = contaazul_sandbox.authorize(DEMO_EMAIL, DEMO_PASSWORD, state=oauth.new_state())
    caplog.clear()  # from here on, everything is our client's doing
    first = oauth.exchange_code(code)
    secrets |= {code, first.access_token, first.refresh_token}
    store = MemoryTokenStore(first)
    ca = make_client(store)
    ca.company.get()

    contaazul_sandbox.expire_access_tokens()
    ca.company.get()  # 401, refresh, retry
    second = store.load()
    secrets |= {second.access_token, second.refresh_token}
    shown += [repr(first), str(second), repr(store.load()), repr(ca), repr(oauth)]

    failures: list[ContaAzulError] = []
    for attempt in (
        lambda: oauth.refresh(first.refresh_token),  # rotated away: invalid_grant
        lambda: oauth.exchange_code(code),  # used already
        lambda: ca.people.create({"tipo_pessoa": "Física"}),  # no name
    ):
        with pytest.raises(ContaAzulError) as caught:
            attempt()
        failures.append(caught.value)
    contaazul_sandbox.configure_faults(fail_next=1, fail_status=500)
    with pytest.raises(ServerError) as caught:
        ca.people.create({"nome": "X", "tipo_pessoa": "Física"})
    failures.append(caught.value)

    assert isinstance(failures[0], InvalidGrantError) and isinstance(failures[2], ValidationError)
    for failure in failures:
        shown += error_texts(failure)
    shown += [record.getMessage() for record in caplog.records]
    shown += [str(getattr(record, "contaazul", "")) for record in caplog.records]
    shown.append(caplog.text)
    assert any(r.name.startswith("httpcore") for r in caplog.records)  # DEBUG really captured
    assert any(r.name == "contaazul" for r in caplog.records)
    leaks = [(secret[:4], text[:200]) for secret in secrets for text in shown if secret in text]
    assert leaks == []
