"""Production serving: real gunicorn, with the repository's gunicorn.conf.py, on a free port against a
scratch instance folder; what reaches its access log and every other log; the proxy setting."""
from __future__ import annotations

import socket
import time

import httpx
import pytest
from flask import request

from app import create_app
from sandbox.contaazul import DEMO_EMAIL
from sheets_addon.config import CONNECT_BEGIN_PATH
from tests.deployment import CALLBACK_PATH, Browser, Deployment, state_of


@pytest.fixture(scope="module")
def deployment():
    with Deployment(worker=False) as deployment:
        yield deployment


def access_lines(deployment: Deployment, containing: str, count: int) -> list[str]:
    """The access log's lines naming `containing`, once there are `count` of them: gunicorn writes a
    request's line after its answer has gone, so the line may come a moment after the answer."""
    deadline = time.monotonic() + 10
    while True:
        text = deployment.log_path("gunicorn", "stdout").read_text(encoding="utf-8")
        lines = [line for line in text.splitlines() if containing in line]
        if len(lines) >= count or time.monotonic() > deadline:
            return lines
        time.sleep(0.05)


def test_gunicorn_serves_health_and_signed_in_calls(deployment):
    health = httpx.get(f"{deployment.url}/health", timeout=10)
    me = httpx.get(f"{deployment.url}/api/v1/me", headers=deployment.signed_in(), timeout=10)
    anonymous = httpx.get(f"{deployment.url}/api/v1/me", timeout=10)

    assert health.status_code == 200 and health.json()["status"] == "ok"
    assert me.status_code == 200 and me.json()["email"] == DEMO_EMAIL
    assert anonymous.status_code == 401 and anonymous.json()["error"]["code"]
    assert len(access_lines(deployment, '"GET /api/v1/me HTTP/1.1" 200', 1)) == 1


def test_the_connect_pages_leave_their_code_state_and_cookie_out_of_every_log(deployment):
    headers = deployment.signed_in()
    with Browser(deployment) as browser:
        link = deployment.start(headers=headers)
        state = state_of(link)
        page = browser.sign_in_at_contaazul(browser.to_contaazul(link, DEMO_EMAIL))  # the begin page's confirmation
        replay = browser.http.get(deployment.url + CALLBACK_PATH, params={"code": "made-up-code-123", "state": state})
        cookie = browser.http.cookies["azulejo_connect"]

    assert page.status_code == 200 and replay.status_code == 400
    lines = access_lines(deployment, CALLBACK_PATH, 2) + access_lines(deployment, CONNECT_BEGIN_PATH, 2)
    assert len(lines) == 4 and all("?" not in line and "code" not in line for line in lines)
    logs = deployment.logs()
    for secret in (page.request.url.params["code"], state, cookie, "made-up-code-123",
                   headers["Authorization"].split()[1]):
        assert secret not in logs


def test_a_request_gunicorn_refuses_is_logged_without_its_query(deployment):
    """gunicorn's own "Invalid request" line quotes the request line; the query stays out of it."""
    with socket.create_connection(("127.0.0.1", deployment.port), timeout=10) as raw:
        raw.sendall(f"GET {CALLBACK_PATH}?code=leaky-code-456&state=leaky-state\r\n\r\n".encode())
        answer = raw.recv(1024)

    assert answer.startswith(b"HTTP/1.1 400")
    errors = deployment.log_path("gunicorn", "stderr").read_text(encoding="utf-8")
    assert "Invalid request" in errors and CALLBACK_PATH in errors
    assert "leaky" not in deployment.logs()


@pytest.mark.parametrize(("proxies", "expected"), [(0, ("http", "127.0.0.1")), (1, ("https", "203.0.113.9"))])
def test_forwarded_headers_count_only_behind_trusted_proxies(tmp_path, proxies, expected):
    app = create_app({"TESTING": True, "DATABASE_URL": f"sqlite:///{tmp_path / 'azulejo.db'}",
                      "SECRET_KEY": "test", "TRUSTED_PROXIES": proxies})
    app.add_url_rule("/probe", "probe", lambda: {"scheme": request.scheme, "client": request.remote_addr})

    answer = app.test_client().get("/probe", headers={"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.9"})

    assert (answer.json["scheme"], answer.json["client"]) == expected
