"""The edit trigger (Triggers.gs): installed while an enabled flow reads a tab of this spreadsheet,
and nudging the backend only when a trigger-column cell is filled, with row numbers and no values."""
from __future__ import annotations

import json

import pytest

from sheets_addon.api.hooks import MAX_NUDGED_ROWS

FLOWS = "/api/v1/flows"
NUDGE = "POST /api/v1/hooks/nudge"


def _flow(flow_id=1, *, enabled=True, kind="sale", worksheet="Pedidos", trigger="Enviar?", spreadsheet="sheet-1"):
    return {"id": flow_id, "kind": kind, "enabled": enabled, "worksheet": worksheet, "trigger_column": trigger,
            "spreadsheet_id": spreadsheet}


@pytest.fixture(autouse=True)
def access_proved(script):
    """The person proved a moment ago that they can edit the sheet (the sidebar did): edits renew
    nothing, so these tests see only nudges (test_access_proof.py covers the renewal)."""
    script.run("world.userProperties['azulejo.accessProof.sheet-1'] = JSON.stringify({proved: Date.now(), expires: Date.now() + 86400000});")


def _sync(script, flows):
    return script.value(f"syncEditTrigger_({json.dumps(flows)})")


def _edit(script, row, column, rows=1, columns=1, value=None, sheet="Pedidos"):
    """Fires onAzulejoEdit as Google would for an edit of that block (value: a one-cell edit's new value)."""
    event_value = "" if value is None else f", value: {json.dumps(value)}"
    script.run(f"""
        var sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName({json.dumps(sheet)});
        onAzulejoEdit({{ range: sheet.getRange({row}, {column}, {rows}, {columns}),
                         source: SpreadsheetApp.getActiveSpreadsheet(){event_value} }});
    """)


def _nudges(script):
    return [json.loads(fetch["options"]["payload"]) for fetch in script.fetches()
            if fetch["url"].endswith("/api/v1/hooks/nudge")]


@pytest.fixture
def watching(script):
    """A sheet with rows below the header and an enabled sale flow on "Pedidos" by "Enviar?"."""
    script.run("""
        world.tabs.Pedidos = [['Pedido', 'Cliente', 'Enviar?', 'Status Azulejo'],
                              ['1', 'Maria', '', ''], ['2', 'João', 'sim', ''], ['3', 'Ana', '', ''],
                              ['4', 'Rui', 'x', '']];
        world.tabs.Outra = [['Enviar?'], ['sim']];
        world.tabOrder.push('Outra');
    """)
    script.backend_answers({NUDGE: (202, {"nudged": [1]})})
    _sync(script, [_flow()])
    return script


def test_the_first_enabled_flow_installs_one_edit_trigger_and_the_last_removes_it(script):
    assert script.value("world.triggers") == []
    state = _sync(script, [_flow(enabled=False)])
    assert state == {"installed": False, "watched": {}}
    assert script.value("world.triggers") == []

    state = _sync(script, [_flow(), _flow(2, trigger="Pronto")])
    assert state == {"installed": True, "watched": {"Pedidos": ["Enviar?", "Pronto"]}}
    assert script.value("world.triggers") == [{"id": 1, "handler": "onAzulejoEdit", "source": "sheet-1",
                                               "type": "edit"}]
    assert json.loads(script.value("world.userProperties['azulejo.watchedColumns.sheet-1']")) == state["watched"]

    _sync(script, [_flow(), _flow(3, worksheet="Outra")])
    assert len(script.value("world.triggers")) == 1, "one edit trigger per person and document"

    _sync(script, [_flow(enabled=False)])
    assert script.value("world.triggers") == []
    assert script.value("world.userProperties['azulejo.watchedColumns.sheet-1']") is None


def test_sales_logs_and_other_spreadsheets_flows_need_no_trigger(script):
    state = _sync(script, [_flow(kind="sales_log", trigger=""), _flow(2, spreadsheet="another")])
    assert state == {"installed": False, "watched": {}}
    assert script.value("world.triggers") == []


def test_another_spreadsheets_trigger_is_left_alone(script):
    script.run("world.triggers.push({id: 99, handler: 'onAzulejoEdit', source: 'another', type: 'edit'});")
    _sync(script, [_flow()])
    _sync(script, [])
    assert script.value("world.triggers") == [{"id": 99, "handler": "onAzulejoEdit", "source": "another",
                                               "type": "edit"}]


def test_filling_a_trigger_cell_nudges_with_the_tab_and_row_only(watching):
    _edit(watching, 3, 3, value="sim")
    assert _nudges(watching) == [{"spreadsheet_id": "sheet-1", "sheet": "Pedidos", "rows": [3]}]
    fetch = watching.fetches()[0]
    assert fetch["options"]["method"] == "post"
    assert fetch["options"]["headers"] == {"Authorization": "Bearer id-token-of-ana"}
    assert "João" not in fetch["options"]["payload"] and "sim" not in fetch["options"]["payload"]


def test_a_pasted_block_nudges_the_rows_whose_trigger_cell_is_filled(watching):
    _edit(watching, 1, 1, rows=5, columns=4)  # header included, several rows, several columns
    assert _nudges(watching) == [{"spreadsheet_id": "sheet-1", "sheet": "Pedidos", "rows": [3, 5]}]


@pytest.mark.parametrize("edit", [
    {"row": 3, "column": 2, "value": "Joana"},       # another column
    {"row": 3, "column": 3, "value": ""},            # the trigger cell emptied
    {"row": 1, "column": 3, "value": "Enviar?"},     # the header itself
    {"row": 2, "column": 1, "rows": 2, "columns": 2},  # a block beside the trigger column
    {"row": 2, "column": 1, "sheet": "Outra", "value": "sim"},  # a tab no enabled flow reads
])
def test_other_edits_send_nothing(watching, edit):
    _edit(watching, **edit)
    assert watching.fetches() == []


def test_the_trigger_header_is_matched_as_the_backend_matches_it(script):
    script.run("world.tabs.Pedidos = [['Pedido', 'ENVIAR'], ['1', 'sim']];")
    script.backend_answers({NUDGE: (202, {"nudged": [1]})})
    _sync(script, [_flow(trigger="Enviar?")])
    _edit(script, 2, 2, value="sim")
    assert _nudges(script) == [{"spreadsheet_id": "sheet-1", "sheet": "Pedidos", "rows": [2]}]


def test_without_a_watch_list_an_edit_reads_nothing_and_sends_nothing(script):
    script.run("world.tabs.Pedidos.push(['1', 'Maria', 'sim', '']);")
    _edit(script, 2, 3, value="sim")
    assert script.fetches() == []


def test_a_refused_nudge_is_logged_without_secrets_and_never_thrown(watching):
    watching.backend_answers({NUDGE: (429, {"error": {"code": "too_many_nudges", "message": "Muitas chamadas."}})})
    _edit(watching, 3, 3, value="sim")
    logs = watching.value("world.logs")
    assert logs == [["nudge not sent", {"reason": "Muitas chamadas."}]]
    watching.run("world.respond = function () { return { throws: 'DNS error: azulejo.example' }; };")
    _edit(watching, 5, 3, value="x")
    assert watching.value("world.logs")[-1][0] == "nudge not sent"
    assert "id-token-of-ana" not in json.dumps(watching.value("world.logs"))


def test_a_huge_paste_sends_at_most_the_row_limit(script):
    script.run("""
        world.tabs.Pedidos = [['Enviar?']];
        for (var row = 0; row < 1500; row++) { world.tabs.Pedidos.push(['sim']); }
    """)
    script.backend_answers({NUDGE: (202, {"nudged": [1]})})
    _sync(script, [_flow()])
    _edit(script, 2, 1, rows=1500)
    rows = _nudges(script)[0]["rows"]
    assert len(rows) == 1000 and rows[:2] == [2, 3]
    assert script.value("MAX_NUDGED_ROWS") == MAX_NUDGED_ROWS  # what the backend accepts, no more
