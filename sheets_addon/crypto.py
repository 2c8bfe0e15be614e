"""Secrets at rest: Conta Azul tokens are stored encrypted (Fernet: AES with an HMAC)."""
from __future__ import annotations

import json
from typing import Any

from cryptography.fernet import Fernet, InvalidToken


class SecretBox:
    """Encrypts JSON-able values with one key; a wrong key or tampered value is refused."""

    def __init__(self, key: bytes) -> None:
        self._fernet = Fernet(key)

    def seal(self, value: Any) -> bytes:
        return self._fernet.encrypt(json.dumps(value).encode("utf-8"))

    def open(self, sealed: bytes) -> Any:
        try:
            return json.loads(self._fernet.decrypt(sealed))
        except InvalidToken:
            raise ValueError("stored secret cannot be decrypted with the configured key") from None

    def __repr__(self) -> str:
        return "SecretBox(<key hidden>)"
