"""Small assertions shared by the Conta Azul stand-in tests (fixtures stay in conftest.py)."""
from __future__ import annotations

from typing import Any

import httpx


def pick(records: dict[str, dict], **wanted: Any) -> dict:
    """The first record whose fields equal all of `wanted`."""
    return next(r for r in records.values() if all(r.get(key) == value for key, value in wanted.items()))


def error_of(response: httpx.Response, status: int = 400) -> str:
    """The message of a `{"code", "message"}` error, after checking its status and shape."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert body["code"] == status
    return body["message"]
