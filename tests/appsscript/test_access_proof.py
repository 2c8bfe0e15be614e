"""Access.gs: the add-on proving to the backend that the person can edit this spreadsheet, by writing
the backend's challenge into the spreadsheet's developer metadata as the person."""
from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

BASE = "https://azulejo.example"
ACCESS = "/api/v1/spreadsheets/sheet-1/access"
CHALLENGE = {"spreadsheet_id": "sheet-1", "key": "azulejo.editor.abc", "value": "v1.1.mac", "visibility": "DOCUMENT",
             "expires_at": "2026-12-08T12:10:00+00:00", "write": True}
NOW = datetime.now(UTC)
PROVED = {"spreadsheet_id": "sheet-1", "proved": True, "proved_at": NOW.isoformat(),
          "expires_at": (NOW + timedelta(days=1)).isoformat(), "method": "add_on", "refused_reason": None}
SIDEBAR = {"GET /api/v1/me": (200, {"id": 1, "email": "ana@padariaaurora.com.br", "name": None}),
           "GET /api/v1/connections": (200, {"connections": []}), "GET /api/v1/flows": (200, {"flows": []})}


def _paths(script):
    return [(fetch["options"]["method"], fetch["url"].removeprefix(BASE).split("?")[0]) for fetch in script.fetches()]


def test_opening_the_sidebar_writes_the_challenge_as_the_person_then_asks_the_backend_to_read_it(script):
    script.backend_answers({**SIDEBAR, f"POST {ACCESS}/challenge": (200, CHALLENGE),
                            f"POST {ACCESS}/proof": (200, PROVED)})
    state = script.value("getSidebarState()")
    assert state["accessProblem"] is None
    assert script.value("world.developerMetadata") == [
        {"id": 1, "key": "azulejo.editor.abc", "value": "v1.1.mac", "visibility": "DOCUMENT"}]
    calls = _paths(script)
    assert calls.index(("post", f"{ACCESS}/challenge")) < calls.index(("post", f"{ACCESS}/proof"))
    assert calls.index(("post", f"{ACCESS}/proof")) < calls.index(("get", "/api/v1/flows"))  # resumed flows listed


def test_within_a_few_hours_the_sidebar_does_not_prove_again(script):
    script.backend_answers({**SIDEBAR, f"POST {ACCESS}/challenge": (200, CHALLENGE),
                            f"POST {ACCESS}/proof": (200, PROVED)})
    script.value("getSidebarState()")
    script.run("world.fetches = [];")
    script.value("getSidebarState()")
    assert not [call for call in _paths(script) if "/access/" in call[1]]


def test_a_renewal_replaces_the_persons_entry_and_drops_copies(script):
    script.run("""
        world.developerMetadata = [{id: 4, key: 'azulejo.editor.abc', value: 'old', visibility: 'DOCUMENT'},
                                   {id: 5, key: 'azulejo.editor.abc', value: 'older', visibility: 'DOCUMENT'},
                                   {id: 6, key: 'azulejo.editor.joao', value: 'his', visibility: 'DOCUMENT'}];
    """)
    script.backend_answers({f"POST {ACCESS}/challenge": (200, CHALLENGE), f"POST {ACCESS}/proof": (200, PROVED)})
    script.value("proveSpreadsheetAccess_(SpreadsheetApp.getActiveSpreadsheet(), true)")
    assert script.value("world.developerMetadata") == [
        {"id": 4, "key": "azulejo.editor.abc", "value": "v1.1.mac", "visibility": "DOCUMENT"},
        {"id": 6, "key": "azulejo.editor.joao", "value": "his", "visibility": "DOCUMENT"}]


def test_with_the_persons_own_google_consent_the_backend_writes_and_the_add_on_does_not(script):
    script.backend_answers({f"POST {ACCESS}/challenge": (200, {**CHALLENGE, "write": False}),
                            f"POST {ACCESS}/proof": (200, {**PROVED, "method": "own_google"})})
    script.value("proveSpreadsheetAccess_(SpreadsheetApp.getActiveSpreadsheet(), true)")
    assert script.value("world.developerMetadata") == []
    assert ("post", f"{ACCESS}/proof") in _paths(script)


def test_a_viewer_is_told_why_and_the_sidebar_still_opens(script):
    script.run("world.canEdit = false;")
    script.backend_answers({**SIDEBAR, f"POST {ACCESS}/challenge": (200, CHALLENGE),
                            f"POST {ACCESS}/proof": (200, PROVED)})
    state = script.value("getSidebarState()")
    assert "não pode editar esta planilha" in state["accessProblem"]
    assert ("post", f"{ACCESS}/proof") not in _paths(script)
    assert script.value("world.userProperties['azulejo.accessProof.sheet-1']") is None
    assert "id-token-of-ana" not in json.dumps(script.value("world.logs"))


def test_a_call_the_backend_refuses_for_an_old_proof_is_proved_and_tried_once_more(script):
    script.run(f"""
        var previews = 0;
        world.respond = function (url, options) {{
          var path = url.replace('{BASE}', '').split('?')[0];
          if (path === '/api/v1/flows/7/preview') {{
            previews += 1;
            return previews === 1
              ? {{ status: 403, body: JSON.stringify({{ error: {{ code: 'spreadsheet_access_unproven',
                                                                 message: 'Confirme seu acesso.' }} }}) }}
              : {{ status: 200, body: JSON.stringify({{ rows: [] }}) }};
          }}
          if (path === '{ACCESS}/challenge') {{ return {{ status: 200, body: JSON.stringify({json.dumps(CHALLENGE)}) }}; }}
          if (path === '{ACCESS}/proof') {{ return {{ status: 200, body: JSON.stringify({json.dumps(PROVED)}) }}; }}
          return {{ status: 404, body: '{{}}' }};
        }};
    """)
    assert script.value("previewFlow(7, 20)") == {"rows": []}
    assert [path for _, path in _paths(script)] == [
        "/api/v1/flows/7/preview", f"{ACCESS}/challenge", f"{ACCESS}/proof", "/api/v1/flows/7/preview"]


def test_a_refusal_that_is_not_about_the_proof_is_not_retried(script):
    script.backend_answers({"POST /api/v1/flows/7/run": (409, {"error": {"code": "flow_running",
                                                                           "message": "Já está rodando."}})})
    assert script.error_of("runFlowNow(7)") == "Já está rodando."
    assert len(script.fetches()) == 1


def test_an_edit_renews_an_old_proof_without_ever_throwing(script):
    script.backend_answers({f"POST {ACCESS}/challenge": (200, CHALLENGE), f"POST {ACCESS}/proof": (200, PROVED)})
    script.run("""
        var sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Pedidos');
        onAzulejoEdit({ range: sheet.getRange(1, 1, 1, 1), source: SpreadsheetApp.getActiveSpreadsheet() });
    """)
    assert ("post", f"{ACCESS}/proof") in _paths(script)
    script.run("""
        world.canEdit = false; world.fetches = [];
        world.userProperties['azulejo.accessProof.sheet-1'] = JSON.stringify({proved: 0, expires: 86400000});
        var sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Pedidos');
        onAzulejoEdit({ range: sheet.getRange(1, 1, 1, 1), source: SpreadsheetApp.getActiveSpreadsheet() });
    """)
    assert script.value("world.logs")[-1][0] == "access proof not renewed"


def test_a_proof_is_renewed_once_a_quarter_of_its_life_has_gone(script):
    """Whatever lifetime the operator set (SPREADSHEET_ACCESS_MAX_AGE_SECONDS), the add-on keeps ahead of it."""
    hour = 3600 * 1000
    due = script.value(f"""[
        accessRenewalDue_(null),
        accessRenewalDue_({{proved: Date.now() - 5 * {hour}, expires: Date.now() + 19 * {hour}}}),
        accessRenewalDue_({{proved: Date.now() - 7 * {hour}, expires: Date.now() + 17 * {hour}}}),
        accessRenewalDue_({{proved: Date.now() - 31 * 60000, expires: Date.now() + 89 * 60000}}),
        accessRenewalDue_({{proved: Date.now(), expires: Date.now()}})]""")
    assert due == [True, False, True, True, True]
