"""The try-it page's runtime behaves like Google's where an add-on can tell: a small project of its own
(not Azulejo's) calls the shim the ways Apps Script allows and forbids."""
from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import expect

from sandbox.contaazul import SandboxServer
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
PAGE = """<!DOCTYPE html>
<html><head><title>Teste</title></head><body>
<p data-testid="greeting"><?= greeting ?></p>
<script>var fromServer = <?= data ?>;</script>
<script>
  function show(key, value) {
    var p = document.createElement('p');
    p.setAttribute('data-testid', key);
    p.textContent = JSON.stringify(value);
    document.body.appendChild(p);
  }
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


@pytest.fixture
def test_project(tmp_path, redirecting_server) -> Path:
    project = tmp_path / "project"
    project.mkdir()
    (project / "appsscript.json").write_text(json.dumps(MANIFEST))
    (project / "Code.gs").write_text(CODE % {"dead_port": free_ports(1)[0], "redirecting": redirecting_server})
    (project / "Page.html").write_text(PAGE)
    return project


@pytest.fixture
def shim_page(browser_context, test_project) -> Iterator:
    with SheetsSandboxServer() as sheets, SandboxServer() as contaazul:
        tryit = TryIt(backend_url=f"http://127.0.0.1:{free_ports(1)[0]}", sheets=sheets, contaazul=contaazul,
                      appsscript_dir=test_project)
        with LocalServer(create_tryit_app(tryit)) as server:
            page = browser_context.new_page()
            page.goto(f"{server.url}/")
            expect(page.locator("body")).to_have_attribute("data-ready", "true")
            yield page, tryit


def shown(sidebar, key: str):
    result = sidebar.get_by_test_id(key)
    expect(result).to_be_attached()
    return json.loads(result.inner_text())


def test_the_shim_keeps_apps_scripts_rules(shim_page):
    page, tryit = shim_page
    expect(page.get_by_role("menuitem", name="Teste")).to_be_visible()
    page.get_by_role("menuitem", name="Teste").click()
    page.get_by_role("menuitem", name="Abrir").click()
    sidebar = page.frame_locator("[data-testid=sidebar-frame]")

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
