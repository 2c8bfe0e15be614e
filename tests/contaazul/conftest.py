"""Fixtures wiring the client to a live Conta Azul stand-in over real HTTP."""
from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from contaazul import (
    ContaAzul,
    ContaAzulOAuth,
    MemoryTokenStore,
    RateLimit,
    RateLimiterRegistry,
    RetryPolicy,
    TokenPair,
    TokenStore,
)
from sandbox.contaazul import DEMO_EMAIL, DEMO_PASSWORD

FAST_RETRIES = RetryPolicy(max_retries=3, base_delay=0.01, max_delay=2.0)


@pytest.fixture
def oauth(contaazul_sandbox, contaazul_settings) -> Iterator[ContaAzulOAuth]:
    client = ContaAzulOAuth(
        contaazul_settings.client_id,
        contaazul_settings.client_secret,
        contaazul_settings.redirect_uri,
        authorization_endpoint=contaazul_sandbox.authorization_endpoint,
        token_endpoint=contaazul_sandbox.token_endpoint,
        timeout=10,
    )
    yield client
    client.close()


@pytest.fixture
def connect(oauth, contaazul_sandbox) -> Callable[..., TokenPair]:
    """Run the whole sign-in: authorize URL's state, the stand-in's login form, code exchange."""

    def _connect(email: str = DEMO_EMAIL, password: str = DEMO_PASSWORD) -> TokenPair:
        state = oauth.new_state()
        code = contaazul_sandbox.authorize(email, password, state=state)
        return oauth.exchange_code(code)

    return _connect


@pytest.fixture
def store(connect) -> MemoryTokenStore:
    return MemoryTokenStore(connect())


@pytest.fixture
def make_client(oauth, contaazul_sandbox) -> Iterator[Callable[..., ContaAzul]]:
    """Clients with fast retries, sharing one limiter registry of their own, closed after the test.

    Their limit is 8/s against the stand-in's 10/s: our windows count when a request leaves,
    the stand-in's when it arrives, and network jitter between the two must not cause 429s.
    """
    made: list[ContaAzul] = []
    registry = RateLimiterRegistry()

    def _make(token_store: TokenStore, **overrides) -> ContaAzul:
        options = dict(
            oauth=oauth,
            token_store=token_store,
            api_base_url=contaazul_sandbox.url,
            retry=FAST_RETRIES,
            timeout=10,
            protocol_timeout=5,
            protocol_poll_interval=0.05,
            limiter_registry=registry,
            rate_limit=RateLimit(per_second=8, per_minute=500),
        )
        options.update(overrides)
        client = ContaAzul(**options)
        made.append(client)
        return client

    yield _make
    for client in made:
        client.close()


@pytest.fixture
def ca(make_client, store) -> ContaAzul:
    """A client connected to the demo company."""
    return make_client(store)


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "sandbox(**settings): SandboxSettings fields to change before the stand-in starts")


@pytest.fixture
def contaazul_settings(contaazul_settings, request):
    """The shared stand-in settings, with a test's `@pytest.mark.sandbox(...)` changes applied."""
    marker = request.node.get_closest_marker("sandbox")
    for name, value in (marker.kwargs if marker else {}).items():
        setattr(contaazul_settings, name, value)
    return contaazul_settings


class StandInStats:
    """Counters the stand-in keeps, read fresh each time."""

    def __init__(self, sandbox) -> None:
        self._sandbox = sandbox

    def __getitem__(self, name: str) -> int:
        return self._sandbox.stats()[name]

    def answered(self) -> int:
        """Requests answered 200: the pages a listing really cost, not counting 429 retries."""
        return self.status(200)

    def status(self, code: int) -> int:
        by_status = self._sandbox.stats()["by_status"]
        return by_status.get(code, by_status.get(str(code), 0))


@pytest.fixture
def stats(contaazul_sandbox) -> StandInStats:
    return StandInStats(contaazul_sandbox)


def _check_digit(digits: list[int], weights: range) -> int:
    remainder = sum(d * w for d, w in zip(digits, weights, strict=False)) % 11
    return 0 if remainder < 2 else 11 - remainder


def valid_cpf(seed: int) -> str:
    """A CPF with correct check digits, formatted as people type it."""
    base = [int(c) for c in f"{seed:09d}"[-9:]]
    base.append(_check_digit(base, range(10, 1, -1)))
    base.append(_check_digit(base, range(11, 1, -1)))
    text = "".join(map(str, base))
    return f"{text[:3]}.{text[3:6]}.{text[6:9]}-{text[9:]}"


@pytest.fixture
def new_cpf() -> Callable[[], str]:
    """A fresh valid CPF on each call."""
    counter = iter(range(123_456_001, 999_999_999, 7919))
    return lambda: valid_cpf(next(counter))


@pytest.fixture
def customer(ca, new_cpf) -> dict:
    """A client (person) created for the test."""
    return ca.people.create({"nome": "Cliente de Teste", "tipo_pessoa": "Física", "cpf": new_cpf(),
                             "perfis": [{"tipo_perfil": "Cliente"}]})
