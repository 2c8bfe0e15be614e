"""The value a person's add-on writes into a spreadsheet to prove they can edit it.

Only an editor can write a spreadsheet's developer metadata, and the add-on writes as the person
running it, so finding in the spreadsheet a value the backend gave to one person, for that very
spreadsheet, a moment ago, proves that person could edit it then. The value is an HMAC under the
backend's `SECRET_KEY` of (person, spreadsheet, issue time): anyone who can view the spreadsheet
can read it, and it helps them not at all, since it names someone else and goes stale in minutes.
Pure functions, no I/O: `spreadsheet_access` does the reading and writing.
"""
from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

KEY_PREFIX = "azulejo.editor."
VERSION = "v1"
VISIBILITY = "DOCUMENT"  # PROJECT metadata is seen only by the project that wrote it: the add-on's, not the backend's
CHALLENGE_LIFETIME = timedelta(minutes=10)  # from being issued to being read back
CLOCK_SKEW = timedelta(seconds=30)


@dataclass(frozen=True)
class Challenge:
    """What the add-on writes: developer metadata `key` = `value`, at the spreadsheet, DOCUMENT-visible."""

    key: str
    value: str
    issued_at: datetime

    @property
    def expires_at(self) -> datetime:
        return self.issued_at + CHALLENGE_LIFETIME


def metadata_key(secret: str, user_id: int) -> str:
    """The person's own key, the same in every spreadsheet, so a renewal replaces the last value.

    Opaque: a viewer of the spreadsheet learns nobody's account id from it.
    """
    return KEY_PREFIX + _mac(secret, f"key:{user_id}")[:20]


def issue(secret: str, user_id: int, spreadsheet_id: str, now: datetime) -> Challenge:
    issued = int(now.timestamp())
    value = f"{VERSION}.{issued}.{_mac(secret, f'proof:{user_id}:{spreadsheet_id}:{issued}')}"
    return Challenge(metadata_key(secret, user_id), value, datetime.fromtimestamp(issued, UTC))


def issued_at(secret: str, user_id: int, spreadsheet_id: str, value: object, now: datetime) -> datetime | None:
    """When the backend issued `value` to this person for this spreadsheet, if it did and it is still
    fresh (issued within `CHALLENGE_LIFETIME`); None for anything else."""
    if not isinstance(value, str):
        return None
    version, _, rest = value.partition(".")
    stamp, _, mac = rest.partition(".")
    if version != VERSION or not stamp.isascii() or not stamp.isdigit() or len(stamp) > 12:
        return None
    expected = _mac(secret, f"proof:{user_id}:{spreadsheet_id}:{stamp}")
    if not hmac.compare_digest(mac.encode(), expected.encode()):
        return None
    issued = datetime.fromtimestamp(int(stamp), UTC)
    if not now - CHALLENGE_LIFETIME <= issued <= now + CLOCK_SKEW:
        return None
    return issued


def _mac(secret: str, message: str) -> str:
    return hmac.new(secret.encode(), f"azulejo-editor-proof:{message}".encode(), hashlib.sha256).hexdigest()
