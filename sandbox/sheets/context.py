"""Request-time access to the world and to the spreadsheet a path names."""
from __future__ import annotations

from flask import current_app

from .errors import not_found
from .model import Spreadsheet
from .world import EXTENSION, World


def get_world() -> World:
    return current_app.extensions[EXTENSION]


def find_book(spreadsheet_id: str) -> Spreadsheet:
    """The spreadsheet of the path, or Google's 404."""
    book = get_world().spreadsheets.get(spreadsheet_id)
    if book is None:
        raise not_found()
    return book
