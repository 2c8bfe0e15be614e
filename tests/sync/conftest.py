"""A real client against the Conta Azul stand-in, fast: no rate limits, short retries and waits."""
from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from contaazul import ContaAzul, ContaAzulOAuth, MemoryTokenStore, RateLimit, RateLimiterRegistry, RetryPolicy
from sandbox.contaazul import DEMO_EMAIL, DEMO_PASSWORD
from sheets_addon.sync.actions import ActionContext

FLOW_ID = 7
FAST_RETRIES = RetryPolicy(max_retries=2, base_delay=0.01, max_delay=0.2)


@pytest.fixture
def contaazul_settings(contaazul_settings):
    """The stand-in without rate limits (0 disables them) and with quick protocols."""
    contaazul_settings.rate_per_second = 0
    contaazul_settings.rate_per_minute = 0
    contaazul_settings.protocol_delay_seconds = 0.01
    return contaazul_settings


@pytest.fixture
def ca(contaazul_sandbox, contaazul_settings) -> Iterator[ContaAzul]:
    """A client of the bakery (Padaria Aurora), connected through the stand-in's real sign-in."""
    oauth = ContaAzulOAuth(contaazul_settings.client_id, contaazul_settings.client_secret,
                           contaazul_settings.redirect_uri,
                           authorization_endpoint=contaazul_sandbox.authorization_endpoint,
                           token_endpoint=contaazul_sandbox.token_endpoint, timeout=10)
    state = oauth.new_state()
    store = MemoryTokenStore(oauth.exchange_code(contaazul_sandbox.authorize(DEMO_EMAIL, DEMO_PASSWORD, state)))
    client = ContaAzul(oauth=oauth, token_store=store, api_base_url=contaazul_sandbox.url, retry=FAST_RETRIES,
                       timeout=10, protocol_timeout=5, protocol_poll_interval=0.01,
                       limiter_registry=RateLimiterRegistry(),
                       rate_limit=RateLimit(per_second=10_000, per_minute=1_000_000))
    yield client
    client.close()
    oauth.close()


@pytest.fixture
def make_ctx(ca) -> Callable[..., ActionContext]:
    """A fresh cycle's context (new cache) for the demo company."""
    return lambda **options: ActionContext(client=ca, flow_id=FLOW_ID, **options)


@pytest.fixture
def ctx(make_ctx) -> ActionContext:
    return make_ctx()


@pytest.fixture
def bakery(contaazul_sandbox):
    """The demo company's records, as the stand-in holds them (dicts keyed by uuid)."""
    return contaazul_sandbox.company()
