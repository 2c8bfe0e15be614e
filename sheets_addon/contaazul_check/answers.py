"""Conta Azul's answers as they came, kept by the HTTP client the check lends to `ContaAzul`.

The check calls the client's own methods, so the requests are exactly the ones Azulejo sends;
an httpx response hook keeps each answer's status and decoded body, which the client's methods
hide (paging envelopes, error bodies). Bodies stay in memory only: the token endpoint's carry
tokens, and nothing here prints a value.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx

from contaazul import wire


@dataclass(frozen=True)
class Answer:
    method: str
    path: str
    status: int
    body: Any


class AnswerLog:
    """The answers an `http_client()` received since the last `take()`."""

    def __init__(self) -> None:
        self._answers: list[Answer] = []

    def http_client(self, timeout: float) -> httpx.Client:
        """An httpx client whose every answer is kept here (for `ContaAzul` or `ContaAzulOAuth`)."""
        return httpx.Client(timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)),
                            event_hooks={"response": [self._keep]})

    def take(self) -> list[Answer]:
        """The answers kept so far, forgotten here."""
        answers, self._answers = self._answers, []
        return answers

    def _keep(self, response: httpx.Response) -> None:
        response.read()
        self._answers.append(Answer(response.request.method, response.request.url.path,
                                    response.status_code, _decoded(response.content)))


def _decoded(content: bytes) -> Any:
    """The body as the client decodes it (decimals as `Decimal`); text when it is not JSON."""
    if not content:
        return None
    try:
        return wire.loads(content)
    except ValueError:
        return content.decode("utf-8", "replace")
