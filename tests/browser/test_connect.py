"""Connecting Conta Azul from the sidebar: a popup with Conta Azul's sign-in page (a single-page app
reading its route from the URL's fragment, as since August 2026), and the sidebar notices."""
from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import expect

from sandbox.contaazul import DEMO_EMAIL, DEMO_PASSWORD
from sandbox.contaazul.model.people import format_document


def test_the_menu_opens_the_sidebar_which_says_who_is_signed_in_and_whom_to_share_sheets_with(person, tryit_world):
    expect(person.page.get_by_role("menuitem", name="Extensões")).to_be_visible()  # built by the add-on's onOpen
    expect(person.execution("onOpen")).to_have_attribute("data-ok", "true")

    person.open_sidebar()

    expect(person.page.get_by_test_id("sidebar-title")).to_have_text("Azulejo")
    expect(person.sidebar.get_by_test_id("signed-in-as")).to_contain_text(DEMO_EMAIL)
    expect(person.sidebar.get_by_test_id("no-connection")).to_be_visible()
    expect(person.sidebar.get_by_test_id("new-flow")).to_be_disabled()
    service_account = tryit_world.api("GET", "/api/v1/me").json()["google_access"]["service_account_email"]
    assert service_account.endswith(".iam.gserviceaccount.com")  # the stand-in's, with a real key file
    expect(person.sidebar.get_by_test_id("google-share-with")).to_have_value(service_account)
    person.screenshot("painel-inicio", sidebar_only=True)


def test_connecting_shows_the_company_in_the_sidebar_and_its_records_beside_it(person, tryit_world):
    person.open_sidebar()
    expect(person.page.get_by_test_id("contaazul-company")).to_have_text("Nenhuma empresa conectada")

    person.connect_contaazul()

    company = tryit_world.contaazul.company(DEMO_EMAIL)
    expect(person.sidebar.get_by_test_id("company-name")).to_contain_text("Padaria Aurora")
    expect(person.sidebar.get_by_test_id("company-document")).to_contain_text(format_document(company.documento))
    expect(person.sidebar.get_by_test_id("connection-status")).to_be_visible()
    expect(person.sidebar.get_by_test_id("new-flow")).to_be_enabled()
    connections = tryit_world.api("GET", "/api/v1/connections").json()["connections"]
    assert [(c["company_name"], c["status"]) for c in connections] == [(company.nome_fantasia, "active")]
    expect(person.page.get_by_test_id("contaazul-company")).to_contain_text(company.razao_social)
    expect(person.page.get_by_test_id("contaazul-sales").get_by_test_id("record")).not_to_have_count(0)
    person.screenshot("painel-conectado", sidebar_only=True)


def test_conta_azuls_page_reads_the_sign_in_from_the_fragment_and_says_a_wrong_password_in_place(
        person, tryit_world):
    person.open_sidebar()
    popup = person.open_contaazul_sign_in()

    address = urlsplit(popup.url)
    route, _, query = address.fragment.partition("?")
    assert (f"{address.scheme}://{address.netloc}", address.path, address.query, route) == (
        tryit_world.contaazul.url, "/", "", "/oauth/authorize")  # the server saw "/" alone
    assert parse_qs(query)["redirect_uri"] == [tryit_world.contaazul.settings.redirect_uri]
    expect(popup.locator("#aplicativo")).to_have_text("Azulejo")  # asked of the stand-in with the fragment's client
    person.fill_contaazul_login(popup, DEMO_EMAIL, "errada")
    popup.get_by_role("button", name="Entrar e autorizar").click()
    expect(popup.get_by_role("alert")).to_have_text("E-mail ou senha incorretos.")
    assert popup.url.endswith(address.fragment) and tryit_world.contaazul.state.codes == {}
    person.fill_contaazul_login(popup, DEMO_EMAIL, DEMO_PASSWORD)
    with popup.expect_event("close"):
        popup.get_by_role("button", name="Entrar e autorizar").click()
    expect(person.sidebar.get_by_test_id("company-name")).to_contain_text("Padaria Aurora")


def test_conta_azuls_page_refuses_an_unregistered_redirect_without_leaving(browser_context, tryit_world):
    page = browser_context.new_page()
    page.goto(tryit_world.contaazul.authorize_url("s", redirect_uri="https://evil.example.com/callback"))

    expect(page.get_by_role("heading", name="Não foi possível continuar")).to_be_visible()
    expect(page.locator("#recusa-motivo")).to_contain_text("redirect_uri")
    expect(page.locator("#entrar")).to_be_hidden()
    assert urlsplit(page.url).netloc == urlsplit(tryit_world.contaazul.url).netloc
