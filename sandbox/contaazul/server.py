"""SandboxServer: the stand-in on a real local port, in a thread, with the test controls at hand."""
from __future__ import annotations

from urllib.parse import parse_qs, urlencode, urlsplit

import httpx

from ..serving import LocalServer
from . import control, demo, tokens
from .app import create_app
from .context import EXTENSION
from .oauth import SIGN_IN_ROUTE
from .settings import SandboxSettings
from .world import World


class SandboxLoginError(RuntimeError):
    """The sign-in did not send the browser back to the app (wrong password, refused client)."""


def oauth_params(url: str) -> dict[str, str]:
    """A URL's parameters: the query after the fragment's route on the current sign-in page
    (`/#/oauth/authorize?…`), else its own query (the old page, or any plain link)."""
    parts = urlsplit(url)
    query = parts.query or parts.fragment.partition("?")[2]
    return {name: values[0] for name, values in parse_qs(query).items()}


class SandboxServer(LocalServer):
    """A Conta Azul stand-in serving on 127.0.0.1 (port 0 = a free one) until stopped.

    Use as a context manager. `url` is the API base; the sign-in page (`authorization_endpoint`)
    and the token endpoint are served there too.
    """

    thread_name = "contaazul-sandbox"

    def __init__(self, settings: SandboxSettings | None = None, host: str = "127.0.0.1", port: int = 0):
        self.settings = settings or SandboxSettings()
        super().__init__(create_app(self.settings), host, port)

    @property
    def state(self) -> World:
        """The in-memory world, for assertions (take `state.lock` to read while requests run)."""
        return self.app.extensions[EXTENSION]

    @property
    def authorization_endpoint(self) -> str:
        """The sign-in page, its route in the fragment as Conta Azul's: the app's CONTAAZUL_AUTHORIZE_URL."""
        return f"{self.url}/#{SIGN_IN_ROUTE}"

    @property
    def token_endpoint(self) -> str:
        """Where codes and refresh tokens are traded: the app's CONTAAZUL_TOKEN_URL."""
        return f"{self.url}/oauth/token"

    def authorize_url(self, state: str = "state", redirect_uri: str | None = None) -> str:
        query = {"response_type": "code", "client_id": self.settings.client_id,
                 "redirect_uri": redirect_uri or self.settings.redirect_uri, "state": state, "scope": tokens.SCOPE}
        return f"{self.authorization_endpoint}?{urlencode(query)}"

    def sign_in(self, authorize_url: str, email: str = demo.DEMO_EMAIL, password: str = demo.DEMO_PASSWORD,
                action: str = "authorize") -> dict[str, str]:
        """What the sign-in page does in a browser, over HTTP: loads (the server sees no fragment),
        reads the parameters from the URL's fragment, asks whether the app may sign in, posts the
        login (or Cancelar: `action="cancel"`). Answers the query the browser is sent back with:
        `code` and `state`, or `error`."""
        page, _, fragment = authorize_url.partition("#")
        if fragment.partition("?")[0] != SIGN_IN_ROUTE:
            raise SandboxLoginError("not the sign-in page's route")
        origin = "{0.scheme}://{0.netloc}".format(urlsplit(page))
        with httpx.Client(timeout=10) as browser:
            browser.get(page).raise_for_status()
            params = oauth_params(authorize_url)
            answer = browser.post(f"{origin}/oauth/sign-in", json={**params, "action": "check"})
            if answer.status_code == 200 and "redirect_to" not in answer.json():
                login = {"email": email, "password": password} if action == "authorize" else {}
                answer = browser.post(f"{origin}/oauth/sign-in", json={**params, "action": action, **login})
        redirect_to = answer.json().get("redirect_to")
        if answer.status_code != 200 or not redirect_to:
            raise SandboxLoginError(f"the sign-in sent nobody back (status {answer.status_code})")
        return oauth_params(redirect_to)

    def authorize(self, email: str = demo.DEMO_EMAIL, password: str = demo.DEMO_PASSWORD,
                  state: str = "state") -> str:
        """Signs in on the sign-in page over HTTP, as a browser would; answers the code."""
        back = self.sign_in(self.authorize_url(state), email, password)
        if "code" not in back:
            raise SandboxLoginError(f"the sign-in sent back {back.get('error')}, not a code")
        return back["code"]

    def obtain_tokens(self, email: str = demo.DEMO_EMAIL, password: str = demo.DEMO_PASSWORD) -> dict:
        """Signs in and exchanges the code at the token endpoint: the token answer as JSON."""
        code = self.authorize(email, password)
        answer = httpx.post(self.token_endpoint, auth=(self.settings.client_id, self.settings.client_secret),
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

    def change_client_secret(self, client_secret: str) -> None:
        """The app's secret regenerated at Conta Azul: a backend still sending the old one is refused."""
        control.change_client_secret(self.state, client_secret)

    def revoke_access(self, email: str = demo.DEMO_EMAIL) -> int:
        """The company of `email` takes the app's access back; how many of its tokens stopped."""
        return control.revoke_access(self.state, email)

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
