"""UrlFetchApp's other half: the request made from the server, as Google's fetch service makes it.

In Apps Script, `UrlFetchApp.fetch` runs on Google's servers, not in the person's browser, so
neither CORS nor the browser's origin apply. The shim posts the request here and gets the
answer back; a host that cannot be reached is reported the way Apps Script words it.
"""
from __future__ import annotations

import base64
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

METHODS = ("get", "delete", "patch", "post", "put", "head", "options")
TIMEOUT_SECONDS = 60.0  # Apps Script gives up on a fetch after about a minute too


class FetchRefused(ValueError):
    """The request itself is not one UrlFetchApp would make (bad URL or method)."""


@dataclass(frozen=True)
class FetchRequest:
    url: str
    method: str = "get"
    headers: dict[str, str] | None = None
    body: bytes | None = None
    follow_redirects: bool = True

    @classmethod
    def from_json(cls, data: dict) -> FetchRequest:
        url = str(data.get("url") or "")
        if urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).netloc:
            raise FetchRefused(f"Invalid argument: {url}")
        method = str(data.get("method") or "get").lower()
        if method not in METHODS:
            raise FetchRefused(f"Invalid argument: method {method}")
        body = base64.b64decode(data["body_base64"]) if data.get("body_base64") else None
        headers = {str(k): str(v) for k, v in (data.get("headers") or {}).items()}
        return cls(url, method, headers, body, bool(data.get("follow_redirects", True)))


def fetch(request: FetchRequest) -> dict:
    """{"status", "headers", "body_base64"}, or {"unreachable": message} when no answer came."""
    try:
        with httpx.Client(timeout=TIMEOUT_SECONDS, follow_redirects=request.follow_redirects) as client:
            answer = client.request(request.method.upper(), request.url, headers=request.headers,
                                    content=request.body)
    except httpx.TimeoutException:
        return {"unreachable": f"Timeout: {request.url}"}
    except httpx.HTTPError:
        return {"unreachable": f"Address unavailable: {request.url}"}
    return {"status": answer.status_code, "headers": dict(answer.headers),
            "body_base64": base64.b64encode(answer.content).decode("ascii")}
