"""Request bodies: how much of one the API reads, how deep its JSON may nest, how it says no.

The rules live in the app's request class and JSON provider rather than at each `get_json` call,
so every endpoint, today's and tomorrow's, keeps them:

- a body longer than `MAX_REQUEST_BYTES` answers 413: before anything reads it (sign-in included)
  when its Content-Length says so, else (sent in chunks) as it is read;
- a body that is not JSON, or nests deeper than `MAX_JSON_DEPTH`, answers 400 `invalid_json`
  (Python's parser runs out of stack on deep nesting: that was a 500);
- a body of another content type, where JSON is read, answers 415.
"""
from __future__ import annotations

import json
import re
from itertools import accumulate
from typing import Any

from flask import Flask, request
from flask.json.provider import DefaultJSONProvider
from flask.wrappers import Request
from werkzeug.exceptions import BadRequest, RequestEntityTooLarge, UnsupportedMediaType

from sheets_addon import messages
from sheets_addon.config import current_settings

MAX_JSON_DEPTH = 32  # the deepest body the add-on sends (a flow's filter values) nests 4 levels
_JSON_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')
_NOT_A_BRACKET = re.compile(r"[^\[\]{}]+")
_DEPTH_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}


def init_app(app: Flask) -> None:
    """Registered before sign-in, so an oversized body is refused before anything else is done."""
    app.config["MAX_CONTENT_LENGTH"] = current_settings(app).MAX_REQUEST_BYTES  # what werkzeug enforces
    app.request_class = ApiRequest
    app.json = DepthLimitedJSONProvider(app)
    app.before_request(_refuse_oversized_body)


class InvalidJson(BadRequest):
    """400 `invalid_json`, with the Portuguese reason (api/errors.py shapes the answer)."""

    error_code = "invalid_json"

    def __init__(self, message: str) -> None:
        super().__init__()
        self.message = message


class JsonTooDeep(ValueError):
    """A JSON text nesting deeper than `MAX_JSON_DEPTH`: refused before Python's parser recurses into it."""


class ApiRequest(Request):
    """Flask's request, whose `get_json()` failures answer as the API's other errors do."""

    def get_data(self, cache: bool = True, as_text: bool = False, parse_form_data: bool = False) -> Any:
        """Werkzeug cuts a body sent in chunks (no Content-Length) at `max_content_length` without a
        word, so it would be read as a shorter body; a byte past the limit makes it 413 instead."""
        data = super().get_data(cache=cache, parse_form_data=parse_form_data)
        limit = self.max_content_length
        if (self.content_length is None and limit is not None and len(data) >= limit
                and self.environ["wsgi.input"].read(1)):
            raise RequestEntityTooLarge()
        return data.decode(errors="replace") if as_text else data

    def on_json_loading_failed(self, e: ValueError | None) -> Any:
        if e is None:  # not sent as application/json
            raise UnsupportedMediaType()
        if isinstance(e, JsonTooDeep):
            raise InvalidJson(messages.JSON_TOO_DEEP.format(limit=MAX_JSON_DEPTH))
        raise InvalidJson(messages.JSON_INVALID)


class DepthLimitedJSONProvider(DefaultJSONProvider):
    """Flask's JSON, reading no text that nests deeper than `MAX_JSON_DEPTH`."""

    def loads(self, s: str | bytes, **kwargs: Any) -> Any:
        text = s.decode(json.detect_encoding(s), "surrogatepass") if isinstance(s, (bytes, bytearray)) else s
        if nesting_depth(text) > MAX_JSON_DEPTH:
            raise JsonTooDeep(f"nests deeper than {MAX_JSON_DEPTH}")
        return super().loads(text, **kwargs)


def nesting_depth(text: str) -> int:
    """How deep the arrays and objects of a JSON text nest, counted without parsing it (brackets
    inside strings do not count); a malformed text may count wrong, and fails to parse anyway."""
    brackets = _NOT_A_BRACKET.sub("", _JSON_STRING.sub("", text))
    return max(accumulate(map(_DEPTH_STEP.__getitem__, brackets)), default=0)


def _refuse_oversized_body() -> None:
    """Content-Length tells before anything reads the body; a body sent in chunks without one is
    cut off at the limit as it is read (werkzeug's `max_content_length`)."""
    limit = request.max_content_length
    if limit is not None and (request.content_length or 0) > limit:
        raise RequestEntityTooLarge()
