"""The value that proves, once an editor wrote it into a spreadsheet, that a person can edit it."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from sheets_addon import editor_proof

SECRET, NOW = "backend-secret", datetime(2026, 12, 8, 12, 0, tzinfo=UTC)


def test_a_fresh_value_names_when_it_was_issued():
    issued = editor_proof.issue(SECRET, 7, "sheet-a", NOW)
    assert issued.key.startswith("azulejo.editor.")
    assert editor_proof.issued_at(SECRET, 7, "sheet-a", issued.value, NOW + timedelta(minutes=3)) == NOW
    assert issued.expires_at == NOW + editor_proof.CHALLENGE_LIFETIME


def test_the_key_is_the_persons_own_and_the_same_in_every_spreadsheet():
    assert editor_proof.issue(SECRET, 7, "a", NOW).key == editor_proof.issue(SECRET, 7, "b", NOW).key
    assert editor_proof.metadata_key(SECRET, 7) != editor_proof.metadata_key(SECRET, 8)
    assert editor_proof.metadata_key(SECRET, 7) != editor_proof.metadata_key("another backend", 7)


@pytest.mark.parametrize("user_id, spreadsheet_id, secret", [
    (8, "sheet-a", SECRET),            # someone else's value, read off the sheet by a viewer
    (7, "sheet-b", SECRET),            # the person's value for another spreadsheet, copied over
    (7, "sheet-a", "another secret"),  # made by another backend
])
def test_a_value_proves_nothing_for_another_person_spreadsheet_or_backend(user_id, spreadsheet_id, secret):
    value = editor_proof.issue(SECRET, 7, "sheet-a", NOW).value
    assert editor_proof.issued_at(secret, user_id, spreadsheet_id, value, NOW) is None


def test_an_old_value_left_in_the_sheet_proves_nothing_new():
    value = editor_proof.issue(SECRET, 7, "sheet-a", NOW).value
    later = NOW + editor_proof.CHALLENGE_LIFETIME + timedelta(seconds=1)
    assert editor_proof.issued_at(SECRET, 7, "sheet-a", value, later) is None
    assert editor_proof.issued_at(SECRET, 7, "sheet-a", value, NOW - timedelta(minutes=5)) is None  # from the future


@pytest.mark.parametrize("value", [None, 42, "", "v1", "v1..", "v2.1796000000.abc", "v1.99999999999999.abc",
                                   "v1.１２.abc", "v1.-5.abc"])
def test_anything_else_in_the_metadata_is_not_a_value(value):
    assert editor_proof.issued_at(SECRET, 7, "sheet-a", value, NOW) is None
