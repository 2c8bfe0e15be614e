"""Token pairs and the stores that keep them.

Conta Azul rotates the refresh token on every refresh and the old one dies at once, so whoever
refreshes must save the new pair before anyone else can refresh again. A store therefore offers
`refresh_lock()`, which serialises refreshes among every client sharing the store: threads for
`MemoryTokenStore`, processes too for `FileTokenStore`.
"""
from __future__ import annotations

import contextlib
import fcntl
import json
import os
import tempfile
import threading
import uuid
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, ContextManager, Protocol, runtime_checkable


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


@dataclass(frozen=True, repr=False)
class TokenPair:
    """An access token, the refresh token that renews it, and when the access token expires.

    `repr` and `str` never show the tokens or the extras (an `id_token` may be among them).
    """

    access_token: str
    refresh_token: str
    expires_at: datetime
    extras: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.expires_at.tzinfo is None:
            raise ValueError("expires_at must be an aware datetime (UTC)")
        object.__setattr__(self, "expires_at", self.expires_at.astimezone(timezone.utc))

    def __repr__(self) -> str:
        extras = f", extras=<{', '.join(sorted(self.extras))}>" if self.extras else ""
        return f"TokenPair(expires_at={self.expires_at.isoformat()}, tokens=<hidden>{extras})"

    __str__ = __repr__

    def expires_within(self, margin: timedelta, now: datetime | None = None) -> bool:
        """Whether the access token is expired or will be within `margin`."""
        return (now or utc_now()) + margin >= self.expires_at

    @classmethod
    def from_token_response(cls, body: Mapping[str, Any], *, now: datetime | None = None,
                            previous_refresh_token: str | None = None) -> TokenPair:
        """Build a pair from the OAuth token endpoint's answer.

        A refresh answer without a `refresh_token` keeps the one that was spent, in case the
        server does not rotate it after all.
        """
        refresh_token = body.get("refresh_token") or previous_refresh_token
        if not body.get("access_token") or not refresh_token:
            raise ValueError("the token answer lacks an access or refresh token")
        lifetime = timedelta(seconds=int(body.get("expires_in") or 3600))
        known = {"access_token", "refresh_token", "expires_in"}
        return cls(
            access_token=str(body["access_token"]),
            refresh_token=str(refresh_token),
            expires_at=(now or utc_now()) + lifetime,
            extras={k: v for k, v in body.items() if k not in known},
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "access_token": self.access_token,
            "refresh_token": self.refresh_token,
            "expires_at": self.expires_at.isoformat(),
            "extras": dict(self.extras),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> TokenPair:
        return cls(
            access_token=data["access_token"],
            refresh_token=data["refresh_token"],
            expires_at=datetime.fromisoformat(data["expires_at"]),
            extras=data.get("extras") or {},
        )


@runtime_checkable
class TokenStore(Protocol):
    """Where the caller keeps one company's tokens (a database row, a file, memory)."""

    def load(self) -> TokenPair | None: ...

    def save(self, pair: TokenPair) -> None: ...

    def refresh_lock(self) -> ContextManager[None]:
        """Held while refreshing, so only one refresh of this company runs at a time."""
        ...


class MemoryTokenStore:
    """Tokens in memory, refreshes serialised among the threads of this process."""

    def __init__(self, pair: TokenPair | None = None) -> None:
        self._pair = pair
        self._lock = threading.Lock()
        self.company_key = f"memory-store-{uuid.uuid4().hex}"

    def load(self) -> TokenPair | None:
        return self._pair

    def save(self, pair: TokenPair) -> None:
        self._pair = pair

    def refresh_lock(self) -> ContextManager[None]:
        return self._lock


class FileTokenStore:
    """Tokens in a JSON file (mode 0600), refreshes serialised across processes with `flock`.

    The lock lives in a sibling `.lock` file so that replacing the token file atomically does
    not drop it.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self._lock_path = self.path.with_name(self.path.name + ".lock")
        self.company_key = f"file-store-{self.path.resolve()}"

    def load(self) -> TokenPair | None:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        return TokenPair.from_dict(data)

    def save(self, pair: TokenPair) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=f".{self.path.name}.")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(pair.to_dict(), handle)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
            raise

    @contextlib.contextmanager
    def refresh_lock(self) -> Iterator[None]:
        self._lock_path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self._lock_path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)
