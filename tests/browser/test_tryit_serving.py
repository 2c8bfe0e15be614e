"""The try-it page is the demo's only: `flask --app app demo` serves it at /sandbox, a production
configuration never does (it mints Google ID tokens for anyone and fetches any URL)."""
from __future__ import annotations

import json
import re

import httpx
import pytest

from app import create_app
from sandbox.tryit.app import APPSSCRIPT_DIR
from tests.helpers import running_demo

TRYIT_PATHS = ("/sandbox/", "/sandbox/google/identity-token", "/sandbox/appsscript/Code.gs", "/sandbox/sheet")


@pytest.mark.parametrize("config", [
    {},  # the defaults: what gunicorn 'app:create_app()' serves
    {"SHEETS_API_BASE_URL": "http://127.0.0.1:9", "GOOGLE_CERTS_URL": "http://127.0.0.1:9/oauth2/v1/certs"},
])
def test_a_production_backend_never_serves_the_tryit_page(tmp_path, config):
    app = create_app({"DATABASE_URL": f"sqlite:///{tmp_path / 'azulejo.db'}", "SECRET_KEY": "x", **config})
    client = app.test_client()
    for path in TRYIT_PATHS:
        assert client.get(path).status_code == 404, path


def test_the_demo_command_serves_the_tryit_page_with_the_addons_own_files(tmp_path):
    with running_demo(tmp_path / "instance") as demo:
        base = f"http://127.0.0.1:{demo.backend_port}/sandbox"
        page = demo.get(f"{base}/")
        assert page.status_code == 200 and "Abrir painel" in page.text
        config = json.loads(re.search(r'id="tryit-config">(.*?)</script>', page.text, re.S).group(1))
        assert config["scriptFiles"] == sorted(p.name for p in APPSSCRIPT_DIR.glob("*.gs"))
        assert config["sheetsApiUrl"] == f"http://127.0.0.1:{demo.sheets_port}"
        code = httpx.get(f"{base}/appsscript/Code.gs")
        assert code.content == (APPSSCRIPT_DIR / "Code.gs").read_bytes()
        assert httpx.get(f"{base}/appsscript/..%2Fapp.py").status_code == 404
        assert httpx.get(f"{base}/appsscript/%2E%2E/pyproject.toml").status_code == 404
        # What another site's page can send without a CORS preflight (no JSON content type) is refused.
        for path in ("google/properties/script", "google/urlfetch", "sheet/cells"):
            forged = httpx.post(f"{base}/{path}", content=json.dumps({"set": {"AZULEJO_BACKEND_URL": "http://x"}}),
                                headers={"Content-Type": "text/plain"})
            assert forged.status_code == 415, path
        properties = httpx.get(f"{base}/google/properties/script").json()
        assert properties == {"AZULEJO_BACKEND_URL": f"http://127.0.0.1:{demo.backend_port}"}
        sheet = httpx.get(f"{base}/sheet").json()
        assert [tab["title"] for tab in sheet["tabs"]] == ["Vendas", "Clientes", "Contas a pagar"]
    assert f"{base}/" in demo.output
