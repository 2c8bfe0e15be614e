"""Signing in for the check by hand: the link to open, and the code from what the person pastes.

A Conta Azul development app sends the browser to `https://www.contaazul.com?code=…&state=…`,
whatever the app is, so the code comes from the address bar; the person may paste the whole
address or only the code. With a whole address its `state` must be this sign-in's.
"""
from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from contaazul import ContaAzulOAuth


class PastedCodeRefused(ValueError):
    """What was pasted holds no usable code; the message says why, without repeating it."""


def code_from(pasted: str, state: str | None) -> str:
    """The authorization code in `pasted`: a bare code, or an address carrying `code` (and, when
    `state` is given, this sign-in's `state`)."""
    text = pasted.strip()
    if not text:
        raise PastedCodeRefused("nothing was pasted")
    if not any(mark in text for mark in ("://", "?", "code=", "error=")):
        return text
    params = _query(text)
    if params.get("error"):
        raise PastedCodeRefused(f"Conta Azul sent back error={params['error']}: the sign-in did not go through")
    if not params.get("code"):
        raise PastedCodeRefused("the address holds no code: paste the address Conta Azul sent the browser to")
    if state is not None and "state" in params and not ContaAzulOAuth.state_matches(state, params["state"]):
        raise PastedCodeRefused("the address is from another sign-in (its state differs): use the link above")
    return params["code"]


def _query(address: str) -> dict[str, str]:
    """An address's parameters, from its query or from a query inside its fragment."""
    parts = urlsplit(address if "?" in address or "://" in address else "?" + address)  # "code=…&state=…" too
    query = parts.query or parts.fragment.partition("?")[2]
    return {name: values[0] for name, values in parse_qs(query).items()}
