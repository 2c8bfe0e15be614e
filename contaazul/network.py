"""Turning transport failures into `NetworkError`, knowing whether the request got out.

A request that never reached Conta Azul (refused connection, connect timeout, no free
connection in the pool) is safe to send again; one that timed out or broke while waiting for
the answer may have been applied, which matters for creates.
"""
from __future__ import annotations

import httpx

from .errors import NetworkError

_NEVER_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout, httpx.UnsupportedProtocol)


def network_error(exc: httpx.TransportError, method: str, path: str, *, idempotent: bool) -> NetworkError:
    """The typed error for a transport failure, flagged `maybe_applied` for unsafe requests."""
    never_sent = isinstance(exc, _NEVER_SENT)
    what = "could not connect to Conta Azul" if never_sent else "no answer from Conta Azul"
    return NetworkError(
        f"{what} ({type(exc).__name__})",
        method=method,
        path=path,
        maybe_applied=not idempotent and not never_sent,
    )
