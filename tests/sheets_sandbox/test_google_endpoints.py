"""The one place gspread is pointed elsewhere: origins rewritten on the session, Google by default."""
from __future__ import annotations

from google.oauth2.credentials import Credentials
from requests.adapters import HTTPAdapter

from sheets_addon.config import Settings
from sheets_addon.google_endpoints import DRIVE_ORIGIN, SHEETS_ORIGIN, RedirectingAdapter, gspread_client


def test_without_override_gspread_talks_to_google():
    session = gspread_client(Credentials(token="x")).http_client.session
    adapter = session.get_adapter(f"{SHEETS_ORIGIN}/v4/spreadsheets/abc")
    assert type(adapter) is HTTPAdapter
    assert gspread_client(Credentials(token="x"), "").http_client.session.get_adapter(
        f"{DRIVE_ORIGIN}/drive/v3/files").__class__ is HTTPAdapter


def test_override_rewrites_both_origins_keeping_path_and_query(sheets_sandbox, sales_id):
    session = gspread_client(Credentials(token="x"), sheets_sandbox.url + "/").http_client.session
    sheets = session.get(f"{SHEETS_ORIGIN}/v4/spreadsheets/{sales_id}/values/%27Vendas%27%21B2",
                         params={"valueRenderOption": "UNFORMATTED_VALUE"}, timeout=5)
    assert sheets.json()["values"] == [["Ana Souza"]]
    drive = session.get(f"{DRIVE_ORIGIN}/drive/v3/files", params={"q": "name = 'Vendas 2026'"}, timeout=5)
    assert [f["id"] for f in drive.json()["files"]] == [sales_id]
    assert sheets.url.startswith(sheets_sandbox.url + "/v4/")
    assert isinstance(session.get_adapter(f"{SHEETS_ORIGIN}/v4/x"), RedirectingAdapter)
    assert not isinstance(session.get_adapter("https://sheets.googleapis.com.evil.example/v4"), RedirectingAdapter)


def test_a_proxy_chosen_for_google_is_not_used_for_the_stand_in(sheets_sandbox, sales_id, monkeypatch,
                                                                   unused_port):
    monkeypatch.setenv("HTTPS_PROXY", f"http://127.0.0.1:{unused_port}")
    monkeypatch.delenv("HTTP_PROXY", raising=False)
    monkeypatch.delenv("http_proxy", raising=False)
    client = gspread_client(Credentials(token="x"), sheets_sandbox.url)
    assert client.open_by_key(sales_id).title == "Vendas 2026"


def test_the_backend_setting_defaults_to_google(tmp_path):
    settings = Settings.load(str(tmp_path), environ={})
    assert settings.SHEETS_API_BASE_URL == ""
    loaded = Settings.load(str(tmp_path), environ={"SHEETS_API_BASE_URL": "http://127.0.0.1:8766"})
    assert loaded.SHEETS_API_BASE_URL == "http://127.0.0.1:8766"

