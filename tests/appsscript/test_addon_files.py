"""The add-on's files as `clasp push` deploys them: they parse, load in a plain JavaScript realm,
keep to the manifest's scopes, and hold to the contract SERVICES.md states (server functions,
templates, test ids) that the try-it page and the browser tests rely on."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from py_mini_racer import MiniRacer

APPSSCRIPT = Path(__file__).resolve().parents[2] / "appsscript"
GS_FILES = sorted(APPSSCRIPT.glob("*.gs"))
HTML_FILES = sorted(APPSSCRIPT.glob("*.html"))
SCRIPT_BLOCK = re.compile(r"<script>(.*?)</script>", re.S)
SCRIPTLET = re.compile(r"<\?.*?\?>", re.S)
INCLUDE = re.compile(r"^<\?!= include\('(\w+)'\) \?>$")
SERVICES = (APPSSCRIPT / "SERVICES.md").read_text(encoding="utf-8")


def _names(paths: list[Path]) -> list[str]:
    return [path.name for path in paths]


def test_the_layout_clasp_pushes():
    assert (APPSSCRIPT / "appsscript.json").is_file()
    assert (APPSSCRIPT / ".clasp.json.example").is_file()
    assert {"Code.gs", "Api.gs", "Triggers.gs", "Sheet.gs"} <= set(_names(GS_FILES))
    assert {"Sidebar.html", "Stylesheet.html"} <= set(_names(HTML_FILES))
    example = json.loads((APPSSCRIPT / ".clasp.json.example").read_text(encoding="utf-8"))
    assert set(example) == {"scriptId", "rootDir"}


def test_the_manifest_asks_for_the_least_scopes_that_work():
    manifest = json.loads((APPSSCRIPT / "appsscript.json").read_text(encoding="utf-8"))
    assert manifest["runtimeVersion"] == "V8"
    assert manifest["oauthScopes"] == [
        "https://www.googleapis.com/auth/spreadsheets.currentonly",
        "https://www.googleapis.com/auth/script.container.ui",
        "https://www.googleapis.com/auth/script.external_request",
        "https://www.googleapis.com/auth/script.scriptapp",
        "openid",
        "https://www.googleapis.com/auth/userinfo.email",
    ]


@pytest.mark.parametrize("path", GS_FILES, ids=_names(GS_FILES))
def test_each_gs_file_loads_alone_in_a_plain_javascript_realm(path):
    """No modules, no Node APIs, nothing run at load time that needs Google's services."""
    MiniRacer().eval(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", HTML_FILES, ids=_names(HTML_FILES))
def test_each_script_block_parses(path):
    context = MiniRacer()
    for body in SCRIPT_BLOCK.findall(path.read_text(encoding="utf-8")):
        context.eval(f"new Function({json.dumps(body)}); true")  # compiles without running


def test_the_templates_use_only_include_and_every_partial_is_included():
    included = []
    for path in HTML_FILES:
        for scriptlet in SCRIPTLET.findall(path.read_text(encoding="utf-8")):
            match = INCLUDE.match(scriptlet)
            assert match, f"{path.name}: only <?!= include('Name') ?> is used, found {scriptlet!r}"
            included.append(match.group(1))
    assert sorted(included) == sorted(path.stem for path in HTML_FILES if path.name != "Sidebar.html")


def _public_server_functions() -> set[str]:
    names = set()
    for path in GS_FILES:
        names |= set(re.findall(r"^function (\w+)\(", path.read_text(encoding="utf-8"), re.M))
    return {name for name in names if not name.endswith("_")}


def test_the_sidebar_calls_only_public_server_functions_and_each_is_documented():
    called = set()
    for path in HTML_FILES:
        called |= set(re.findall(r"server\('(\w+)'", path.read_text(encoding="utf-8")))
    assert called, "the sidebar calls the server through server('name', …)"
    assert called <= _public_server_functions()
    assert not [name for name in called if f"`{name}(" not in SERVICES]


def test_every_fixed_test_id_is_documented():
    ids = set()
    for path in HTML_FILES:
        text = path.read_text(encoding="utf-8")
        ids |= set(re.findall(r"data-testid=\"([\w-]+)\"", text))
        ids |= set(re.findall(r"'data-testid': '([\w-]+)'(?!\s*\+)", text))  # not the prefixes of ids built
    assert len(ids) > 50
    assert sorted(name for name in ids if f"`{name}`" not in SERVICES) == []


def test_the_sidebar_formats_a_companys_cnpj_with_or_without_letters():
    context = MiniRacer()
    for name in ("JsText.html", "JsCore.html"):
        for body in SCRIPT_BLOCK.findall((APPSSCRIPT / name).read_text(encoding="utf-8")):
            context.eval(body)
    shown = {value: context.call("formatDocument", value)
             for value in ("12ABC34501DE35", "11222333000181", "52998224725", "12ABC34501DEAB")}
    assert shown == {"12ABC34501DE35": "CNPJ 12.ABC.345/01DE-35", "11222333000181": "CNPJ 11.222.333/0001-81",
                     "52998224725": "CPF 529.982.247-25", "12ABC34501DEAB": "12ABC34501DEAB"}
