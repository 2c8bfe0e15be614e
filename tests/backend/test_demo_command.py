"""The README's run command: `flask --app app demo` serves the backend and the stand-in together."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx

from tests.helpers import free_ports

PROJECT_ROOT = Path(__file__).resolve().parents[2]


def _wait_for(url: str, process: subprocess.Popen, deadline: float) -> httpx.Response:
    while True:
        try:
            return httpx.get(url, timeout=2)
        except httpx.TransportError:
            if process.poll() is not None:
                raise AssertionError(f"the demo exited early:\n{process.communicate()[0]}") from None
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def test_demo_serves_a_healthy_backend_beside_the_contaazul_stand_in(tmp_path):
    backend_port, contaazul_port, sheets_port = free_ports(3)
    env = {**os.environ, "AZULEJO_INSTANCE_PATH": str(tmp_path / "instance")}
    process = subprocess.Popen(
        [sys.executable, "-m", "flask", "--app", "app", "demo",
         "--port", str(backend_port), "--contaazul-port", str(contaazul_port),
         "--sheets-port", str(sheets_port)],
        env=env,
        cwd=PROJECT_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        health = _wait_for(f"http://127.0.0.1:{backend_port}/health", process, time.monotonic() + 60)
        assert health.status_code == 200
        assert health.json()["contaazul_api_base_url"] == f"http://127.0.0.1:{contaazul_port}"
        login = httpx.get(
            f"http://127.0.0.1:{contaazul_port}/oauth2/authorize",
            params={
                "response_type": "code",
                "client_id": "azulejo-sandbox",
                "redirect_uri": f"http://127.0.0.1:{backend_port}/api/v1/connections/contaazul/callback",
                "state": "s",
            },
        )
        assert login.status_code == 200
        assert (tmp_path / "instance" / "azulejo.db").exists()
        sheets = httpx.get(f"http://127.0.0.1:{sheets_port}/v4/spreadsheets/nao-existe",
                           headers={"Authorization": "Bearer demo"})
        assert sheets.status_code == 404
        id_token = httpx.post(f"http://127.0.0.1:{sheets_port}/_sandbox/id-token",
                              json={"email": "ana@padariaaurora.com.br"}).json()["id_token"]
        signed_in = {"Authorization": f"Bearer {id_token}"}
        me = httpx.get(f"http://127.0.0.1:{backend_port}/api/v1/me", headers=signed_in)
        link = httpx.post(f"http://127.0.0.1:{backend_port}/api/v1/connections/contaazul/start", headers=signed_in)
        assert me.json()["email"] == "ana@padariaaurora.com.br"
        assert httpx.get(link.json()["authorize_url"]).status_code == 200  # the stand-in's sign-in page
    finally:
        process.send_signal(signal.SIGINT)
        try:
            output, _ = process.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            output, _ = process.communicate()
    assert "ana@padariaaurora.com.br" in output
