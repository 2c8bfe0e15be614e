"""Who may do what: the scopes an OAuth access token carries, and who a spreadsheet is shared with.

Scopes are checked only for tokens this stand-in's OAuth server issued (a test's made-up token
has none to check). Sharing: a spreadsheet with an owner is reachable by its owner and the
people it is shared with (readers may not write); one without an owner (what the test controls
make unless told otherwise) is shared as "anyone with the link can edit". A token whose only
file scope is `drive.file` reaches just the spreadsheets its own app created, as at Google.
Developer metadata is out of a read-only scope's reach: its search and get need drive, drive.file
or spreadsheets, as Google's reference lists them.
"""
from __future__ import annotations

from .errors import GoogleError
from .model import Spreadsheet
from .oauth import DRIVE, DRIVE_FILE, DRIVE_READONLY, SPREADSHEETS, SPREADSHEETS_READONLY, AccessToken

OWNER, WRITER, READER = "owner", "writer", "reader"
ROLES = (WRITER, READER)
NO_PERMISSION = "The caller does not have permission"
INSUFFICIENT_SCOPES = "Request had insufficient authentication scopes."

_SHEETS_WRITE = frozenset({SPREADSHEETS, DRIVE, DRIVE_FILE})
_SHEETS_READ = _SHEETS_WRITE | {SPREADSHEETS_READONLY, DRIVE_READONLY}
_DRIVE_WRITE = frozenset({DRIVE, DRIVE_FILE})
_DRIVE_READ = _DRIVE_WRITE | {DRIVE_READONLY}
_DRIVE_WRITES = frozenset({"drive.files.create", "drive.files.delete"})
# Reads that Google's reference (and discovery document) lets only drive, drive.file or spreadsheets
# call: a read-only scope does not reach developer metadata.
_READS_NEEDING_WRITE_SCOPES = frozenset({"developerMetadata.search", "developerMetadata.get"})


def check_scopes(method: str, quota: str | None, access: AccessToken | None) -> None:
    """403 ACCESS_TOKEN_SCOPE_INSUFFICIENT when the token's scopes do not cover the method."""
    if access is None:
        return
    drive = method.startswith("drive.")
    if drive:
        needed = _DRIVE_WRITE if method in _DRIVE_WRITES else _DRIVE_READ
    else:
        needed = _SHEETS_READ if quota == "read" and method not in _READS_NEEDING_WRITE_SCOPES else _SHEETS_WRITE
    if needed & set(access.scopes):
        return
    if drive:
        raise GoogleError(403, INSUFFICIENT_SCOPES, drive_reason="insufficientPermissions")
    raise GoogleError(403, INSUFFICIENT_SCOPES, details=[{
        "@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": "ACCESS_TOKEN_SCOPE_INSUFFICIENT",
        "domain": "googleapis.com", "metadata": {"service": "sheets.googleapis.com", "method": method}}])


def sees_developer_metadata(access: AccessToken | None) -> bool:
    """Whether the token's scopes reach developer metadata (spreadsheets.get leaves it out otherwise)."""
    return access is None or bool(_SHEETS_WRITE & set(access.scopes))


def role_of(book: Spreadsheet, user: str, access: AccessToken | None = None) -> str | None:
    """What `user` may do with the spreadsheet through this token: owner, writer, reader, or nothing."""
    if access is not None and not set(access.scopes) & {SPREADSHEETS, SPREADSHEETS_READONLY, DRIVE, DRIVE_READONLY}:
        if book.created_with != access.grant.client_id:
            return None  # drive.file alone: only what this app created
    who = user.strip().lower()
    if book.owner is None or book.owner == who:
        return OWNER if book.owner == who else WRITER
    if who in book.writers:
        return WRITER
    return READER if who in book.readers else None


def check_open(book: Spreadsheet, user: str, access: AccessToken | None, writing: bool) -> None:
    """Sheets API: 403 PERMISSION_DENIED for a spreadsheet not shared with the caller (or read-only)."""
    role = role_of(book, user, access)
    if role is None or (writing and role == READER):
        raise GoogleError(403, NO_PERMISSION)


def share(book: Spreadsheet, email: str, role: str) -> None:
    """Shares with `email` as writer or reader (sharing again changes the role, a writer to a reader too)."""
    if role not in ROLES:
        raise ValueError(f"role must be one of {ROLES}")
    who = email.strip().lower()
    book.writers.discard(who)
    book.readers.discard(who)
    (book.writers if role == WRITER else book.readers).add(who)


def unshare(book: Spreadsheet, email: str) -> None:
    """Takes a writer's or a reader's access away; the owner cannot be removed."""
    who = email.strip().lower()
    if who == book.owner:
        raise ValueError(f"{email} owns the spreadsheet and cannot be removed from it")
    if who not in book.writers | book.readers:
        raise ValueError(f"the spreadsheet is not shared with {email}")
    book.writers.discard(who)
    book.readers.discard(who)
