"""The slice of Drive v3 gspread uses: spreadsheets as files, created, listed by `q`, fetched, deleted.

A caller sees the spreadsheets shared with them (access.py); `q` understands the
clauses gspread and people write for spreadsheets: `name = '…'`, `name contains '…'`,
`mimeType = '…'` (and `!=`), `trashed = false`, `'folder' in parents`, joined by `and`.
"""
from __future__ import annotations

import re
from datetime import datetime

from .errors import GoogleError
from .model import Spreadsheet

SPREADSHEET_MIME = "application/vnd.google-apps.spreadsheet"
_STRING = r"""'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*\""""
_CLAUSE = re.compile(rf"""\s*(?:
    (?P<field>name|mimeType|trashed)\s*(?P<op>!=|=|contains)\s*(?P<value>{_STRING}|true|false)
  | (?P<folder>{_STRING})\s+in\s+parents
  | parents\s+in\s+(?P<folder2>{_STRING})
  )\s*(?:and\b|$)""", re.VERBOSE)


def invalid_query() -> GoogleError:
    return GoogleError(400, "Invalid Value", drive_reason="invalid")


def file_not_found(file_id: str) -> GoogleError:
    return GoogleError(404, f"File not found: {file_id}.", drive_reason="notFound")


def timestamp(moment: datetime) -> str:
    """RFC 3339 in UTC with milliseconds, as Drive writes createdTime/modifiedTime."""
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def file_json(book: Spreadsheet) -> dict:
    return {"kind": "drive#file", "id": book.spreadsheet_id, "name": book.title, "mimeType": SPREADSHEET_MIME,
            "createdTime": timestamp(book.created), "modifiedTime": timestamp(book.modified)}


def parse_query(q: str) -> list[tuple[str, str, str]]:
    """`q` as (field, operator, value) clauses; 400 "Invalid Value" for anything else, as Drive does."""
    clauses, position = [], 0
    q = q.strip()
    while position < len(q):
        match = _CLAUSE.match(q, position)
        if not match or match.end() == position:
            raise invalid_query()
        if match.group("field"):
            clauses.append((match.group("field"), match.group("op"), _unquote(match.group("value"))))
        else:
            clauses.append(("parents", "in", _unquote(match.group("folder") or match.group("folder2"))))
        position = match.end()
    return clauses


def _unquote(token: str) -> str:
    if token in ("true", "false"):
        return token
    return re.sub(r"\\(.)", r"\1", token[1:-1])


def matches(book: Spreadsheet, clauses: list[tuple[str, str, str]]) -> bool:
    """Whether a spreadsheet answers every clause (no folders here: `in parents` matches nothing)."""
    values = {"name": book.title, "mimeType": SPREADSHEET_MIME, "trashed": "false"}
    for field, op, value in clauses:
        if field == "parents":
            return False
        actual = values[field]
        if (op == "=" and actual != value) or (op == "!=" and actual == value) or (
                op == "contains" and value.casefold() not in actual.casefold()):
            return False
    return True
