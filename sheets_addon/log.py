"""Operator logs: one structured line per event, in English, with secrets scrubbed.

Scrubbing is a second line of defence: code must not log secrets in the first place.
"""
from __future__ import annotations

import json
import logging
import re
from datetime import UTC, datetime

# Names whose value is always a secret, wherever they stand (JSON, a query string, a form, a repr).
_SECRET_NAMES = "access_token|refresh_token|id_token|token|client_secret|secret|password|private_key"
# An OAuth callback's `code` and `state`: secrets, but `code` also names our error codes.
_CALLBACK_NAMES = ("code", "state")
_NAMES = "|".join((_SECRET_NAMES, *_CALLBACK_NAMES))
_NAMED_VALUE = re.compile(
    rf"(?i)(?<![\w-])(?P<name>{_NAMES})"
    r"(?P<separator>\\*[\"']?\s*(?P<operator>[:=])\s*)"
    r"(?P<value>\"(?:[^\"\\]|\\.)*\""  # a JSON string, escapes and spaces included
    r"|'(?:[^'\\]|\\.)*'"  # a Python repr's string
    r"|(?P<escaped>\\+[\"'])(?:(?!(?P=escaped)).)*(?P=escaped)"  # a string quoted inside a JSON string
    r"|\\*[\"']?[^\s\"'&,;}\]\\]+)"  # a bare value (a query's, a form's), or a string cut short
)
# What the API's error codes look like (`token_expired`, `invalid_json`): never an OAuth code or state.
_ERROR_CODE = re.compile(r"[a-z]+(?:_[a-z]+)*")
_OTHER_SECRETS = [
    re.compile(r"(?i)(bearer\s+)[A-Za-z0-9._~+/=-]+"),
    re.compile(r"(?i)(basic\s+)[A-Za-z0-9+/=]+"),
    re.compile(r"(://[^:/@\s]+:)[^@\s/]+(?=@)"),  # a password in a URL (DATABASE_URL)
]
REDACTED = "[redacted]"


def scrub(text: str) -> str:
    """Replaces anything shaped like a credential with `[redacted]`; error codes stay readable."""
    text = _NAMED_VALUE.sub(_redact_named, text)
    for pattern in _OTHER_SECRETS:
        text = pattern.sub(rf"\1{REDACTED}", text)
    return text


def _redact_named(match: re.Match[str]) -> str:
    """`code=…` (a query or a form) is an authorization code; `"code": "token_expired"` an error code."""
    value = match["value"]
    quote = match["escaped"] or re.match(r"\\*[\"']?", value)[0]
    whole = len(value) > len(quote) and value.endswith(quote)
    if match["name"].lower() in _CALLBACK_NAMES and match["operator"] == ":" \
            and _ERROR_CODE.fullmatch(value[len(quote):len(value) - len(quote) if whole else None]):
        return match[0]
    return f"{match['name']}{match['separator']}{quote}{REDACTED}{quote if whole else ''}"


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
