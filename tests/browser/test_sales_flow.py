"""The loop a newcomer follows: map the "Vendas" tab, preview (one row is wrong), switch on, fill a row,
and watch the sale appear in Conta Azul and the status cell turn to ✔."""
from __future__ import annotations

import re

from playwright.sync_api import expect

from sandbox.contaazul import DEMO_EMAIL

BAD_CPF_ROW = 4  # P-102, CPF 123.456.789-00: its check digits do not match


def sales_numbered(tryit_world) -> dict[int, dict]:
    company = tryit_world.contaazul.company(DEMO_EMAIL)
    with tryit_world.contaazul.state.lock:
        return {sale["numero"]: sale for sale in company.sales.values()}


def test_a_person_maps_previews_enables_and_sees_a_filled_row_become_a_sale(person, tryit_world):
    sidebar = person.sidebar
    person.open_sidebar()
    person.connect_contaazul()
    person.start_sales_flow()

    # The mapping comes pre-filled from the tab's real header row; the person checks and picks.
    expect(sidebar.get_by_test_id("mapping-client_document")).to_have_value("CPF/CNPJ")
    expect(sidebar.get_by_test_id("mapping-sale_date")).to_have_value("Data")
    expect(sidebar.get_by_test_id("mapping-unit_price")).to_have_value("Preço")
    sidebar.get_by_test_id("mapping-order_key").select_option("Pedido")
    sidebar.get_by_test_id("mapping-item_code").select_option("Código")
    person.screenshot("painel-mapeamento", sidebar_only=True)
    person.save_flow()
    sales_before = set(sales_numbered(tryit_world))

    # The preview (shown on saving): two rows of one sale ready, the wrong CPF named with its column; nothing sent.
    previewed = sidebar.get_by_test_id("preview-row")
    expect(previewed).to_have_count(3)
    bad = sidebar.locator(f'[data-testid=preview-row][data-row="{BAD_CPF_ROW}"]')
    expect(bad.get_by_test_id("preview-status")).to_contain_text('coluna "CPF/CNPJ"')
    expect(sidebar.locator('[data-testid=preview-row][data-row="2"]')).to_have_attribute("data-ready", "true")
    bad.scroll_into_view_if_needed()
    person.screenshot("painel-previa", sidebar_only=True)
    assert set(sales_numbered(tryit_world)) == sales_before
    expect(person.cell("L2")).to_have_text("")

    # Switched on: the rows already marked go, the wrong one says what to fix.
    sidebar.get_by_test_id("flow-enable").click()
    expect(sidebar.get_by_test_id("flow-pause")).to_be_visible()
    expect(person.cell("L1")).to_have_text("Status Azulejo")
    expect(person.cell("L2")).to_contain_text("✔ Venda")
    expect(person.cell(f"L{BAD_CPF_ROW}")).to_contain_text("✖ CPF inválido")

    # The person marks another row: the add-on's edit trigger nudges, the sale appears in seconds.
    person.type_cell("K6", "sim")
    expect(person.execution("onAzulejoEdit").first).to_have_attribute("data-ok", "true")
    expect(person.cell("L6")).to_contain_text("✔ Venda")
    number = int(re.search(r"Venda (\d+)", person.cell("L6").inner_text()).group(1))
    sale = sales_numbered(tryit_world)[number]
    company = tryit_world.contaazul.company(DEMO_EMAIL)
    assert company.people[sale["id_cliente"]]["nome"] == "Lívia Castro"
    assert [(line["nome"], int(line["quantidade"])) for line in sale["itens"]] == [("Sonho de Creme", 6)]
    shown = person.page.get_by_test_id("contaazul-sales").get_by_test_id("record").filter(has_text=f"Venda {number}")
    expect(shown).to_contain_text("Lívia Castro")
    expect(shown).to_contain_text("novo")
    flow_id = tryit_world.api("GET", "/api/v1/flows").json()["flows"][0]["id"]
    runs = tryit_world.api("GET", f"/api/v1/flows/{flow_id}/runs").json()["runs"]
    assert "nudge" in {run["trigger"] for run in runs}
    person.screenshot("experimente")

    # Activity: what happened to each row, errors first; "ver na planilha" selects the row.
    sidebar.get_by_test_id("flow-back").click()
    sidebar.get_by_test_id("open-flow").click()
    outcomes = sidebar.get_by_test_id("row-outcome")
    expect(outcomes.first).to_have_attribute("data-row", str(BAD_CPF_ROW))
    expect(sidebar.get_by_test_id("activity-chart")).to_be_visible()
    outcomes.first.scroll_into_view_if_needed()
    person.screenshot("painel-atividade", sidebar_only=True)
    person.cell("A10").click()
    outcomes.first.get_by_test_id("select-row").click()
    expect(person.page.get_by_test_id("name-box")).to_have_text(f"A{BAD_CPF_ROW}:L{BAD_CPF_ROW}")
