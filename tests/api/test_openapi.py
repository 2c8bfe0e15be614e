"""/api/v1/openapi.json describes exactly the routes the app serves (the answers themselves are
checked against it by the `api` client in every API test)."""
from __future__ import annotations

from jsonschema import Draft202012Validator

from tests.api.openapi_check import openapi_path

IGNORED_METHODS = {"HEAD", "OPTIONS"}


def served_operations(app) -> set[tuple[str, str]]:
    return {(openapi_path(rule.rule), method.lower())
            for rule in app.url_map.iter_rules()
            if rule.rule.startswith("/api/v1") or rule.rule == "/health"
            for method in rule.methods - IGNORED_METHODS}


def test_every_route_is_described_and_every_description_is_served(api, api_app):
    document = api.get("/api/v1/openapi.json").json
    described = {(path, method) for path, operations in document["paths"].items() for method in operations}

    assert described == served_operations(api_app)


def test_the_schemas_are_valid_json_schema(api):
    for schema in api.get("/api/v1/openapi.json").json["components"]["schemas"].values():
        Draft202012Validator.check_schema(schema)


def test_health_answers_as_described(api):
    assert api.get("/health").status_code in (200, 503)  # checked against the document by `api`
