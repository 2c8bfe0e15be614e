"""Operator logs: one structured line per event, in English, with secrets scrubbed.

Scrubbing is a second line of defence: code must not log secrets in the first place.
"""
from __future__ import annotations

import json
import logging
import re
from datetime import UTC, datetime

_SECRET_PATTERNS = [
    re.compile(r"(?i)(bearer\s+)[A-Za-z0-9._~+/=-]+"),
    re.compile(r"(?i)(basic\s+)[A-Za-z0-9+/=]+"),
    re.compile(
        r"(?i)((?:access_token|refresh_token|id_token|client_secret|code|password)"
        r"[\"']?\s*[:=]\s*[\"']?)[^\s\"'&,}]+"
    ),
    re.compile(r"(://[^:/@\s]+:)[^@\s/]+(?=@)"),  # a password in a URL (DATABASE_URL)
]


def scrub(text: str) -> str:
    """Replaces anything shaped like a credential with `[redacted]`."""
    for pattern in _SECRET_PATTERNS:
        text = pattern.sub(r"\1[redacted]", text)
    return text


class JsonLineFormatter(logging.Formatter):
    """Formats a record as one JSON object; extra fields given with `extra=` are kept."""

    _standard = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "event": record.getMessage(),
        }
        entry.update({k: v for k, v in vars(record).items() if k not in self._standard})
        if record.exc_info:
            entry["error"] = self.formatException(record.exc_info)
        return scrub(json.dumps(entry, default=str, ensure_ascii=False))


def configure_logging(level: str, testing: bool = False) -> None:
    """Sends every logger's output, as JSON lines, to stderr (once per process).

    Under test the runner captures records itself, so no handler is added.
    """
    root = logging.getLogger()
    if testing:
        return
    if any(isinstance(h.formatter, JsonLineFormatter) for h in root.handlers):
        root.setLevel(level)
        return
    handler = logging.StreamHandler()
    handler.setFormatter(JsonLineFormatter())
    root.addHandler(handler)
    root.setLevel(level)
