"""The API's URL paths, one blueprint per resource (spreadsheets, values, developer metadata, Drive files,
sign-in certificates, OAuth)."""
from __future__ import annotations

from flask import Flask
from werkzeug.routing import BaseConverter

from . import developer_metadata, drive, identity, oauth, spreadsheets, values


class FileIdConverter(BaseConverter):
    """Spreadsheet and Drive file ids: letters, digits, `-` and `_` (so `id:batchUpdate` splits)."""

    regex = r"[A-Za-z0-9_-]+"


def register_blueprints(app: Flask) -> None:
    app.url_map.converters["file_id"] = FileIdConverter
    for module in (spreadsheets, values, developer_metadata, drive, identity, oauth):
        app.register_blueprint(module.bp)
