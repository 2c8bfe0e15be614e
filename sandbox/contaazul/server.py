"""SandboxServer: the stand-in on a real local port, in a thread, with the test controls at hand."""
from __future__ import annotations

from urllib.parse import parse_qs, urlencode, urlparse

import httpx

from ..serving import LocalServer
from . import control, demo, tokens
from .app import create_app
from .context import EXTENSION
from .settings import SandboxSettings
from .world import World


class SandboxLoginError(RuntimeError):
    """The login form did not send the browser back with a code (wrong password, refused client)."""


class SandboxServer(LocalServer):
    """A Conta Azul stand-in serving on 127.0.0.1 (port 0 = a free one) until stopped.

    Use as a context manager. `url` is both the API base and the OAuth base.
    """

    thread_name = "contaazul-sandbox"

    def __init__(self, settings: SandboxSettings | None = None, host: str = "127.0.0.1", port: int = 0):
        self.settings = settings or SandboxSettings()
        super().__init__(create_app(self.settings), host, port)

    @property
    def state(self) -> World:
        """The in-memory world, for assertions (take `state.lock` to read while requests run)."""
        return self.app.extensions[EXTENSION]

    def authorize_url(self, state: str = "state", redirect_uri: str | None = None) -> str:
        query = {"response_type": "code", "client_id": self.settings.client_id,
                 "redirect_uri": redirect_uri or self.settings.redirect_uri, "state": state, "scope": tokens.SCOPE}
        return f"{self.url}/oauth2/authorize?{urlencode(query)}"

    def authorize(self, email: str = demo.DEMO_EMAIL, password: str = demo.DEMO_PASSWORD,
                  state: str = "state") -> str:
        """Signs in through the real HTML form over HTTP, as a browser would; answers the code."""
        with httpx.Client(timeout=10) as browser:
            page = browser.get(self.authorize_url(state))
            page.raise_for_status()
            form = {"response_type": "code", "client_id": self.settings.client_id,
                    "redirect_uri": self.settings.redirect_uri, "state": state, "scope": tokens.SCOPE,
                    "email": email, "password": password, "action": "authorize"}
            answer = browser.post(f"{self.url}/login", data=form)
        location = answer.headers.get("Location", "")
        code = parse_qs(urlparse(location).query).get("code")
        if answer.status_code != 302 or not code:
            raise SandboxLoginError(f"login did not return a code (status {answer.status_code})")
        return code[0]

    def obtain_tokens(self, email: str = demo.DEMO_EMAIL, password: str = demo.DEMO_PASSWORD) -> dict:
        """Signs in and exchanges the code at the token endpoint: the token answer as JSON."""
        code = self.authorize(email, password)
        answer = httpx.post(f"{self.url}/oauth2/token", auth=(self.settings.client_id, self.settings.client_secret),
                            data={"grant_type": "authorization_code", "code": code,
                                  "redirect_uri": self.settings.redirect_uri}, timeout=10)
        answer.raise_for_status()
        return answer.json()

    def expire_access_tokens(self) -> int:
        return tokens.expire_access_tokens(self.state)

    def advance_clock(self, seconds: float) -> str:
        return control.advance_clock(self.state, seconds)

    def configure_faults(self, error_rate: float | None = None, latency_ms: int | None = None,
                         fail_next: int | None = None, fail_status: int | None = None,
                         token_endpoint: bool | None = None) -> dict:
        return control.configure_faults(self.state, error_rate, latency_ms, fail_next, fail_status, token_endpoint)

    def configure_rate_limit(self, per_second: int | None = None, per_minute: int | None = None,
                             send_retry_after: bool | None = None) -> dict:
        return control.configure_rate_limit(self.state, per_second, per_minute, send_retry_after)

    def seed(self, kind: str, count: int, email: str = demo.DEMO_EMAIL) -> list[str]:
        return demo.seed(self.state, kind, count, email)

    def change_sale_situation(self, sale_id: str, situation: str, email: str = demo.DEMO_EMAIL) -> dict:
        return control.change_sale_situation(self.state, sale_id, situation, email)

    def add_company(self, email: str, password: str, razao_social: str = "", like: str = demo.DEMO_EMAIL):
        """Another tenant with its own login (and rate limit), set up like the demo company `like`."""
        return demo.add_company(self.state, email, password, razao_social, like)

    def issued_tokens(self) -> list[str]:
        """Every access and refresh token issued so far, spent ones included."""
        return self.state.issued_tokens()

    def stats(self) -> dict:
        return self.state.stats_snapshot()

    def reset_stats(self) -> None:
        self.state.reset_stats()

    def company(self, email: str = demo.DEMO_EMAIL):
        """The demo company a login belongs to (its records are plain dicts keyed by uuid)."""
        return self.state.company_by_login(email)
