"""Checks answers against /api/v1/openapi.json: the route must be described, the status listed,
and a JSON body valid against its schema."""
from __future__ import annotations

from typing import Any

from flask import Flask
from jsonschema import Draft202012Validator
from werkzeug.test import TestResponse

from sheets_addon.api.openapi import DOCUMENT


def openapi_path(rule: str) -> str:
    """A Flask rule (`/x/<int:id>`) as an OpenAPI path (`/x/{id}`)."""
    parts = [f"{{{part[1:-1].split(':')[-1]}}}" if part.startswith("<") else part for part in rule.split("/")]
    return "/".join(parts)


def check_response(method: str, rule: str, response: TestResponse) -> None:
    operation = DOCUMENT["paths"][openapi_path(rule)][method.lower()]
    described = operation["responses"].get(str(response.status_code))
    assert described, f"{method} {rule} answered {response.status_code}, which the document does not list"
    content_type = response.mimetype
    assert content_type in described["content"], f"{method} {rule} answered {content_type}"
    if content_type == "application/json":
        schema = {**described["content"][content_type]["schema"], "components": DOCUMENT["components"]}
        Draft202012Validator(schema).validate(response.get_json())


class OpenApiCheckingClient:
    """Flask's test client whose every answer is checked against the document."""

    def __init__(self, app: Flask) -> None:
        self.app, self._client = app, app.test_client()

    def open(self, method: str, path: str, **kwargs: Any) -> TestResponse:
        response = self._client.open(path, method=method, **kwargs)
        adapter = self.app.url_map.bind("localhost")
        endpoint, _ = adapter.match(path.split("?")[0], method=method)
        rule = next(r.rule for r in self.app.url_map.iter_rules() if r.endpoint == endpoint)
        check_response(method, rule, response)
        return response

    def get(self, path: str, **kwargs: Any) -> TestResponse:
        return self.open("GET", path, **kwargs)

    def post(self, path: str, **kwargs: Any) -> TestResponse:
        return self.open("POST", path, **kwargs)

    def cookie(self, name: str, path: str = "/api/v1/connections/") -> str | None:
        """The value of a cookie this client (a browser, to the backend) holds."""
        cookie = self._client.get_cookie(name, path=path)
        return None if cookie is None else cookie.value
