"""Token pairs never show their secrets; stores keep them and serialise refreshes."""
from __future__ import annotations

import json
import os
import stat
import threading
import time
from datetime import datetime, timedelta, timezone

import pytest

from contaazul import FileTokenStore, MemoryTokenStore, TokenPair

NOW = datetime(2026, 1, 1, 12, tzinfo=timezone.utc)


def pair(access="access-SECRET-1", refresh="refresh-SECRET-1", **extras):
    return TokenPair(access, refresh, NOW + timedelta(hours=1), extras)


def test_repr_and_str_hide_tokens_and_extras():
    p = pair(id_token="id-SECRET")
    for text in (repr(p), str(p), f"{p}", repr([p])):
        assert "SECRET" not in text
    assert "id_token" in repr(p) and "2026-01-01T13:00:00+00:00" in repr(p)


def test_expiry_is_aware_utc():
    with pytest.raises(ValueError):
        TokenPair("a", "r", datetime(2026, 1, 1))
    local = TokenPair("a", "r", datetime(2026, 1, 1, 9, tzinfo=timezone(timedelta(hours=-3))))
    assert local.expires_at == NOW
    assert pair().expires_within(timedelta(minutes=5), now=NOW + timedelta(minutes=56))
    assert not pair().expires_within(timedelta(minutes=5), now=NOW + timedelta(minutes=54))


def test_from_token_response_keeps_extras_and_old_refresh_when_missing():
    body = {"access_token": "a", "refresh_token": "r", "expires_in": 3600, "token_type": "Bearer",
            "id_token": "i"}
    p = TokenPair.from_token_response(body, now=NOW)
    assert p.expires_at == NOW + timedelta(hours=1)
    assert dict(p.extras) == {"token_type": "Bearer", "id_token": "i"}
    kept = TokenPair.from_token_response({"access_token": "a2", "expires_in": 60},
                                         now=NOW, previous_refresh_token="r")
    assert kept.refresh_token == "r"
    with pytest.raises(ValueError):
        TokenPair.from_token_response({"refresh_token": "r"})


def test_memory_store():
    store = MemoryTokenStore()
    assert store.load() is None
    store.save(pair())
    assert store.load() == pair()
    with store.refresh_lock():
        pass


def test_file_store_round_trip_is_private(tmp_path):
    store = FileTokenStore(tmp_path / "sub" / "tokens.json")
    assert store.load() is None
    store.save(pair(id_token="i"))
    assert store.load() == pair(id_token="i")
    assert stat.S_IMODE(os.stat(store.path).st_mode) == 0o600
    assert json.loads(store.path.read_text())["refresh_token"] == "refresh-SECRET-1"
    assert FileTokenStore(tmp_path / "sub" / "tokens.json").company_key == store.company_key


def test_file_store_lock_excludes_other_holders(tmp_path):
    store = FileTokenStore(tmp_path / "tokens.json")
    other = FileTokenStore(tmp_path / "tokens.json")
    order = []

    def second():
        with other.refresh_lock():
            order.append("second")

    with store.refresh_lock():
        thread = threading.Thread(target=second)
        thread.start()
        time.sleep(0.1)
        order.append("first")
    thread.join()
    assert order == ["first", "second"]
