"""The test and benchmark controls: in-process functions, and the same over HTTP under /_sandbox.

They act as a person in the Sheets UI would (typing, sorting, inserting and deleting rows),
or as the operator of the stand-in (quotas, faults, tokens, clock); they draw on no quota and
are not counted. `SheetsSandboxServer` calls the functions; other processes post JSON.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from flask import Blueprint, jsonify, request

from . import access, values
from .context import get_world
from .errors import GoogleError, invalid_argument, not_found
from .model import GridError, Sheet, Spreadsheet
from .params import json_body
from .render import FORMATTED
from .service_accounts import ServiceAccountExists
from .sorting import sort_rows
from .world import World

bp = Blueprint("control", __name__, url_prefix="/_sandbox")
FAULT_STATUSES = (429, 500, 502, 503, 504)


def _book(world: World, spreadsheet_id: str) -> Spreadsheet:
    book = world.spreadsheets.get(spreadsheet_id)
    if book is None:
        raise not_found(f"No spreadsheet with id {spreadsheet_id}.")
    return book


def _tab(book: Spreadsheet, title: str) -> Sheet:
    try:
        return book.sheet_named(title)
    except KeyError:
        raise invalid_argument(f"No tab named {title!r} in {book.title!r}.") from None


@contextmanager
def _as_google_error() -> Iterator[None]:
    """What the grid refuses (too many cells, no rows left) is refused as the API would: a 400."""
    try:
        yield
    except GridError as error:
        raise invalid_argument(str(error)) from None


def as_typed(value: Any) -> Any:
    """A Python value as a person would type it: dates as dd/mm/yyyy, Decimals as numbers."""
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y %H:%M:%S")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, Decimal):
        return float(value)
    return value


def create_spreadsheet(world: World, title: str, tabs: dict[str, list[list]] | None = None,
                       owner: str | None = None, shared_with: dict[str, str] | None = None) -> str:
    """A spreadsheet whose tabs hold rows typed in by a person (pt_BR); answers its id.

    With an `owner` it is private to them and to `shared_with` ({e-mail: "writer" | "reader"});
    without one, anyone with the link can edit it.
    """
    with world.lock:
        tabs = tabs or {world.settings.default_tab_title: []}
        if shared_with and not owner:
            raise invalid_argument("A spreadsheet shared with people needs an owner.")
        book = world.new_spreadsheet(title, list(tabs), owner=owner)
        for email, role in (shared_with or {}).items():
            access.share(book, email, role)
        for sheet, rows in zip(book.sheets, tabs.values()):
            size = max(1000, len(rows)), max([26] + [len(row) for row in rows])
            with _as_google_error():
                book.check_grid(sheet, *size)
            sheet.resize(*size)
            if rows:
                type_cells(world, book.spreadsheet_id, f"{sheet.quoted_title}!A1", rows)
        return book.spreadsheet_id


def share(world: World, spreadsheet_id: str, email: str, role: str = access.WRITER) -> None:
    """Shares a spreadsheet with `email`, as its owner would in the Share dialog (sharing again
    changes the role: an editor made a reader keeps reading and writes no more)."""
    with world.lock:
        access.share(_owned_book(world, spreadsheet_id), email, role)


def unshare(world: World, spreadsheet_id: str, email: str) -> None:
    """Removes `email` from the people the spreadsheet is shared with, as its owner would in the
    Share dialog: their next call is refused, whatever tokens they hold."""
    with world.lock:
        access.unshare(_owned_book(world, spreadsheet_id), email)


def _owned_book(world: World, spreadsheet_id: str) -> Spreadsheet:
    """A spreadsheet whose sharing can change: one with an owner."""
    book = _book(world, spreadsheet_id)
    if book.owner is None:
        raise invalid_argument("Anyone with the link can already edit this spreadsheet; give it an owner.")
    return book


def type_cells(world: World, spreadsheet_id: str, a1_range: str, rows: list[list]) -> str:
    """Types rows into the sheet as a person would (USER_ENTERED, pt_BR); answers the range written."""
    with world.lock:
        book = _book(world, spreadsheet_id)
        typed = [[as_typed(value) for value in row] for row in rows]
        result = values.write(book, a1_range, typed, values.USER_ENTERED)
        world.touch(book)
        return result["updatedRange"]


def read(world: World, spreadsheet_id: str, a1_range: str, render: str = FORMATTED,
         major: str = values.ROWS) -> list[list]:
    """The values of a range as the API would answer them (trailing blanks trimmed)."""
    with world.lock:
        answer = values.read(_book(world, spreadsheet_id), a1_range, major, render)
        return answer.get("values", [])


def sort_tab(world: World, spreadsheet_id: str, tab: str, column_index: int, ascending: bool = True,
             header_rows: int = 1) -> None:
    """Sorts a tab's rows below its header by a column (0 = A), like "Sort sheet A→Z" in the UI."""
    with world.lock:
        book = _book(world, spreadsheet_id)
        sheet = _tab(book, tab)
        if not 0 <= column_index < sheet.column_count:
            raise invalid_argument(f"column_index {column_index} is outside the tab.")
        sort_rows(book, sheet, header_rows, sheet.row_count, 0, sheet.column_count, [(column_index, ascending)])
        world.touch(book)


def insert_rows(world: World, spreadsheet_id: str, tab: str, at_row: int, count: int = 1) -> None:
    """Inserts empty rows so that they become rows at_row… (1-based); what was there moves down."""
    with world.lock:
        book = _book(world, spreadsheet_id)
        sheet = _tab(book, tab)
        if not 1 <= at_row <= sheet.row_count + 1 or count < 1:
            raise invalid_argument("at_row must be within the tab and count positive.")
        with _as_google_error():
            book.check_grid(sheet, sheet.row_count + count, sheet.column_count)
        sheet.insert_rows(at_row - 1, count)
        world.touch(book)


def delete_rows(world: World, spreadsheet_id: str, tab: str, start_row: int, count: int = 1) -> None:
    """Deletes rows start_row… (1-based); what was below moves up."""
    with world.lock:
        book = _book(world, spreadsheet_id)
        sheet = _tab(book, tab)
        if not 1 <= start_row or count < 1 or start_row - 1 + count > sheet.row_count:
            raise invalid_argument("The rows to delete must be within the tab.")
        with _as_google_error():
            sheet.delete_rows(start_row - 1, start_row - 1 + count)
        world.touch(book)


def configure_quotas(world: World, read_per_minute: int | None = None, write_per_minute: int | None = None,
                     project_read_per_minute: int | None = None, project_write_per_minute: int | None = None,
                     send_retry_after: bool | None = None) -> dict:
    """Changes only the limits given (0 = none); recent calls still count against the new limits."""
    with world.lock:
        _set_knobs(world.quotas, {"read_per_minute": (read_per_minute, _count),
                                  "write_per_minute": (write_per_minute, _count),
                                  "project_read_per_minute": (project_read_per_minute, _count),
                                  "project_write_per_minute": (project_write_per_minute, _count),
                                  "send_retry_after": (send_retry_after, bool)})
        return {key: value for key, value in vars(world.quotas).items() if key != "hits"}


def configure_faults(world: World, error_rate: float | None = None, latency_ms: int | None = None,
                     fail_next: int | None = None, fail_status: int | None = None) -> dict:
    """Changes only the knobs given; answers the resulting configuration."""
    if fail_status is not None and fail_status not in FAULT_STATUSES:
        raise invalid_argument(f"fail_status must be one of {FAULT_STATUSES}.")
    with world.lock:
        _set_knobs(world.faults, {"error_rate": (error_rate, _share), "latency_ms": (latency_ms, _count),
                                  "fail_next": (fail_next, _count), "fail_status": (fail_status, int)})
        return dict(vars(world.faults))


def _set_knobs(target: object, changes: dict[str, tuple[Any, Any]]) -> None:
    """Sets each given (non-None) knob, coerced and clamped by its function."""
    for name, (value, coerce) in changes.items():
        if value is not None:
            setattr(target, name, coerce(value))


def _count(value: Any) -> int:
    return max(0, int(value))


def _share(value: Any) -> float:
    return max(0.0, min(1.0, float(value)))


def configure_auth(world: World, strict: bool | None = None, tokens: dict[str, str] | None = None) -> dict:
    """Strict mode on/off, and bearer tokens to accept (token -> user name, which quotas count by)."""
    with world.lock:
        if strict is not None:
            world.auth.strict = bool(strict)
        world.auth.tokens.update({str(token): str(user) for token, user in (tokens or {}).items()})
        return {"strict": world.auth.strict, "tokens": len(world.auth.tokens)}


def expire_access_tokens(world: World) -> int:
    """Every OAuth access token issued so far is expired from now on (refresh tokens still work)."""
    with world.lock:
        return world.oauth.expire_access_tokens()


def revoke_consent(world: World, email: str) -> int:
    """As if the person removed the app at myaccount.google.com: their grants, and tokens, stop working."""
    with world.lock:
        return world.oauth.revoke_consent(email)


def create_service_account(world: World, base_url: str, name: str, project_id: str | None = None) -> dict[str, str]:
    """A new service account, as made in the Cloud console, and its JSON key file (the only copy of
    its private key) with `token_uri` at the stand-in serving on `base_url`."""
    with world.lock:
        try:
            return world.service_accounts.create(name, base_url, project_id)
        except ServiceAccountExists as error:
            raise GoogleError(409, str(error), status="ALREADY_EXISTS") from None


def advance_clock(world: World, seconds: float) -> float:
    """Moves the stand-in's clock (quota windows, Drive timestamps); answers the new Unix time."""
    with world.lock:
        world.clock.advance(float(seconds))
        return world.clock.timestamp()


def _fields(body: dict, required: set[str], optional: set[str] = frozenset()) -> dict:
    missing = sorted(required - body.keys())
    unknown = sorted(body.keys() - required - optional)
    if missing or unknown:
        raise invalid_argument(f"Missing fields {missing} / unknown fields {unknown}.")
    return body


def _call(function, required: set[str], optional: set[str] = frozenset()):
    """Runs a control with the JSON body's fields as keyword arguments; bad types are a 400."""
    body = _fields(json_body(required=bool(required)), required, optional)
    try:
        return function(get_world(), **body)
    except GoogleError:
        raise
    except (TypeError, ValueError, AttributeError) as error:
        raise invalid_argument(f"Invalid arguments: {error}") from None


@bp.get("/health")
def health():
    return {"ok": True}


@bp.post("/spreadsheets")
def create_spreadsheet_route():
    return {"spreadsheetId": _call(create_spreadsheet, {"title"}, {"tabs", "owner", "shared_with"})}


@bp.post("/share")
def share_route():
    _call(share, {"spreadsheet_id", "email"}, {"role"})
    return {"ok": True}


@bp.post("/unshare")
def unshare_route():
    _call(unshare, {"spreadsheet_id", "email"})
    return {"ok": True}


@bp.post("/oauth/expire-access-tokens")
def expire_access_tokens_route():
    return {"expired": expire_access_tokens(get_world())}


@bp.post("/oauth/revoke-consent")
def revoke_consent_route():
    return {"revoked_grants": _call(revoke_consent, {"email"})}


@bp.post("/service-accounts")
def create_service_account_route():
    """{"name", "project_id"?} -> 201 with the key file; its token_uri is this stand-in's as the caller reached it."""
    body = _fields(json_body(required=True), {"name"}, {"project_id"})
    try:
        key = create_service_account(get_world(), request.host_url, **body)
    except (TypeError, ValueError) as error:
        raise invalid_argument(f"Invalid arguments: {error}") from None
    return jsonify(key), 201


@bp.post("/type-cells")
def type_cells_route():
    return {"updatedRange": _call(type_cells, {"spreadsheet_id", "a1_range", "rows"})}


@bp.post("/read")
def read_route():
    return {"values": _call(read, {"spreadsheet_id", "a1_range"}, {"render", "major"})}


@bp.post("/sort-tab")
def sort_tab_route():
    _call(sort_tab, {"spreadsheet_id", "tab", "column_index"}, {"ascending", "header_rows"})
    return {"ok": True}


@bp.post("/insert-rows")
def insert_rows_route():
    _call(insert_rows, {"spreadsheet_id", "tab", "at_row"}, {"count"})
    return {"ok": True}


@bp.post("/delete-rows")
def delete_rows_route():
    _call(delete_rows, {"spreadsheet_id", "tab", "start_row"}, {"count"})
    return {"ok": True}


@bp.post("/quotas")
def quotas_route():
    return _call(configure_quotas, set(), {"read_per_minute", "write_per_minute", "project_read_per_minute",
                                           "project_write_per_minute", "send_retry_after"})


@bp.post("/faults")
def faults_route():
    return _call(configure_faults, set(), {"error_rate", "latency_ms", "fail_next", "fail_status"})


@bp.post("/auth")
def auth_route():
    return _call(configure_auth, set(), {"strict", "tokens"})


@bp.post("/advance-clock")
def advance_clock_route():
    return {"now": _call(advance_clock, {"seconds"})}


@bp.get("/stats")
def stats_route():
    return jsonify(get_world().stats_snapshot())


@bp.post("/stats/reset")
def reset_stats_route():
    get_world().reset_stats()
    return {"ok": True}
