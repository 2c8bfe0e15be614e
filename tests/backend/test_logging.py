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
