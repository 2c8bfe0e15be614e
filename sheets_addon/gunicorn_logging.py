"""gunicorn's logger, minus what a URL's query string or a request header may carry.

Conta Azul sends the browser back to our callback with `code` and `state` in the query string,
and every API call carries a Google ID token in `Authorization`; gunicorn's stock access line
(`"%(r)s"`) and its "Error handling request <uri>" line would write them down. This logger
leaves every query string out of every atom and every line, whatever `access_log_format` says.
"""
from __future__ import annotations

import logging
import re
from typing import Any

from gunicorn.glogging import Logger

from sheets_addon.log import scrub

_QUERY = re.compile(r"\?[^\s\"']+")
_HIDDEN_HEADERS = frozenset({"authorization", "proxy-authorization", "cookie", "set-cookie"})
_QUERY_ATOMS = frozenset({"q", "{query_string}e"})


def without_query(text: str) -> str:
    """`/callback?code=…&state=…` as `/callback`, wherever a URL appears in the text."""
    return _QUERY.sub("", text)


class QueryFreeLogger(Logger):
    """Set as gunicorn's `logger_class` (gunicorn.conf.py does): access and error lines without
    query strings, credentials or cookies."""

    def setup(self, cfg: Any) -> None:
        super().setup(cfg)
        for log in (self.error_log, self.access_log):
            if not any(isinstance(existing, _QueryFreeLines) for existing in log.filters):
                log.addFilter(_QueryFreeLines())

    def atoms(self, resp: Any, req: Any, environ: dict[str, Any], request_time: Any) -> dict[str, Any]:
        atoms = super().atoms(resp, req, environ, request_time)
        for name, value in atoms.items():
            if name in _QUERY_ATOMS or _is_hidden_header(name):
                atoms[name] = "-"
            elif isinstance(value, str):
                atoms[name] = scrub(without_query(value))
        return atoms


class _QueryFreeLines(logging.Filter):
    """The second line of defence, for lines gunicorn writes itself (errors, bad requests)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg, record.args = scrub(without_query(record.getMessage())), ()
        return True


def _is_hidden_header(atom: str) -> bool:
    return atom.endswith(("}i", "}o", "}e")) and atom[1:-2].replace("_", "-").removeprefix("http-") in _HIDDEN_HEADERS
