"""The server functions the sidebar calls: the backend calls they make (URL, identity token, body),
refusals turned into messages a person reads, and what they read and select in the spreadsheet."""
from __future__ import annotations

import base64
import json

import pytest

BASE = "https://azulejo.example"
FLOW = {"id": 7, "name": "Vendas", "kind": "sale", "spreadsheet_id": "sheet-1", "worksheet": "Pedidos",
        "trigger_column": "Enviar?", "status_column": "Status Azulejo", "enabled": False, "connection_id": 1}


def test_every_call_carries_the_identity_token_to_the_configured_backend(script):
    script.backend_answers({"GET /api/v1/connections": (200, {"connections": []})})
    assert script.value("listConnections()") == []
    [fetch] = script.fetches()
    assert fetch["url"] == f"{BASE}/api/v1/connections"  # the trailing slash of the property is dropped
    assert fetch["options"] == {"method": "get", "contentType": "application/json",
                                "headers": {"Authorization": "Bearer id-token-of-ana"}, "muteHttpExceptions": True,
                                "followRedirects": False}


def test_a_refusal_becomes_the_backends_portuguese_message_with_its_problems(script):
    script.backend_answers({"POST /api/v1/flows": (422, {"error": {
        "code": "invalid_flow", "message": "O fluxo tem problemas.",
        "problems": ["Falta a coluna da data.", "Filtro 1 sem valor."]}})})
    message = script.error_of(f"saveFlow({json.dumps({k: v for k, v in FLOW.items() if k != 'id'})})")
    assert message == "O fluxo tem problemas.\n• Falta a coluna da data.\n• Filtro 1 sem valor."


@pytest.mark.parametrize(("answer", "expected"), [
    ({"throws": "Address unavailable: https://azulejo.example/api/v1/me"}, "Não foi possível falar com o servidor"),
    ({"status": 502, "body": "<html>Bad Gateway</html>"}, "respondeu algo inesperado (código 502)"),
    ({"status": 401, "body": json.dumps({"error": {"code": "unauthorized", "message": "Faça login novamente."}})},
     "Faça login novamente."),
])
def test_failures_read_as_plain_portuguese_without_urls_or_tokens(script, answer, expected):
    script.run(f"world.respond = function () {{ return {json.dumps(answer)}; }};")
    message = script.error_of("callBackend_('get', '/api/v1/me')")
    assert expected in message
    assert "azulejo.example" not in message and "id-token" not in message
    assert "id-token" not in json.dumps(script.value("world.logs"))


@pytest.mark.parametrize("url", ["http://azulejo.example", "HTTP://azulejo.example/", "ftp://azulejo.example",
                                 "azulejo.example", "http://localhost.evil.example", "http://127.0.0.1.evil.example",
                                 "http://localhost@evil.example", "http://127.0.0.1:80@evil.example", "https://"])
def test_a_backend_url_that_is_not_https_is_refused_before_the_token_leaves(script, url):
    script.run(f"world.scriptProperties.AZULEJO_BACKEND_URL = {json.dumps(url)};")
    message = script.error_of("listConnections()")
    assert "precisa começar com https://" in message and "AZULEJO_BACKEND_URL" in message
    assert script.fetches() == []


@pytest.mark.parametrize("url", ["http://127.0.0.1:5000", "http://localhost:8000/", "http://LOCALHOST",
                                 "http://[::1]:5000/", "https://azulejo.example:8443/"])
def test_https_and_http_to_this_machine_are_called(script, url):
    script.run(f"world.scriptProperties.AZULEJO_BACKEND_URL = {json.dumps(url)};")
    script.backend_answers({"GET /api/v1/connections": (200, {"connections": []})})
    script.value("listConnections()")
    [fetch] = script.fetches()
    assert fetch["url"] == url.rstrip("/") + "/api/v1/connections"


def test_a_redirect_is_an_error_and_the_token_never_follows_it(script):
    script.run("""
        world.respond = function (url) {
          return url.indexOf('https://azulejo.example/') === 0
            ? { status: 302, body: '', location: 'https://evil.example/collect' }
            : { status: 200, body: '{"connections": []}' };
        };
    """)
    followed = script.value("UrlFetchApp.fetch('https://azulejo.example/x', {headers: {Authorization: 't'}})"
                            ".getResponseCode()")  # what UrlFetchApp does by default: follows, token and all
    assert followed == 200 and [f["url"] for f in script.fetches()][-1] == "https://evil.example/collect"
    script.run("world.fetches = [];")

    message = script.error_of("listConnections()")

    assert "respondeu com um redirecionamento (código 302)" in message and "evil.example" not in message
    assert [fetch["url"] for fetch in script.fetches()] == [f"{BASE}/api/v1/connections"]
    assert {"backend answered with a redirect": {"path": "/api/v1/connections", "status": 302}} == \
        {log[0]: log[1] for log in script.value("world.logs")}


def test_without_a_backend_url_the_person_is_told_who_can_fix_it(script):
    script.run("delete world.scriptProperties.AZULEJO_BACKEND_URL;")
    assert "AZULEJO_BACKEND_URL" in script.error_of("listConnections()")
    assert script.fetches() == []


def test_without_an_identity_token_nothing_is_sent(script):
    script.run("world.token = null;")
    assert "autorize o acesso" in script.error_of("listConnections()")
    assert script.fetches() == []


def test_saving_sends_only_what_the_flows_api_takes_and_brings_the_trigger_in_line(script):
    enabled = {**FLOW, "enabled": True}
    script.backend_answers({"PUT /api/v1/flows/7": (200, enabled), "GET /api/v1/flows": (200, {"flows": [enabled]})})
    answer = script.value(f"saveFlow({json.dumps({**enabled, 'last_run': None, 'paused_by': None})})")
    assert answer["flow"] == enabled and answer["trigger"]["installed"] is True
    put, listing = script.fetches()
    assert json.loads(put["options"]["payload"]) == {k: v for k, v in enabled.items() if k != "id"}
    assert listing["url"] == f"{BASE}/api/v1/flows?spreadsheet_id=sheet-1"
    assert len(script.value("world.triggers")) == 1


def test_the_sidebar_state_comes_in_one_call_with_each_flows_last_run(script):
    run = {"id": 3, "flow_id": 7, "trigger": "manual", "counts": {"created": 1}, "problem": None}
    script.backend_answers({
        "GET /api/v1/me": (200, {"id": 1, "email": "ana@padariaaurora.com.br", "name": None}),
        "GET /api/v1/connections": (200, {"connections": [{"id": 1, "status": "active"}]}),
        "GET /api/v1/flows": (200, {"flows": [FLOW]}),
        "GET /api/v1/flows/7/runs": (200, {"runs": [run], "page": 1, "per_page": 1, "total": 4}),
        "GET /api/v1/flows/7/rows": (200, {"rows": [{"row": 3, "state": "failed"}], "page": 1, "per_page": 1,
                                           "total": 2}),
    })
    state = script.value("getSidebarState()")
    assert state["me"]["email"] == "ana@padariaaurora.com.br"
    assert state["spreadsheet"] == {"id": "sheet-1", "name": "Vendas da loja", "activeSheet": "Pedidos", "tabs": [
        {"title": "Pedidos", "sheetId": 0, "headers": ["Pedido", "Cliente", "Enviar?", "Status Azulejo"],
         "lastRow": 1}]}
    assert state["flows"] == [{**FLOW, "last_run": run, "failed_rows": 2}]
    assert state["trigger"] == {"installed": False, "watched": {}}
    urls = [fetch["url"] for fetch in script.fetches()]
    assert f"{BASE}/api/v1/flows/7/runs?per_page=1" in urls
    assert f"{BASE}/api/v1/flows/7/rows?state=failed&per_page=1" in urls


def test_activity_asks_for_runs_rows_and_days(script):
    script.backend_answers({
        "GET /api/v1/flows/7/runs": (200, {"runs": []}),
        "GET /api/v1/flows/7/rows": (200, {"rows": [{"row": 3, "state": "failed"}], "total": 1}),
        "GET /api/v1/flows/7/activity": (200, {"days": [{"date": "2026-01-02", "sent": 1, "errors": 0}]}),
    })
    assert script.value("getFlowActivity(7)") == {
        "failed_rows": 1, "runs": [], "rows": [{"row": 3, "state": "failed"}],
        "days": [{"date": "2026-01-02", "sent": 1, "errors": 0}]}
    assert [fetch["url"].split("?")[1] for fetch in script.fetches()] == [
        "state=failed&per_page=1", "per_page=10", "per_page=50", "days=14"]


def test_the_catalog_is_asked_with_the_header_row_and_the_columns_to_leave_out(script):
    script.backend_answers({"POST /api/v1/catalog/sale": (200, {"kind": "sale", "fields": [], "suggested": {}})})
    script.value("getCatalog('sale', ['Data', 'Enviar?'], 'Enviar?', 'Status Azulejo')")
    assert json.loads(script.fetches()[0]["options"]["payload"]) == {
        "headers": ["Data", "Enviar?"], "trigger_column": "Enviar?", "status_column": "Status Azulejo"}


def test_headers_are_read_as_shown_without_trailing_blanks(script):
    script.run("world.tabs.Pedidos = [[' Pedido ', 'Data', '', 'Valor', '', '']]; world.tabs.Vazia = [];"
               "world.tabOrder.push('Vazia');")
    tabs = script.value("getSpreadsheetInfo().tabs")
    assert tabs == [{"title": "Pedidos", "sheetId": 0, "headers": ["Pedido", "Data", "", "Valor"], "lastRow": 1},
                    {"title": "Vazia", "sheetId": 1, "headers": [], "lastRow": 0}]


def test_selecting_a_row_activates_it_on_its_tab(script):
    script.run("world.tabs.Outra = [['a', 'b', 'c'], ['1', '2', '3'], ['4', '5', '6']]; world.tabOrder.push('Outra');")
    assert script.value("selectRow('Outra', 3)") == {"sheet": "Outra", "row": 3}
    assert script.value("world.activated") == {"sheet": "Outra", "row": 3, "column": 1, "numRows": 1,
                                               "numColumns": 3}
    assert script.error_of("selectRow('Sumiu', 2)") == 'A aba "Sumiu" não existe mais nesta planilha.'
    assert script.error_of("selectRow('Outra', 40)") == 'A linha 40 não existe na aba "Outra".'


def test_the_menu_opens_the_sidebar_built_from_the_template(script):
    script.run("onOpen({}); showSidebar();")
    assert script.value("world.menus") == [{"addon": True, "items": [["Abrir painel", "showSidebar"]]}]
    assert script.value("world.sidebar.file") == "Sidebar"
    assert script.value("world.sidebar.title") == "Azulejo"
    assert script.value("include('Stylesheet')") == "<!-- Stylesheet -->"


def test_the_deployer_can_read_the_oauth_client_id_without_the_token_being_logged(script):
    claims = {"aud": "1234-abc.apps.googleusercontent.com", "email": "ana@padariaaurora.com.br", "nome": "Ana Conceição"}
    payload = base64.urlsafe_b64encode(json.dumps(claims).encode()).decode().rstrip("=")
    script.run(f"world.token = 'eyJhbGciOiJSUzI1NiJ9.{payload}.c2lnbmF0dXJl';")
    assert script.value("logOAuthClientId()") == claims["aud"]
    assert script.value("identityTokenClaims_(world.token)") == claims
    assert script.value("world.logs") == [[f"GOOGLE_CLIENT_ID for the Azulejo backend: {claims['aud']}"]]


def test_the_persons_own_google_access_is_read_started_and_revoked_through_the_backend(script):
    access = {"mode": "service_account", "share_with": "azulejo@projeto.iam.gserviceaccount.com",
              "service_account_email": "azulejo@projeto.iam.gserviceaccount.com", "consent_available": True,
              "connection": None}
    script.backend_answers({
        "GET /api/v1/connections/google": (200, access),
        "POST /api/v1/connections/google/start": (201, {"authorize_url": "https://accounts.google.com/o/oauth2/v2/auth?x",
                                                        "expires_at": "2026-01-02T10:00:00+00:00"}),
        "POST /api/v1/connections/google/disconnect": (200, {"revoked_at_google": True, "google_access": access}),
    })
    assert script.value("getGoogleAccess()") == access
    assert script.value("startGoogleConnection()")["authorize_url"].startswith("https://accounts.google.com/")
    assert script.value("disconnectGoogle()")["revoked_at_google"] is True
    assert [(f["options"]["method"], f["url"]) for f in script.fetches()] == [
        ("get", f"{BASE}/api/v1/connections/google"), ("post", f"{BASE}/api/v1/connections/google/start"),
        ("post", f"{BASE}/api/v1/connections/google/disconnect")]
