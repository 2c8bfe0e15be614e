"""Settings from the environment, the CLI, and the stand-in served by `python -m sandbox.sheets`."""
from __future__ import annotations

import subprocess
import sys
import time

import gspread
import httpx
import pytest
from google.oauth2.credentials import Credentials

from sandbox.sheets import SheetsSandboxSettings
from sandbox.sheets.__main__ import parse_args
from sheets_addon.google_endpoints import gspread_client
from tests.helpers import free_ports


def test_settings_from_env_with_flags_winning():
    settings = SheetsSandboxSettings.from_env({"SANDBOX_SHEETS_READ_PER_MINUTE": "5",
                                               "SANDBOX_SHEETS_STRICT_AUTH": "sim",
                                               "SANDBOX_SHEETS_ERROR_RATE": "0.25",
                                               "SANDBOX_SHEETS_LOCALE": ""}, read_per_minute=7, latency_ms=None)
    assert (settings.read_per_minute, settings.strict_auth, settings.error_rate) == (7, True, 0.25)
    assert (settings.locale, settings.write_per_minute, settings.send_retry_after) == ("pt_BR", 60, False)
    assert settings.updated(locale="en_US", seed=None).locale == "en_US"


def test_cli_flags():
    args = parse_args(["--port", "8123", "--read-per-minute", "3", "--write-per-minute", "4", "--strict-auth",
                       "--error-rate", "0.1", "--latency-ms", "5", "--seed", "9"])
    assert (args.port, args.read_per_minute, args.write_per_minute, args.strict_auth) == (8123, 3, 4, True)
    assert parse_args([]).strict_auth is None


def test_python_dash_m_serves_gspread():
    port = free_ports(1)[0]
    base = f"http://127.0.0.1:{port}"
    process = subprocess.Popen([sys.executable, "-m", "sandbox.sheets", "--port", str(port), "--read-per-minute",
                                "3"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(200):
            try:
                if httpx.get(f"{base}/_sandbox/health").status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.05)
        book_id = httpx.post(f"{base}/_sandbox/spreadsheets", json={"title": "CLI", "tabs": {"T": [["1,5"]]}}).json()[
            "spreadsheetId"]
        sheet = gspread_client(Credentials(token="cli"), base).open_by_key(book_id).sheet1   # two reads
        assert sheet.get("A1", value_render_option="UNFORMATTED_VALUE") == [[1.5]]
        with pytest.raises(gspread.exceptions.APIError) as caught:
            sheet.get("A1")
        assert caught.value.code == 429
    finally:
        process.terminate()
        process.wait(timeout=5)
