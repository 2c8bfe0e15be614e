"""A person's browser in the API tests: Flask's test client (with its own cookie jar) following a
connect link from the begin page through the stand-ins' real pages (Google's sign-in or consent,
Conta Azul's sign-in, whose parameters are in the URL's fragment) back to the callbacks, as a browser
would."""
from __future__ import annotations

from urllib.parse import urlparse

from werkzeug.test import TestResponse

from sandbox.contaazul import SandboxServer, oauth_params
from sandbox.sheets import SheetsSandboxServer

ANA, JOAO = "ana@padariaaurora.com.br", "joao@oficinaipe.com.br"
CALLBACK = "/api/v1/connections/contaazul/callback"
GOOGLE_CALLBACK = "/api/v1/connections/google/callback"


def start(api, headers, provider: str = "contaazul") -> str:
    """The link the sidebar opens: our begin page, with the state."""
    answer = api.post(f"/api/v1/connections/{provider}/start", headers=headers)
    assert answer.status_code == 201, answer.json
    return answer.json["authorize_url"]


def state_of(url: str) -> str:
    """The state in a begin link's query, or in Conta Azul's sign-in URL (after its fragment's route)."""
    return oauth_params(url)["state"]


def open_link(browser, url: str) -> TestResponse:
    """The browser opens one of the backend's own URLs (the begin page)."""
    parts = urlparse(url)
    return browser.get(parts.path, query_string=parts.query)


def google_sign_in(browser, sheets_sandbox: SheetsSandboxServer, begun: TestResponse, email: str,
                   allow: bool = True) -> TestResponse:
    """From the begin page's redirect: Google's page, signed in as `email`, back to Google's callback."""
    assert begun.status_code == 303, begun.text
    query = sheets_sandbox.consent(begun.headers["Location"], email, allow=allow)
    return browser.get(GOOGLE_CALLBACK, query_string=query)


def to_contaazul(browser, sheets_sandbox: SheetsSandboxServer, link: str, email: str = ANA) -> str:
    """Conta Azul's sign-in page, where the browser lands once it opened the link and signed in to
    Google as `email` (the link's person)."""
    checked = google_sign_in(browser, sheets_sandbox, open_link(browser, link), email)
    assert checked.status_code == 303, checked.text
    return checked.headers["Location"]


def sign_in_at_contaazul(contaazul_sandbox: SandboxServer, authorize_url: str, email: str = ANA,
                         password: str = "aurora123") -> dict:
    """The person's browser at Conta Azul: the sign-in page the backend sent it to, with the
    parameters the backend put in its fragment, signed in; the query it is sent back with."""
    return contaazul_sandbox.sign_in(authorize_url, email, password)


def callback(browser, query: dict) -> TestResponse:
    return browser.get(CALLBACK, query_string=query)


def google_consent(browser, sheets_sandbox: SheetsSandboxServer, link: str, email: str = ANA,
                   granted: list[str] | None = None, allow: bool = True) -> dict:
    """A Google connect's link opened, and consented at Google as `email`: the query Google sends back."""
    begun = open_link(browser, link)
    assert begun.status_code == 303, begun.text
    return sheets_sandbox.consent(begun.headers["Location"], email, granted=granted, allow=allow)
