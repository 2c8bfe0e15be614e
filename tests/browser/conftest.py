"""Real headless Chromium (Debian's package, driven by Playwright) on the try-it page.

Each test gets its own world: both stand-ins, the real backend with its worker, and the try-it
page composed as the demo command composes it (`app.with_tryit_page`). The backend is also
served on a port of its own, which the add-on's script property points at, so a test can stop
it while the page stays up. Screenshots go to `AZULEJO_SCREENSHOTS_DIR` (the README's pictures
come from `AZULEJO_SCREENSHOTS_DIR=docs/screenshots ./scripts/test tests/browser`), else to a
temporary folder.
"""
from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from flask import Flask
from playwright.sync_api import BrowserContext, Page, Playwright, expect, sync_playwright

from app import create_app, with_tryit_page
from sandbox.contaazul import DEMO_EMAIL, SandboxServer, SandboxSettings
from sandbox.serving import LocalServer
from sandbox.sheets import SheetsSandboxServer, SheetsSandboxSettings
from sheets_addon import worker
from sheets_addon.config import GOOGLE_CALLBACK_PATH
from sheets_addon.db import upgrade_database
from tests import wiring
from tests.browser.person import Person
from tests.helpers import free_ports

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
VIEWPORT = {"width": 1600, "height": 900}
WAIT_MS = 30_000  # the longest any one step may take on a loaded 2-core machine


@dataclass
class TryItWorld:
    """The try-it page and what stands behind it, for a test to look at and to break."""

    page_url: str
    backend_url: str
    backend: Flask
    backend_server: LocalServer
    contaazul: SandboxServer
    sheets: SheetsSandboxServer
    spreadsheet_id: str

    def stop_backend(self) -> None:
        """The backend goes away (the page and the stand-ins stay)."""
        self.backend_server.stop()

    def api(self, method: str, path: str) -> httpx.Response:
        """The backend's API as the demo person, to check what the page did."""
        token = self.sheets.mint_id_token(DEMO_EMAIL)
        return httpx.request(method, f"{self.backend_url}{path}", headers={"Authorization": f"Bearer {token}"})


@pytest.fixture
def tryit_world(tmp_path) -> Iterator[TryItWorld]:
    (backend_port,) = free_ports(1)
    backend_url = f"http://127.0.0.1:{backend_port}"
    contaazul = SandboxServer(SandboxSettings(redirect_uri=f"{backend_url}/api/v1/connections/contaazul/callback"))
    sheets = SheetsSandboxServer(SheetsSandboxSettings(oauth_redirect_uris=f"{backend_url}{GOOGLE_CALLBACK_PATH}"))
    with contaazul, sheets:
        backend = create_app({**wiring.backend_config(tmp_path / "azulejo.db", contaazul, sheets),
                              "PUBLIC_BASE_URL": backend_url, "WORKER_IDLE_SECONDS": 0.5})
        with backend.app_context():
            upgrade_database()
        page = with_tryit_page(backend, contaazul, sheets)
        stop_worker = threading.Event()
        worker_thread = worker.run_in_thread(backend, stop_worker)
        with LocalServer(backend, port=backend_port) as backend_server, LocalServer(page) as page_server:
            tryit = page.mounts["/sandbox"].extensions["azulejo.tryit"]
            yield TryItWorld(f"{page_server.url}/sandbox/", backend_url, backend, backend_server, contaazul,
                             sheets, tryit.spreadsheet_id)
            stop_worker.set()
            worker_thread.join(timeout=10)


@pytest.fixture(scope="session")
def playwright_driver() -> Iterator[Playwright]:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: ./scripts/test installs it (scripts/lib/install-chromium.sh)")
    with sync_playwright() as driver:
        yield driver


@pytest.fixture
def browser_context(playwright_driver: Playwright, tmp_path) -> Iterator[BrowserContext]:
    """A fresh Chromium profile per test (its own user-data dir), as a person on a new machine."""
    context = playwright_driver.chromium.launch_persistent_context(
        tmp_path / "chromium-profile", executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True,
        viewport=VIEWPORT, locale="pt-BR", timezone_id="America/Sao_Paulo")
    context.set_default_timeout(WAIT_MS)
    expect.set_options(timeout=WAIT_MS)
    yield context
    context.close()


@pytest.fixture
def person(browser_context: BrowserContext, tryit_world: TryItWorld, screenshots: Path) -> Iterator[Person]:
    """Someone at the try-it page, the add-on loaded; the page must not throw along the way."""
    page: Page = browser_context.pages[0] if browser_context.pages else browser_context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(tryit_world.page_url)
    expect(page.locator("body")).to_have_attribute("data-ready", "true")
    yield Person(page, screenshots)
    assert errors == []


@pytest.fixture(scope="session")
def screenshots(tmp_path_factory) -> Path:
    folder = os.environ.get("AZULEJO_SCREENSHOTS_DIR")
    path = Path(folder) if folder else tmp_path_factory.mktemp("screenshots")
    path.mkdir(parents=True, exist_ok=True)
    return path
