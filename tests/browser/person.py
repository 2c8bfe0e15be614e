"""What a person does on the try-it page: the spreadsheet's menu, its cells, the add-on's sidebar.

Every step waits for what the person would wait for on screen (an element, a text), never for
a fixed time.
"""
from __future__ import annotations

from pathlib import Path

from playwright.sync_api import FrameLocator, Locator, Page, expect

from sandbox.contaazul import DEMO_EMAIL, DEMO_PASSWORD


class Person:
    def __init__(self, page: Page, screenshots: Path) -> None:
        self.page = page
        self.screenshots = screenshots

    @property
    def sidebar(self) -> FrameLocator:
        return self.page.frame_locator("[data-testid=sidebar-frame]")

    def cell(self, a1: str) -> Locator:
        return self.page.locator(f'[data-testid=grid] td[data-a1="{a1}"]')

    def open_sidebar(self) -> None:
        """Extensões › Azulejo › Abrir painel, then the sidebar's first screen (or its error)."""
        self.page.get_by_role("menuitem", name="Extensões").click()
        self.page.get_by_role("menuitem", name="Abrir painel").click()
        expect(self.sidebar.get_by_test_id("view-loading")).to_be_hidden()

    def connect_contaazul(self, email: str = DEMO_EMAIL, password: str = DEMO_PASSWORD) -> None:
        """Connect in the sidebar; in the popup, Google's sign-in (the person's account already filled
        in: the backend checks it is theirs), then Conta Azul's page; the sidebar notices."""
        popup = self.open_contaazul_sign_in()
        self.fill_contaazul_login(popup, email, password)
        with popup.expect_event("close"):  # the sidebar closes it once the connection shows up
            popup.get_by_role("button", name="Entrar e autorizar").click()
        expect(self.sidebar.get_by_test_id("company-name")).to_be_visible()

    def open_contaazul_sign_in(self) -> Page:
        """Conectar in the sidebar, then Google's sign-in in the popup: the popup at Conta Azul's sign-in
        page, its form shown (its script has read the fragment and the stand-in knows the app)."""
        with self.page.expect_popup() as opened:
            self.sidebar.get_by_test_id("connect").click()
        popup = opened.value
        expect(popup.get_by_role("heading", name="Fazer login com o Google")).to_be_visible()
        expect(popup.locator("#email")).to_have_value(DEMO_EMAIL)
        popup.get_by_role("button", name="Continuar").click()
        expect(popup.locator("#password")).to_be_visible()  # Conta Azul's sign-in page
        return popup

    @staticmethod
    def fill_contaazul_login(popup: Page, email: str, password: str) -> None:
        popup.locator("#email").fill(email)
        popup.locator("#password").fill(password)

    def type_cell(self, a1: str, text: str) -> None:
        """Clicks the cell and types, as in Sheets; Enter writes it."""
        self.cell(a1).click()
        self.page.keyboard.type(text)
        self.page.keyboard.press("Enter")
        expect(self.cell(a1)).to_have_text(text)

    def show_tab(self, title: str) -> None:
        self.page.get_by_role("tab", name=title).click()
        expect(self.page.get_by_role("tab", name=title)).to_have_attribute("aria-selected", "true")

    def next_step(self, expected_title: str) -> None:
        self.sidebar.get_by_test_id("editor-next").click()
        expect(self.sidebar.get_by_test_id("step-title")).to_contain_text(expected_title)

    def start_sales_flow(self) -> None:
        """Novo fluxo → sheet → Conta Azul, sales, tab "Vendas", trigger column "Enviar?"; on the mapping step."""
        self.sidebar.get_by_test_id("new-flow").click()
        self.sidebar.get_by_test_id("direction-sheet").check()
        self.sidebar.get_by_test_id("kind-sale").check()
        self.next_step("Aba")
        self.sidebar.get_by_test_id("tab-select").select_option("Vendas")
        self.sidebar.get_by_test_id("trigger-select").select_option("Enviar?")
        self.next_step("Campos")
        expect(self.sidebar.get_by_test_id("mapping-table")).to_be_visible()

    def save_flow(self) -> None:
        """From the mapping step: past the filters and options, saved; the flow's own view."""
        self.next_step("Filtros")
        self.next_step("Opções")
        self.sidebar.get_by_test_id("editor-save").click()
        expect(self.sidebar.get_by_test_id("view-flow")).to_be_visible()

    def execution(self, function: str) -> Locator:
        """The Apps Script executions the page lists for `function` (newest first)."""
        return self.page.locator(f'[data-testid=execution][data-fn="{function}"]')

    def screenshot(self, name: str, sidebar_only: bool = False) -> None:
        target = self.page.get_by_test_id("sidebar") if sidebar_only else self.page
        target.screenshot(path=str(self.screenshots / f"{name}.png"))
