"""Drive v3 files: create (a spreadsheet), list, get, delete — what gspread's Client calls."""
from __future__ import annotations

from flask import Blueprint, Response, g, request

from .. import drive
from ..access import OWNER, role_of
from ..context import creator, get_world
from ..errors import GoogleError
from ..gate import api_method
from ..params import json_body

bp = Blueprint("drive", __name__, url_prefix="/drive/v3/files")
PAGE_SIZE_MAX = 1000


@bp.post("")
@api_method("drive.files.create")
def create():
    body = json_body()
    if body.get("mimeType") != drive.SPREADSHEET_MIME:
        raise GoogleError(400, "The Sheets stand-in only stores Google Sheets files.", drive_reason="badRequest")
    world = get_world()
    book = world.new_spreadsheet(str(body.get("name") or "Planilha sem título"), **creator())
    return {key: value for key, value in drive.file_json(book).items() if key in ("kind", "id", "name", "mimeType")}


@bp.get("")
@api_method("drive.files.list")
def list_files():
    clauses = drive.parse_query(request.args.get("q", ""))
    try:
        size = min(max(int(request.args.get("pageSize", 100)), 1), PAGE_SIZE_MAX)
        offset = int(request.args.get("pageToken") or 0)
    except ValueError:
        raise drive.invalid_query() from None
    books = sorted(get_world().spreadsheets.values(), key=lambda book: book.modified, reverse=True)
    found = [drive.file_json(book) for book in books if drive.matches(book, clauses) and _visible(book)]
    answer: dict = {"kind": "drive#fileList", "incompleteSearch": False, "files": found[offset:offset + size]}
    if offset + size < len(found):
        answer["nextPageToken"] = str(offset + size)
    return answer


@bp.get("/<file_id:file_id>")
@api_method("drive.files.get")
def get(file_id: str):
    return drive.file_json(_visible_file(file_id))


@bp.delete("/<file_id:file_id>")
@api_method("drive.files.delete")
def delete(file_id: str):
    book = _visible_file(file_id)
    if role_of(book, g.user, g.access) != OWNER:
        raise GoogleError(403, "The user does not have sufficient permissions for this file.",
                          drive_reason="insufficientFilePermissions")
    del get_world().spreadsheets[file_id]
    return Response(status=204)


def _visible(book) -> bool:
    return role_of(book, g.user, g.access) is not None


def _visible_file(file_id: str):
    """The file, if shared with the caller: Drive answers 404 for what one cannot see."""
    book = get_world().spreadsheets.get(file_id)
    if book is None or not _visible(book):
        raise drive.file_not_found(file_id)
    return book
