"""The Drive calls gspread's Client makes: create, open by title, list, file metadata, delete."""
from __future__ import annotations

import gspread
import pytest
import requests

AUTH = {"Authorization": "Bearer test-user-token"}


def test_create_then_open_by_title(gspread_client, sheets_sandbox):
    created = gspread_client.create("Vendas")
    assert created.title == "Vendas" and created.locale == "pt_BR"
    assert [w.title for w in created.worksheets()] == ["Página1"]
    assert gspread_client.open("Vendas").id == created.id
    assert sheets_sandbox.stats()["by_method"]["drive.files.create"] == 1


def test_list_filters_by_title(gspread_client, sheets_sandbox):
    first = gspread_client.create("Relatório d'Ana")
    gspread_client.create("Outro")
    files = gspread_client.list_spreadsheet_files(title="Relatório d'Ana")
    assert [f["id"] for f in files] == [first.id]
    assert set(files[0]) == {"kind", "id", "name", "mimeType", "createdTime", "modifiedTime"}
    assert len(gspread_client.list_spreadsheet_files()) == 2
    assert [s.title for s in gspread_client.openall("Outro")] == ["Outro"]


def test_open_unknown_title_raises(gspread_client):
    with pytest.raises(gspread.SpreadsheetNotFound):
        gspread_client.open("Não existe")


def test_delete(gspread_client):
    book = gspread_client.create("Apagar")
    gspread_client.del_spreadsheet(book.id)
    with pytest.raises(gspread.SpreadsheetNotFound):
        gspread_client.open_by_key(book.id)
    with pytest.raises(gspread.exceptions.APIError) as caught:
        gspread_client.del_spreadsheet(book.id)
    assert caught.value.code == 404
    assert caught.value.error["errors"][0]["reason"] == "notFound"


def test_modified_time_follows_writes(gspread_client, sheets_sandbox):
    book = gspread_client.create("Datas")
    before = book.get_lastUpdateTime()
    sheets_sandbox.advance_clock(120)
    book.sheet1.update([["x"]], "A1")
    after = book.get_lastUpdateTime()
    assert after > before and after.endswith("Z")


def test_paging_and_bad_queries(gspread_client, sheets_sandbox):
    for n in range(3):
        gspread_client.create(f"P{n}")
    url = f"{sheets_sandbox.url}/drive/v3/files"
    first = requests.get(url, params={"pageSize": 2}, headers=AUTH, timeout=5).json()
    second = requests.get(url, params={"pageSize": 2, "pageToken": first["nextPageToken"]}, headers=AUTH,
                          timeout=5).json()
    assert len(first["files"]) == 2 and len(second["files"]) == 1 and "nextPageToken" not in second
    contains = requests.get(url, params={"q": "name contains 'p1' and trashed = false"}, headers=AUTH, timeout=5)
    assert [f["name"] for f in contains.json()["files"]] == ["P1"]
    bad = requests.get(url, params={"q": "fullText has 'x'"}, headers=AUTH, timeout=5)
    assert bad.status_code == 400 and bad.json()["error"]["errors"][0]["reason"] == "invalid"
    other = requests.post(url, json={"name": "doc", "mimeType": "application/vnd.google-apps.document"},
                          headers=AUTH, timeout=5)
    assert other.status_code == 400
    assert requests.get(url, timeout=5).status_code == 401
