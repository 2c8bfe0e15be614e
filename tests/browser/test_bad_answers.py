"""When the backend is away, answers nonsense, or Conta Azul fails behind it, the sidebar says so in
plain Portuguese: no stack trace, no English exception, no URL."""
from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from playwright.sync_api import expect

from sandbox.serving import LocalServer

TECHNICAL = ("Exception", "Error", "Traceback", "http://", "undefined", "null")


def expect_readable(error_region, *phrases: str) -> None:
    expect(error_region).to_be_visible()
    for phrase in phrases:
        expect(error_region).to_contain_text(phrase)
    shown = error_region.inner_text()
    assert not [word for word in TECHNICAL if word in shown], shown


def bad_gateway(environ, start_response):
    """What a reverse proxy answers when the backend behind it is gone: an HTML page, not JSON."""
    start_response("502 Bad Gateway", [("Content-Type", "text/html")])
    return [b"<html><body><h1>502 Bad Gateway</h1><hr>nginx</body></html>"]


@pytest.fixture
def proxy_without_backend() -> Iterator[str]:
    with LocalServer(bad_gateway) as server:
        yield server.url


def test_a_backend_that_is_down_reads_as_a_plain_message(person, tryit_world):
    tryit_world.stop_backend()

    person.open_sidebar()

    expect_readable(person.sidebar.get_by_test_id("error"), "Não foi possível falar com o servidor do Azulejo")
    expect(person.sidebar.get_by_test_id("error-retry")).to_be_visible()
    expect(person.execution("getSidebarState").first).to_have_attribute("data-ok", "false")
    person.screenshot("painel-erro", sidebar_only=True)


def test_an_answer_that_is_not_the_backends_reads_as_a_plain_message(person, tryit_world, proxy_without_backend):
    # The operator points the add-on at a proxy whose backend is gone (script properties, as in the editor).
    moved = httpx.post(f"{tryit_world.page_url}google/properties/script",
                       json={"set": {"AZULEJO_BACKEND_URL": proxy_without_backend}})
    assert moved.status_code == 200

    person.open_sidebar()

    expect_readable(person.sidebar.get_by_test_id("error"), "respondeu algo inesperado", "502")


def test_conta_azul_failing_behind_the_backend_reads_as_a_plain_message(person, tryit_world):
    person.open_sidebar()
    person.connect_contaazul()
    person.start_sales_flow()
    tryit_world.contaazul.configure_faults(error_rate=1.0, fail_status=503)  # every Conta Azul call: 503
    person.save_flow()

    waiting = person.sidebar.locator('[data-testid=preview-row][data-row="2"]').get_by_test_id("preview-status")
    expect_readable(waiting, "Conta Azul indisponível agora", "tentaremos de novo")
    tryit_world.contaazul.configure_faults(error_rate=0.0)
    person.sidebar.get_by_test_id("flow-preview").click()
    expect(person.sidebar.locator('[data-testid=preview-row][data-row="2"]')).to_have_attribute("data-ready", "true")
