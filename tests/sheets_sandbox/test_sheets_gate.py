"""Quotas, authentication, injected faults and counters, seen through real gspread."""
from __future__ import annotations

import time

import gspread
import pytest
import requests
from google.auth.exceptions import RefreshError
from google.oauth2.credentials import Credentials

from sandbox.sheets.errors import GoogleError
from sheets_addon.google_endpoints import gspread_client as build_client

READ_QUOTA_MESSAGE = ("Quota exceeded for quota metric 'Read requests' and limit 'Read requests per minute per user' "
                      "of service 'sheets.googleapis.com' for consumer 'project_number:424242424242'.")


def _client(sheets_sandbox, token: str) -> gspread.Client:
    return build_client(Credentials(token=token), sheets_sandbox.url)


def test_default_quota_is_60_reads_per_minute_per_user(sheets_sandbox, gspread_client, sales_id):
    http = gspread_client.http_client
    for _ in range(60):
        http.values_get(sales_id, "Vendas!A1")
    with pytest.raises(gspread.exceptions.APIError) as caught:
        http.values_get(sales_id, "Vendas!A1")
    assert caught.value.code == 429
    error = caught.value.error
    assert (error["status"], error["message"]) == ("RESOURCE_EXHAUSTED", READ_QUOTA_MESSAGE)
    assert error["details"][0]["reason"] == "RATE_LIMIT_EXCEEDED"
    assert error["details"][0]["metadata"]["quota_limit"] == "ReadRequestsPerMinutePerUser"
    assert "Retry-After" not in caught.value.response.headers


def test_quota_refills_after_a_minute_on_the_stand_ins_clock(sheets_sandbox, vendas):
    sheets_sandbox.advance_clock(61)                  # a fresh window: opening the sheet read twice
    sheets_sandbox.configure_quotas(read_per_minute=2, write_per_minute=1)
    vendas.get("A1")
    vendas.get("A1")
    with pytest.raises(gspread.exceptions.APIError) as caught:
        vendas.get("A1")
    assert caught.value.code == 429
    vendas.update([["x"]], "F1")                      # writes have their own quota
    with pytest.raises(gspread.exceptions.APIError) as caught:
        vendas.update([["y"]], "F1")
    assert "'Write requests per minute per user'" in caught.value.error["message"]
    sheets_sandbox.advance_clock(59)
    with pytest.raises(gspread.exceptions.APIError):
        vendas.get("A1")
    sheets_sandbox.advance_clock(2)
    assert vendas.get("F1") == [["x"]]
    stats = sheets_sandbox.stats()
    assert stats["quota_exceeded"] == 3 and stats["by_status"][429] == 3


def test_quotas_are_per_user_unless_the_project_total_is_set(sheets_sandbox, sales_id):
    ana, bia = _client(sheets_sandbox, "token-ana"), _client(sheets_sandbox, "token-bia")
    sheets_sandbox.configure_quotas(read_per_minute=1)
    ana.http_client.values_get(sales_id, "A1")
    bia.http_client.values_get(sales_id, "A1")
    with pytest.raises(gspread.exceptions.APIError):
        ana.http_client.values_get(sales_id, "A1")
    sheets_sandbox.advance_clock(61)
    sheets_sandbox.configure_quotas(read_per_minute=10, project_read_per_minute=1, send_retry_after=True)
    ana.http_client.values_get(sales_id, "A1")
    with pytest.raises(gspread.exceptions.APIError) as caught:
        bia.http_client.values_get(sales_id, "A1")
    assert "limit 'Read requests per minute' of service" in caught.value.error["message"]
    assert 1 <= int(caught.value.response.headers["Retry-After"]) <= 60
    assert len(sheets_sandbox.stats()["by_user"]) == 2


def test_any_bearer_token_works_by_default(sheets_sandbox, sales_id):
    assert _client(sheets_sandbox, "whatever").open_by_key(sales_id).title == "Vendas 2026"


def test_strict_mode_accepts_only_registered_tokens(sheets_sandbox, sales_id):
    sheets_sandbox.configure_auth(strict=True)
    sheets_sandbox.register_token("ya29.registered", "ana@padariaaurora.com.br")
    assert _client(sheets_sandbox, "ya29.registered").open_by_key(sales_id).title == "Vendas 2026"
    with pytest.raises(RefreshError):     # google-auth tries to refresh on 401 and cannot: no refresh token
        _client(sheets_sandbox, "ya29.stranger").open_by_key(sales_id)
    answer = requests.get(f"{sheets_sandbox.url}/v4/spreadsheets/{sales_id}",
                          headers={"Authorization": "Bearer ya29.stranger"}, timeout=5)
    assert answer.status_code == 401
    assert answer.json()["error"]["status"] == "UNAUTHENTICATED"
    assert answer.json()["error"]["message"].startswith("Request had invalid authentication credentials.")
    assert answer.headers["WWW-Authenticate"].startswith("Bearer")
    assert sheets_sandbox.stats()["by_user"] == {"ana@padariaaurora.com.br": 1}
    assert sheets_sandbox.stats()["unauthenticated"] == 2


@pytest.mark.parametrize("strict", [False, True])
@pytest.mark.parametrize("headers", [{}, {"Authorization": "Basic YTpi"}, {"Authorization": "Bearer "}])
def test_missing_or_malformed_auth_is_401(sheets_sandbox, sales_id, strict, headers):
    sheets_sandbox.configure_auth(strict=strict)
    answer = requests.get(f"{sheets_sandbox.url}/v4/spreadsheets/{sales_id}/values/A1", headers=headers, timeout=5)
    assert answer.status_code == 401
    assert answer.json()["error"]["code"] == 401
    assert answer.json()["error"]["status"] == "UNAUTHENTICATED"


def test_fail_next_injects_the_status_asked_for(sheets_sandbox, vendas):
    sheets_sandbox.configure_faults(fail_next=2, fail_status=503)
    for _ in range(2):
        with pytest.raises(gspread.exceptions.APIError) as caught:
            vendas.get("A1")
        assert caught.value.code == 503
        assert caught.value.error == {"code": 503, "message": "The service is currently unavailable.",
                                      "status": "UNAVAILABLE"}
    assert vendas.get("A1") == [["Data"]]
    assert sheets_sandbox.stats()["injected_errors"] == 2


def test_error_rate_and_latency(sheets_sandbox, vendas):
    sheets_sandbox.configure_faults(error_rate=1.0)
    with pytest.raises(gspread.exceptions.APIError) as caught:
        vendas.get("A1")
    assert caught.value.code in (500, 503)
    sheets_sandbox.configure_faults(error_rate=0, latency_ms=60)
    started = time.monotonic()
    vendas.get("A1")
    assert time.monotonic() - started >= 0.06
    with pytest.raises(GoogleError):
        sheets_sandbox.configure_faults(fail_status=418)


def test_stats_count_calls_per_method_and_spreadsheet(sheets_sandbox, gspread_client, sales_id):
    book = gspread_client.open_by_key(sales_id)
    tab = book.sheet1
    tab.get("A1")
    tab.batch_get(["A1", "B1"])
    tab.update([["x"]], "F1")
    tab.append_row(["y"])
    tab.clear()
    stats = sheets_sandbox.stats()
    assert stats["by_method"] == {"spreadsheets.get": 2, "values.get": 1, "values.batchGet": 1,
                                  "values.update": 1, "values.append": 1, "values.clear": 1}
    assert stats["by_spreadsheet"] == {sales_id: stats["by_method"]}
    assert stats["requests"] == 7 and stats["by_status"] == {200: 7}
    sheets_sandbox.reset_stats()
    assert sheets_sandbox.stats()["requests"] == 0


def test_apps_scripts_own_access_draws_on_no_api_quota(sheets_sandbox, sales_id):
    """SpreadsheetApp (the try-it page's shim) reads inside Google, not through the Sheets API's quota."""
    sheets_sandbox.configure_quotas(read_per_minute=2)
    apps_script = _client(sheets_sandbox, sheets_sandbox.apps_script_token("ana@padariaaurora.com.br")).http_client
    for _ in range(5):
        apps_script.values_get(sales_id, "Vendas!A1")
    api = _client(sheets_sandbox, "ana-api-token").http_client
    api.values_get(sales_id, "Vendas!A1")
    api.values_get(sales_id, "Vendas!A1")
    with pytest.raises(gspread.exceptions.APIError) as caught:
        api.values_get(sales_id, "Vendas!A1")
    assert caught.value.code == 429 and sheets_sandbox.stats()["quota_exceeded"] == 1
