"""Operator logs are JSON lines and never carry credentials."""
from __future__ import annotations

import json
import logging

from sheets_addon.log import JsonLineFormatter, scrub


def test_scrub_removes_credentials():
    line = (
        'Authorization: Bearer eyJhbGciOi.abc-123 refresh_token=rt_987 '
        '{"client_secret": "cs-555"} code=abc123 Basic dXNlcjpwYXNz'
    )
    cleaned = scrub(line)
    for secret in ("eyJhbGciOi.abc-123", "rt_987", "cs-555", "abc123", "dXNlcjpwYXNz"):
        assert secret not in cleaned
    assert cleaned.count("[redacted]") == 5


def test_formatter_writes_one_json_object_with_extras():
    record = logging.makeLogRecord(
        {"name": "azulejo.sync", "levelname": "INFO", "msg": "flow ran", "flow_id": 7}
    )
    entry = json.loads(JsonLineFormatter().format(record))
    assert entry["event"] == "flow ran"
    assert entry["flow_id"] == 7
    assert entry["logger"] == "azulejo.sync"


def test_error_codes_stay_readable_while_callback_codes_and_states_are_scrubbed():
    formatter = JsonLineFormatter()
    refused = logging.makeLogRecord({"name": "sheets_addon.api.auth", "levelname": "INFO", "msg": "sign-in refused",
                                     "code": "token_expired", "status_code": 401, "state": "failed"})
    callback = logging.makeLogRecord({
        "name": "gunicorn.error", "levelname": "ERROR",
        "msg": "Error handling request /api/v1/connections/contaazul/callback?code=4/0AbC-9xYz&state=Zk3_qP9-w"})
    answered = logging.makeLogRecord({"name": "contaazul", "levelname": "WARNING", "msg": "token endpoint said",
                                      "body": '{"code": "sUp3r-Code", "state": "Zk3_qP9-w", "code_kind": "x"}'})

    refused_line, callback_line, answered_line = (formatter.format(r) for r in (refused, callback, answered))

    entry = json.loads(refused_line)
    assert (entry["code"], entry["status_code"], entry["state"]) == ("token_expired", 401, "failed")
    for line in (callback_line, answered_line):
        assert "4/0AbC-9xYz" not in line and "Zk3_qP9-w" not in line and "sUp3r-Code" not in line
    assert json.loads(callback_line)["event"].endswith("callback?code=[redacted]&state=[redacted]")
    assert scrub("grant_type=authorization_code&code=token_expired") == \
        "grant_type=authorization_code&code=[redacted]"  # in a form or a query, a code is always the secret kind


def test_secrets_with_spaces_or_inside_quoted_text_are_scrubbed_whole():
    record = logging.makeLogRecord({
        "name": "sheets_addon", "levelname": "ERROR", "msg": 'refused {"password": "correct horse", "code": "a/B"}',
        "password": "correct horse battery", "private_key": "-----BEGIN PRIVATE KEY-----\nMIIEvQ\n-----END"})

    line = JsonLineFormatter().format(record)

    for secret in ("correct", "horse", "battery", "MIIEvQ", "BEGIN", "a/B"):
        assert secret not in line
    assert json.loads(line)["password"] == "[redacted]"
    assert scrub("{'client_secret': 'cs 555', 'code': 'invalid_json'}") == \
        "{'client_secret': '[redacted]', 'code': 'invalid_json'}"
