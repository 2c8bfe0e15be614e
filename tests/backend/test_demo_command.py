"""The README's run command: `flask --app app demo` serves the backend and the stand-in together."""
from __future__ import annotations

import httpx

from tests.helpers import running_demo


def test_demo_serves_a_healthy_backend_beside_the_contaazul_stand_in(tmp_path):
    with running_demo(tmp_path / "instance") as demo:
        backend_port, contaazul_port, sheets_port = demo.backend_port, demo.contaazul_port, demo.sheets_port
        health = demo.get(f"http://127.0.0.1:{backend_port}/health")
        assert health.status_code == 200 and health.json() == {"status": "ok"}  # the stand-in answers
        page = httpx.get(f"http://127.0.0.1:{contaazul_port}/")  # the sign-in page; its parameters are in the fragment
        check = httpx.post(f"http://127.0.0.1:{contaazul_port}/oauth/sign-in", json={
            "action": "check", "response_type": "code", "client_id": "azulejo-sandbox", "state": "s",
            "redirect_uri": f"http://127.0.0.1:{backend_port}/api/v1/connections/contaazul/callback"})
        assert page.status_code == 200 and check.json()["app_name"] == "Azulejo"  # the demo's client is registered
        assert (tmp_path / "instance" / "demo.db").exists()  # a database of its own, afresh each start
        sheets = httpx.get(f"http://127.0.0.1:{sheets_port}/v4/spreadsheets/nao-existe",
                           headers={"Authorization": "Bearer demo"})
        assert sheets.status_code == 404
        id_token = httpx.post(f"http://127.0.0.1:{sheets_port}/_sandbox/id-token",
                              json={"email": "ana@padariaaurora.com.br"}).json()["id_token"]
        signed_in = {"Authorization": f"Bearer {id_token}"}
        me = httpx.get(f"http://127.0.0.1:{backend_port}/api/v1/me", headers=signed_in)
        link = httpx.post(f"http://127.0.0.1:{backend_port}/api/v1/connections/contaazul/start", headers=signed_in)
        assert me.json()["email"] == "ana@padariaaurora.com.br"
        service_account = me.json()["google_access"]["share_with"]  # a real service account of the stand-in
        assert me.json()["google_access"]["mode"] == "service_account"
        assert service_account.endswith("@azulejo-sandbox.iam.gserviceaccount.com")
        begun = httpx.get(link.json()["authorize_url"], follow_redirects=True)  # the begin page, then on
        assert begun.status_code == 200  # the Sheets stand-in's Google sign-in page, checking who connects
        assert str(begun.url).startswith(f"http://127.0.0.1:{sheets_port}/o/oauth2/v2/auth?")
    assert "ana@padariaaurora.com.br" in demo.output and service_account in demo.output
