"""Request bodies every endpoint reads alike: too large (413), not JSON or too deep (400
`invalid_json`), another content type (415); well-formed but wrong bodies keep their 422."""
from __future__ import annotations

import io
import json

import pytest
from flask import request

from app import create_app
from sheets_addon.api.request_body import MAX_JSON_DEPTH, nesting_depth
from sheets_addon.config import Settings
from sheets_addon.flows.catalog import field_catalog
from tests.api.test_connections import connect  # noqa: F401  (the `connect` fixture)
from tests.api.test_flows_api import ana_connection, flow, flow_body, sheet  # noqa: F401  (fixtures)

JSON = {"Content-Type": "application/json"}


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth


def body_readers(flow_id: int, sheet_id: str) -> list[tuple[str, str, object]]:
    """Every endpoint that reads a JSON body, with a well-formed body it refuses as wrong (422)."""
    return [("POST", "/api/v1/flows", {"name": "sem o resto"}),
            ("PUT", f"/api/v1/flows/{flow_id}", {"name": "sem o resto"}),
            ("POST", "/api/v1/hooks/nudge", {"spreadsheet_id": sheet_id}),
            ("POST", "/api/v1/catalog/sale", {"headers": "Pedido"})]


def test_the_largest_flow_the_add_on_can_make_is_accepted_far_below_the_limit(api, signed_in, ana_connection,
                                                                             sheet, prove):
    """The measure behind MAX_REQUEST_BYTES: the widest kind with every field mapped to a 200-character
    header and 50 filters of 40 values each (the sidebar sets no bound on either) is about 115 KB."""
    fields = [field["key"] for field in field_catalog("sale", [], [])["fields"]]
    header = [f"Coluna de nome bem comprido {number} ".ljust(200, ".") for number in range(len(fields) + 50)]
    values = [f"Produto {number:03} {'x' * 28}" for number in range(40)]
    body = flow_body(ana_connection["id"], sheet, name="N" * 200, worksheet="W" * 200, trigger_column="T" * 200,
                     mapping=dict(zip(fields, header)),
                     filters=[{"column": column, "op": "in", "values": values} for column in header[len(fields):]])
    size = len(json.dumps(body).encode())
    assert prove(sheet).status_code == 200

    answer = api.post("/api/v1/flows", json=body, headers=signed_in())

    assert answer.status_code == 201, answer.json
    assert len(answer.json["filters"]) == 50 and len(answer.json["mapping"]) == len(fields)
    assert 100_000 < size < Settings.MAX_REQUEST_BYTES / 8


def test_a_body_over_the_limit_answers_413_before_sign_in_or_parsing(tmp_path, api, signed_in):
    too_large = "x" * (Settings.MAX_REQUEST_BYTES + 1)
    for headers in (signed_in(), {}):  # refused before anyone is asked who is calling
        answer = api.post("/api/v1/hooks/nudge", data=too_large, headers={**headers, **JSON})
        assert answer.status_code == 413
        assert answer.json["error"] == {"code": "request_entity_too_large",
                                        "message": "O conteúdo enviado é grande demais."}
    assert api.get("/health", data=too_large).status_code == 413

    strict = create_app({"TESTING": True, "DATABASE_URL": f"sqlite:///{tmp_path / 'a.db'}", "MAX_REQUEST_BYTES": 64})
    assert strict.test_client().post("/api/v1/hooks/nudge", data="x" * 65, headers=JSON).status_code == 413


def test_a_body_sent_in_chunks_is_read_up_to_the_limit_and_refused_past_it(tmp_path):
    """Without a Content-Length werkzeug would cut the body at the limit and read the rest as if absent."""
    app = create_app({"TESTING": True, "DATABASE_URL": f"sqlite:///{tmp_path / 'a.db'}", "MAX_REQUEST_BYTES": 64})
    app.add_url_rule("/echo", "echo", lambda: {"read": request.get_json()}, methods=["POST"])

    def chunked(body: bytes):
        return app.test_client().post("/echo", input_stream=io.BytesIO(body), headers=JSON, environ_overrides={
            "HTTP_TRANSFER_ENCODING": "chunked", "wsgi.input_terminated": True})  # as gunicorn says it

    exactly = json.dumps({"a": "x" * 40}).encode().ljust(64)
    assert chunked(exactly).json == {"read": {"a": "x" * 40}}
    assert chunked(exactly + b" ").status_code == 413
    assert chunked(b'"' + b"7" * 80 + b'"').status_code == 413  # cut at 64, it was a 400 for broken JSON


def test_a_body_that_is_not_json_answers_400_invalid_json_everywhere(api, signed_in, flow, sheet):
    for method, path, _ in body_readers(flow["id"], sheet):
        for text in ('{"spreadsheet_id": ', "not json", "", "\xff\xfe{", '{"a": }'):
            answer = api.open(method, path, data=text.encode("latin-1"), headers={**signed_in(), **JSON})
            assert answer.status_code == 400, (method, path, text)
            assert answer.json["error"] == {"code": "invalid_json",
                                            "message": "O conteúdo enviado não é um JSON válido."}


def test_json_nested_too_deep_answers_400_and_as_deep_as_allowed_is_read(api, signed_in, flow, sheet):
    for method, path, _ in body_readers(flow["id"], sheet):
        for depth in (MAX_JSON_DEPTH + 1, 100_000):
            answer = api.open(method, path, data=nested(depth), headers={**signed_in(), **JSON})
            assert answer.status_code == 400, (method, path, depth)
            assert answer.json["error"]["code"] == "invalid_json"
            assert f"mais de {MAX_JSON_DEPTH} níveis" in answer.json["error"]["message"]
        deepest = api.open(method, path, data=nested(MAX_JSON_DEPTH), headers={**signed_in(), **JSON})
        assert deepest.status_code == 422, (method, path)  # read, and refused as the wrong shape


def test_another_content_type_answers_415_and_well_formed_wrong_bodies_keep_their_422(api, signed_in, flow, sheet):
    for method, path, wrong in body_readers(flow["id"], sheet):
        for headers in ({"Content-Type": "text/plain"}, {"Content-Type": "application/x-www-form-urlencoded"}, {}):
            answer = api.open(method, path, data=json.dumps(wrong), headers={**signed_in(), **headers})
            assert answer.status_code == 415, (method, path, headers)
            assert answer.json["error"] == {"code": "unsupported_media_type", "message": "Envie o conteúdo como JSON."}
        refused = api.open(method, path, json=wrong, headers=signed_in())
        assert refused.status_code == 422, (method, path)


@pytest.mark.parametrize(("text", "depth"), [
    ("{}", 1), ("[[], [[]]]", 3), ('{"a": "[[[[ {{{{"}', 1), ('["\\"[[[", [1]]', 2), ('"[["', 0), ("7", 0),
    (nested(100_000), 100_000)])
def test_nesting_depth_counts_brackets_outside_strings(text, depth):
    assert nesting_depth(text) == depth
