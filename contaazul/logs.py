"""Operator logs: one English line per event, fields also attached for structured handlers.

Only method, path (never the query string), status, attempt, delay and timings are logged;
never headers, bodies or tokens.
"""
from __future__ import annotations

import logging
from typing import Any

logger = logging.getLogger("contaazul")
logger.addHandler(logging.NullHandler())  # a library stays quiet until the app configures logging


def log_event(event: str, level: int = logging.DEBUG, **fields: Any) -> None:
    """Log `event key=value …` with the fields also in `record.contaazul` for JSON handlers."""
    if not logger.isEnabledFor(level):
        return
    text = " ".join(f"{key}={value}" for key, value in fields.items() if value is not None)
    logger.log(level, "%s %s", event, text, extra={"contaazul": {"event": event, **fields}})
