"""The /v1 API blueprints; each route parses the request, calls the model, shapes the answer."""
from __future__ import annotations

from flask import Flask, request

from ..context import get_world
from ..jsonio import read_json_body
from ..validation import Fields, Query


def body() -> Fields:
    """The JSON body as checked fields."""
    return Fields(read_json_body())


def query() -> Query:
    """The query string, with the world's cap on change windows."""
    return Query(request.args, max_change_days=get_world().settings.change_window_max_days)


def register_blueprints(app: Flask) -> None:
    from . import catalog, contracts, finance, ledger, people, sales
    for module in (people, catalog, sales, contracts, finance, ledger):
        app.register_blueprint(module.bp, url_prefix="/v1")
