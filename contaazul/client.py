"""The `ContaAzul` client: one object per connected company, resources hanging off it.

`_request` is the only place that sends API requests, so it alone knows the rate limiter,
refresh-on-401, retries and error mapping; resources only say what they want.
"""
from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import httpx

from . import wire
from .credentials import Credentials
from .errors import ContaAzulError, error_for_status
from .logs import log_event
from .network import network_error
from .oauth import ContaAzulOAuth
from .paging import STANDARD_PAGE_SIZES, choose_page_size, iterate_pages
from .ratelimit import RateLimit, RateLimiterRegistry, default_registry
from .resources import (
    Categories,
    Company,
    Contracts,
    CostCenters,
    FinancialAccounts,
    Installments,
    Payables,
    People,
    Products,
    Protocols,
    Receivables,
    Sales,
    Services,
)
from .retry import RetryPolicy, parse_retry_after
from .tokens import TokenStore

DEFAULT_API_BASE_URL = "https://api-v2.contaazul.com"
IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "PUT", "DELETE", "OPTIONS"})
USER_AGENT = "azulejo-contaazul/0.1"


@dataclass
class _Call:
    """One logical request, which may be sent several times."""

    method: str
    path: str
    params: list[tuple[str, str]]
    content: str | None
    idempotent: bool
    refreshed: bool = False


class ContaAzul:
    """A client for one connected Conta Azul company.

    `company_key` names the company for the shared rate limiter; by default it comes from the
    token store (`company_key` attribute), so clients sharing a store share the limit.
    `rate_limit` defaults to 10/s and 600/min, `retry` to `RetryPolicy()`.
    `page_size` caps page sizes (the largest each list allows is used by default);
    `protocol_timeout`/`protocol_poll_interval` bound the wait for payables and receivables.
    """

    def __init__(
        self,
        *,
        oauth: ContaAzulOAuth,
        token_store: TokenStore,
        api_base_url: str = DEFAULT_API_BASE_URL,
        company_key: str | None = None,
        rate_limit: RateLimit | None = None,
        retry: RetryPolicy | None = None,
        timeout: float = 30.0,
        page_size: int | None = None,
        protocol_timeout: float = 30.0,
        protocol_poll_interval: float = 0.5,
        refresh_margin: timedelta = timedelta(minutes=5),
        http_client: httpx.Client | None = None,
        limiter_registry: RateLimiterRegistry = default_registry,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.api_base_url = api_base_url.rstrip("/")
        self.company_key = (company_key or getattr(token_store, "company_key", None)
                            or f"store-{id(token_store)}")
        self.page_size = page_size
        self.protocol_timeout = protocol_timeout
        self.protocol_poll_interval = protocol_poll_interval
        self._credentials = Credentials(oauth, token_store, refresh_margin=refresh_margin)
        self._limiter = limiter_registry.get(self.company_key, rate_limit or RateLimit())
        self._retry = retry or RetryPolicy()
        self._sleep = sleep
        self._owns_http = http_client is None
        self._http = http_client or httpx.Client(timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)))
        self._attach_resources()

    def _attach_resources(self) -> None:
        self.people = People(self)
        self.products = Products(self)
        self.services = Services(self)
        self.sales = Sales(self)
        self.contracts = Contracts(self)
        self.protocols = Protocols(self)
        self.payables = Payables(self)
        self.receivables = Receivables(self)
        self.installments = Installments(self)
        self.categories = Categories(self)
        self.cost_centers = CostCenters(self)
        self.financial_accounts = FinancialAccounts(self)
        self.company = Company(self)

    def __repr__(self) -> str:
        return f"ContaAzul(api_base_url={self.api_base_url!r}, company_key={self.company_key!r})"

    def __enter__(self) -> ContaAzul:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the HTTP connections, unless the caller lent us its own `http_client`."""
        if self._owns_http:
            self._http.close()

    # -- the one place that talks to the API -------------------------------------------------

    def _request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        json: Any = None,
        idempotent: bool | None = None,
    ) -> Any:
        """Send a request, retrying what is safe to retry, and return the decoded answer."""
        method = method.upper()
        call = _Call(
            method=method,
            path=path,
            params=wire.query_params(params),
            content=None if json is None else wire.dumps(json),
            idempotent=method in IDEMPOTENT_METHODS if idempotent is None else idempotent,
        )
        attempt = 0
        while True:
            try:
                return self._attempt(call, attempt)
            except ContaAzulError as error:
                delay = self._retry.delay_for(error, attempt)
                if delay is None:
                    log_event("contaazul.failed", logging.WARNING if error.retryable else logging.INFO,
                              method=method, path=path, status=error.status, attempt=attempt,
                              error=type(error).__name__, maybe_applied=error.maybe_applied or None)
                    raise
                self._wait_before_retry(call, error, delay, attempt)
                attempt += 1

    def _attempt(self, call: _Call, attempt: int) -> Any:
        token = self._credentials.access_token()
        response = self._send(call, token, attempt)
        if response.status_code == 401 and not call.refreshed:
            call.refreshed = True
            token = self._credentials.renew_after_rejection(token)
            response = self._send(call, token, attempt)
        return self._read(call, response)

    def _send(self, call: _Call, token: str, attempt: int) -> httpx.Response:
        with self._limiter.slot() as waited:  # counted from its answer: see contaazul.ratelimit
            started = time.monotonic()
            try:
                response = self._http.request(
                    call.method,
                    self.api_base_url + call.path,
                    params=call.params,
                    content=call.content.encode("utf-8") if call.content is not None else None,
                    headers=self._headers(token, call.content is not None),
                )
            except httpx.TransportError as exc:
                raise network_error(exc, call.method, call.path, idempotent=call.idempotent) from None
        log_event("contaazul.request", method=call.method, path=call.path,
                  status=response.status_code, attempt=attempt,
                  elapsed_ms=int((time.monotonic() - started) * 1000),
                  throttled_ms=int(waited * 1000) or None)
        return response

    @staticmethod
    def _headers(token: str, has_body: bool) -> dict[str, str]:
        headers = {"Authorization": f"Bearer {token}", "Accept": "application/json",
                   "User-Agent": USER_AGENT}
        if has_body:
            headers["Content-Type"] = "application/json; charset=utf-8"
        return headers

    def _read(self, call: _Call, response: httpx.Response) -> Any:
        body = _decode(response)
        if response.is_success:
            return body
        raise error_for_status(
            response.status_code,
            body,
            method=call.method,
            path=call.path,
            maybe_applied=not call.idempotent and response.status_code >= 500,
            retry_after=parse_retry_after(response.headers.get("Retry-After")),
            secrets=self._credentials.secrets(),
        )

    def _wait_before_retry(self, call: _Call, error: ContaAzulError, delay: float, attempt: int) -> None:
        pauses_company = self._retry.pauses_company(error)
        if pauses_company:
            self._limiter.pause(delay)  # every client of the company waits, this one included
        log_event("contaazul.retry", logging.INFO, method=call.method, path=call.path, status=error.status,
                  attempt=attempt, delay=round(delay, 3), error=type(error).__name__,
                  company_paused=pauses_company or None)
        if not pauses_company:
            self._sleep(delay)

    def _pages(
        self, path: str, params: Mapping[str, Any] | None, allowed_sizes: Sequence[int] = STANDARD_PAGE_SIZES
    ) -> Iterator[Any]:
        """Every row of a paged list, whatever its envelope, in allowed page sizes."""
        size = choose_page_size(allowed_sizes, self.page_size)

        def fetch(page: int, page_size: int) -> Any:
            return self._request("GET", path, params={**(params or {}), "pagina": page,
                                                      "tamanho_pagina": page_size})

        return iterate_pages(fetch, size)


def _decode(response: httpx.Response) -> Any:
    if not response.content:
        return None
    try:
        return wire.loads(response.content)
    except ValueError:
        return response.text
