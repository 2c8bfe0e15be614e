"""Request-time access to the world and to the spreadsheet a path names."""
from __future__ import annotations

from flask import current_app, g, request

from .access import check_open
from .errors import not_found
from .model import Spreadsheet
from .projects import developer_project
from .world import EXTENSION, World


def get_world() -> World:
    return current_app.extensions[EXTENSION]


def find_book(spreadsheet_id: str, writing: bool | None = None) -> Spreadsheet:
    """The spreadsheet of the path, if the caller may open it: Google's 404, or 403 when not shared
    (or read-only and `writing`, which is any method but GET unless said otherwise)."""
    book = get_world().spreadsheets.get(spreadsheet_id)
    if book is None:
        raise not_found()
    check_open(book, g.user, g.get("access"), writing=request.method != "GET" if writing is None else writing)
    return book


def caller_project() -> str:
    """The developer project this request comes from (PROJECT-visible developer metadata is its own)."""
    return developer_project(get_world(), g.token, g.get("access"), g.user)


def creator() -> dict[str, str | None]:
    """Who a spreadsheet created by this request belongs to: the caller, through their app."""
    access = g.get("access")
    return {"owner": g.user, "created_with": access.grant.client_id if access is not None else None}
