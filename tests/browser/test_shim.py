"""The try-it page's runtime behaves like Google's where an add-on can tell: a small project of its own
(not Azulejo's) calls the shim the ways Apps Script allows and forbids."""
from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path

import httpx
import pytest
from google.auth.transport.requests import Request
from google.oauth2 import service_account
from playwright.sync_api import Page, expect

from sandbox.contaazul import DEMO_EMAIL, SandboxServer
from sandbox.serving import LocalServer
from sandbox.sheets import SheetsSandboxServer
from sandbox.tryit import TryIt, create_tryit_app
from tests.helpers import free_ports

MANIFEST = {"timeZone": "America/Sao_Paulo", "runtimeVersion": "V8",
            "oauthScopes": ["https://www.googleapis.com/auth/spreadsheets.currentonly",
                            "https://www.googleapis.com/auth/script.container.ui",
                            "https://www.googleapis.com/auth/script.external_request"]}
CODE = """
function onOpen(e) {
  SpreadsheetApp.getUi().createMenu('Teste').addItem('Abrir', 'openPage').addToUi();
  try {
    UrlFetchApp.fetch('http://127.0.0.1:9/');
    PropertiesService.getScriptProperties().setProperty('onOpen', 'fetched');
  } catch (error) {
    PropertiesService.getScriptProperties().setProperty('onOpen', String(error));
  }
}
function openPage() {
  var template = HtmlService.createTemplateFromFile('Page');
  template.greeting = '<b>oi</b>';
  template.data = {quote: '</script>', n: 2};
  SpreadsheetApp.getUi().showSidebar(template.evaluate().setTitle('Teste'));
}
function withDate() { return {when: new Date(), n: 1}; }
function echo(value) { return value; }
function hidden_() { return 'secret'; }
function failing() { throw new Error('falhou aqui'); }
function unreachable() { return UrlFetchApp.fetch('http://127.0.0.1:%(dead_port)d/x').getResponseCode(); }
function identity() { return ScriptApp.getIdentityToken(); }
function redirects() {
  var followed = UrlFetchApp.fetch('%(redirecting)s/go');
  var kept = UrlFetchApp.fetch('%(redirecting)s/go', {followRedirects: false});
  var headers = kept.getHeaders();
  return [followed.getResponseCode(), followed.getContentText(), kept.getResponseCode(),
          headers.Location || headers.location];
}
function cells() {
  var sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Vendas');
  var range = sheet.getRange(2, 4, 1, 4);
  return {
    display: range.getDisplayValues()[0],
    typed: range.getValues()[0].map(function (v) { return v instanceof Date ? 'Date ' + v.toISOString() : typeof v + ' ' + v; }),
    lastRow: sheet.getLastRow(), lastColumn: sheet.getLastColumn()
  };
}
"""
# How a test page puts a result where the test reads it (a <p> by test id, the value as JSON).
SHOW = """
  function show(key, value) {
    var p = document.createElement('p');
    p.setAttribute('data-testid', key);
    p.textContent = JSON.stringify(value);
    document.body.appendChild(p);
  }
"""
PAGE = """<!DOCTYPE html>
<html><head><title>Teste</title></head><body>
<p data-testid="greeting"><?= greeting ?></p>
<script>var fromServer = <?= data ?>;</script>
<script>""" + SHOW + """
  show('template-data', fromServer);
  show('hidden', typeof google.script.run.hidden_);
  google.script.run.withSuccessHandler(function (v) { show('date', v); }).withDate();
  google.script.run.withSuccessHandler(function (v) { show('echo', v); }).echo({a: [1, 'x', null], b: true});
  google.script.run.withFailureHandler(function (e) { show('failure', [e.name, e.message]); }).failing();
  google.script.run.withFailureHandler(function (e) { show('date-argument', e.message); }).echo(new Date());
  google.script.run.withFailureHandler(function (e) { show('unreachable', e.message); }).unreachable();
  google.script.run.withSuccessHandler(function (v) { show('identity', v); }).identity();
  google.script.run.withSuccessHandler(function (v) { show('redirects', v); }).redirects();
  google.script.run.withSuccessHandler(function (v) { show('cells', v); }).cells();
  google.script.run.withSuccessHandler(function (v, mine) { show('user-object', mine); }).withUserObject('u1').echo(1);
</script>
</body></html>
"""


def write_project(folder: Path, code: str, page: str) -> Path:
    """A small Apps Script project of the test's own: manifest, Code.gs, Page.html."""
    folder.mkdir()
    (folder / "appsscript.json").write_text(json.dumps(MANIFEST))
    (folder / "Code.gs").write_text(code)
    (folder / "Page.html").write_text(page)
    return folder


def redirecting(environ, start_response):
    """/go answers 302 to /landed, which answers "landed"."""
    if environ["PATH_INFO"] == "/go":
        start_response("302 Found", [("Location", "/landed"), ("Content-Length", "0")])
        return [b""]
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"landed"]


@pytest.fixture
def redirecting_server() -> Iterator[str]:
    with LocalServer(redirecting) as server:
        yield server.url


@contextmanager
def opened_page(browser_context, project: Path,
                spreadsheet: Callable[[SheetsSandboxServer], str] | None = None) -> Iterator[tuple[Page, TryIt]]:
    """The try-it page running `project` on the spreadsheet `spreadsheet` makes (the demo one if none)."""
    with SheetsSandboxServer() as sheets, SandboxServer() as contaazul:
        tryit = TryIt(backend_url=f"http://127.0.0.1:{free_ports(1)[0]}", sheets=sheets, contaazul=contaazul,
                      appsscript_dir=project, spreadsheet_id=spreadsheet(sheets) if spreadsheet else "")
        with LocalServer(create_tryit_app(tryit)) as server:
            page = browser_context.new_page()
            page.goto(f"{server.url}/")
            expect(page.locator("body")).to_have_attribute("data-ready", "true")
            yield page, tryit


@pytest.fixture
def test_project(tmp_path, redirecting_server) -> Path:
    return write_project(tmp_path / "project", CODE % {"dead_port": free_ports(1)[0],
                                                       "redirecting": redirecting_server}, PAGE)


@pytest.fixture
def shim_page(browser_context, test_project) -> Iterator:
    with opened_page(browser_context, test_project) as opened:
        yield opened


def open_sidebar(page: Page):
    """The test project's menu: Teste › Abrir shows Page.html as the sidebar."""
    expect(page.get_by_role("menuitem", name="Teste")).to_be_visible()
    page.get_by_role("menuitem", name="Teste").click()
    page.get_by_role("menuitem", name="Abrir").click()
    return page.frame_locator("[data-testid=sidebar-frame]")


def shown(sidebar, key: str):
    result = sidebar.get_by_test_id(key)
    expect(result).to_be_attached()
    return json.loads(result.inner_text())


def test_the_shim_keeps_apps_scripts_rules(shim_page):
    page, tryit = shim_page
    sidebar = open_sidebar(page)

    # Scriptlets: escaped as text in HTML, as a JavaScript literal inside <script>.
    expect(sidebar.get_by_test_id("greeting")).to_have_text("<b>oi</b>")
    assert shown(sidebar, "template-data") == {"quote": "</script>", "n": 2}
    # google.script.run: JSON both ways, Dates refused going and null coming back, private functions hidden.
    assert shown(sidebar, "hidden") == "undefined"
    assert shown(sidebar, "date") is None
    assert shown(sidebar, "echo") == {"a": [1, "x", None], "b": True}
    assert shown(sidebar, "failure") == ["ScriptError", "Error: falhou aqui"]
    assert shown(sidebar, "date-argument").startswith("Failed due to illegal value")
    assert shown(sidebar, "user-object") == "u1"
    # UrlFetchApp leaves from the server and fails as Apps Script words it.
    assert shown(sidebar, "unreachable").startswith("Exception: Address unavailable: http://127.0.0.1:")
    # A redirect is followed unless followRedirects is false; then the 3xx itself comes back.
    assert shown(sidebar, "redirects") == [200, "landed", 302, "/landed"]
    # No openid scope in this manifest: no identity token, as with Google.
    assert shown(sidebar, "identity") is None
    # SpreadsheetApp reads the stand-in: display text, typed values (dates as Dates in the sheet's zone).
    two_days_ago = date.today() - timedelta(days=2)
    cells = shown(sidebar, "cells")
    assert cells["display"] == [two_days_ago.strftime("%d/%m/%Y"), "PF-KG", "2", "R$ 18,90"]
    assert cells["typed"] == [f"Date {two_days_ago.isoformat()}T03:00:00.000Z", "string PF-KG", "number 2",
                              "number 18.9"]
    assert (cells["lastRow"], cells["lastColumn"]) == (6, 11)
    # A simple trigger (onOpen) runs in LIMITED mode: no UrlFetchApp.
    assert tryit.state.properties("script")["onOpen"] == (
        "Exception: You do not have permission to call UrlFetchApp.fetch. Required permissions: "
        "https://www.googleapis.com/auth/script.external_request")


METADATA_CODE = """
function onOpen(e) {
  SpreadsheetApp.getUi().createMenu('Teste').addItem('Abrir', 'openPage').addToUi();
}
function openPage() {
  SpreadsheetApp.getUi().showSidebar(HtmlService.createHtmlOutputFromFile('Page').setTitle('Teste'));
}
function describe_(m) {
  return [m.getKey(), m.getValue(), String(m.getVisibility()), String(m.getLocation().getLocationType())];
}
function writeMetadata() {
  var ss = SpreadsheetApp.getActiveSpreadsheet();
  var Visibility = SpreadsheetApp.DeveloperMetadataVisibility;
  ss.addDeveloperMetadata('azulejo.prova', 'abc123').addDeveloperMetadata('so-chave')
    .addDeveloperMetadata('do-projeto', Visibility.PROJECT).addDeveloperMetadata('completa', 'v', Visibility.DOCUMENT);
  var proof = ss.createDeveloperMetadataFinder().withKey('azulejo.prova').find()[0];
  var changed = proof.setValue('def456');
  ss.createDeveloperMetadataFinder().withKey('completa').withVisibility(Visibility.DOCUMENT).find()[0].remove();
  var wrong;
  try { ss.addDeveloperMetadata('x', 5); } catch (error) { wrong = String(error); }
  return {
    all: ss.getDeveloperMetadata().map(describe_),
    project: ss.createDeveloperMetadataFinder().withVisibility(Visibility.PROJECT).find().map(describe_),
    byValue: ss.createDeveloperMetadataFinder().withValue('def456').find().map(describe_),
    sameObject: changed === proof, id: proof.getId() > 0, wrong: wrong
  };
}
function writeAsReader() {
  var ss = SpreadsheetApp.getActiveSpreadsheet();
  var seen = ss.getDeveloperMetadata().map(function (m) { return m.getKey(); });
  try {
    ss.addDeveloperMetadata('recusada', 'x');
    return {seen: seen, error: null};
  } catch (error) {
    return {seen: seen, error: String(error)};
  }
}
"""
METADATA_PAGE = """<!DOCTYPE html>
<html><head><title>Teste</title></head><body>
<script>""" + SHOW + """
  function again() {
    google.script.run.withSuccessHandler(function (v) { show('as-reader', v); }).writeAsReader();
  }
  google.script.run.withSuccessHandler(function (v) { show('written', v); })
    .withFailureHandler(function (e) { show('written', e.message); }).writeMetadata();
</script>
<button data-testid="again" onclick="again()">De novo</button>
</body></html>
"""


def test_the_shims_developer_metadata_is_apps_scripts(browser_context, tmp_path):
    """An editor's script writes developer metadata the backend's service account reads back; made a reader,
    the same person reads it and is refused writing, as SpreadsheetApp refuses."""
    project = write_project(tmp_path / "metadata-project", METADATA_CODE, METADATA_PAGE)
    owned: dict[str, str] = {}

    def spreadsheet(sheets: SheetsSandboxServer) -> str:
        owned["id"] = sheets.create_spreadsheet("Vendas", {"Vendas": [["Cliente"]]}, owner="dono@exemplo.com.br",
                                                shared_with={DEMO_EMAIL: "writer"})
        return owned["id"]

    with opened_page(browser_context, project, spreadsheet) as (page, tryit):
        sidebar = open_sidebar(page)
        written = shown(sidebar, "written")
        backend = service_account.Credentials.from_service_account_file(
            tryit.sheets.service_account_file(), scopes=["https://www.googleapis.com/auth/spreadsheets"])
        backend.refresh(Request())
        tryit.sheets.share(owned["id"], backend.service_account_email, "reader")
        seen_by_backend = httpx.post(
            f"{tryit.sheets.url}/v4/spreadsheets/{owned['id']}/developerMetadata:search",
            headers={"Authorization": f"Bearer {backend.token}"},
            json={"dataFilters": [{"developerMetadataLookup": {"locationType": "SPREADSHEET"}}]}).json()
        tryit.sheets.share(owned["id"], DEMO_EMAIL, "reader")
        sidebar.get_by_test_id("again").click()
        as_reader = shown(sidebar, "as-reader")

    assert written == {
        "all": [["azulejo.prova", "def456", "DOCUMENT", "SPREADSHEET"], ["so-chave", None, "DOCUMENT", "SPREADSHEET"],
                ["do-projeto", None, "PROJECT", "SPREADSHEET"]],
        "project": [["do-projeto", None, "PROJECT", "SPREADSHEET"]],
        "byValue": [["azulejo.prova", "def456", "DOCUMENT", "SPREADSHEET"]],
        "sameObject": True, "id": True,
        "wrong": "Exception: The parameters don't match the method signature for "
                 "SpreadsheetApp.Spreadsheet.addDeveloperMetadata."}
    # The script's own project is not the backend's: its PROJECT metadata stays out of the backend's sight.
    assert [(match["developerMetadata"]["metadataKey"], match["developerMetadata"].get("metadataValue"))
            for match in seen_by_backend["matchedDeveloperMetadata"]] == [("azulejo.prova", "def456"),
                                                                          ("so-chave", None)]
    assert as_reader == {"seen": ["azulejo.prova", "so-chave", "do-projeto"],
                         "error": "Exception: You do not have permission to access the requested document."}
