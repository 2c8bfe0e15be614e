"""Request-time access to the world and to the company the bearer token belongs to."""
from __future__ import annotations

from flask import current_app, g

from .world import Company, World

EXTENSION = "contaazul_sandbox"


def get_world() -> World:
    return current_app.extensions[EXTENSION]


def current_company() -> Company:
    """The company of the request's access token (set by the /v1 gate)."""
    return g.company
