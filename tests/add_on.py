"""What the person's add-on does to prove they can edit a spreadsheet, done by a test over HTTP.

The add-on asks the backend for a challenge, writes it into the spreadsheet's developer metadata as
the person (Apps Script's SpreadsheetApp; here the Sheets stand-in's API with a token of theirs),
then asks the backend to check it (`sheets_addon/spreadsheet_access.py`). Any HTTP client with the
person's signed-in headers does: Flask's test client or httpx against gunicorn.
"""
from __future__ import annotations

from typing import Any, Protocol

import httpx
from google.oauth2.credentials import Credentials

from sheets_addon import developer_metadata, editor_proof
from sheets_addon.google_endpoints import gspread_client


class Answer(Protocol):
    status_code: int


def person_token(sheets_url: str, person: str) -> str:
    """A bearer token the Sheets stand-in takes as `person` (registered through its controls)."""
    token = f"person-token.{person}"
    httpx.post(f"{sheets_url}/_sandbox/auth", json={"tokens": {token: person}}, timeout=10).raise_for_status()
    return token


def write_as_person(sheets_url: str, person: str, spreadsheet_id: str, key: str, value: str) -> None:
    """The challenge written into the spreadsheet as the person; Google refuses it to a non-editor
    (gspread's `APIError`)."""
    client = gspread_client(Credentials(token=person_token(sheets_url, person)), sheets_url)
    developer_metadata.put(client, spreadsheet_id, key, value, editor_proof.VISIBILITY)


def json_of(answer: Any) -> Any:
    """The JSON body of an answer of Flask's test client or of httpx."""
    return answer.json() if callable(answer.json) else answer.json


def prove_access(post: Any, headers: dict[str, str], sheets_url: str, person: str, spreadsheet_id: str) -> Any:
    """Challenge, write as the person (when the backend does not write itself), proof: the proof's answer.

    `post(path, headers=…)` is the HTTP client's POST.
    """
    base = f"/api/v1/spreadsheets/{spreadsheet_id}/access"
    challenge = post(f"{base}/challenge", headers=headers)
    assert challenge.status_code == 200, json_of(challenge)
    issued = json_of(challenge)
    if issued["write"]:
        write_as_person(sheets_url, person, spreadsheet_id, issued["key"], issued["value"])
    return post(f"{base}/proof", headers=headers)
