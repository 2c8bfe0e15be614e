"""Google sign-in in miniature: ID tokens signed with the stand-in's own RSA key, and the
certificates that verify them at Google's path (`/oauth2/v1/certs`, x509 PEM by key id).

The backend verifies these with the same google-auth code that verifies Google's, pointed here
by its certificates URL. Tokens are built with `cryptography` alone (`jws`), not google-auth, so the
verifier is not checked against itself. The key is made on first use: most tests never sign in.
"""
from __future__ import annotations

import hashlib
import secrets
import threading
import time
from typing import Any

from cryptography.hazmat.primitives.asymmetric import rsa

from .jws import self_signed_certificate, sign_rs256

GOOGLE_ISSUER = "https://accounts.google.com"


class GoogleIdentity:
    """One signing key, its certificate, and the tokens it mints (as `accounts.google.com` would)."""

    def __init__(self, audience: str) -> None:
        self.audience = audience
        self._lock = threading.Lock()
        self._key: rsa.RSAPrivateKey | None = None
        self._certificate_pem = ""
        self.key_id = secrets.token_hex(20)

    def certificates(self) -> dict[str, str]:
        """What Google's certificates URL answers: key id -> x509 certificate in PEM."""
        self._signing_key()
        return {self.key_id: self._certificate_pem}

    def mint_id_token(self, email: str, sub: str | None = None, audience: str | None = None, *,
                      issuer: str = GOOGLE_ISSUER, expired: bool = False, email_verified: bool = True,
                      lifetime_seconds: int = 3600, forged: bool = False, name: str | None = None) -> str:
        """A Google-style ID token for `email`; `forged` signs it with a key nobody publishes."""
        now = int(time.time())
        issued = now - 2 * lifetime_seconds if expired else now
        claims: dict[str, Any] = {
            "iss": issuer, "azp": audience or self.audience, "aud": audience or self.audience,
            "sub": sub or subject_for(email), "email": email, "email_verified": email_verified,
            "iat": issued, "exp": issued + lifetime_seconds,
        }
        if name:
            claims["name"] = name
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048) if forged else self._signing_key()
        return sign_rs256(key, {"alg": "RS256", "kid": self.key_id, "typ": "JWT"}, claims)

    def _signing_key(self) -> rsa.RSAPrivateKey:
        with self._lock:
            if self._key is None:
                self._key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
                self._certificate_pem = self_signed_certificate(self._key, "sandbox.accounts.google.com")
            return self._key


def subject_for(email: str) -> str:
    """A stable, Google-looking subject (21 digits) for an e-mail, so tests can omit it."""
    digest = int(hashlib.sha256(email.strip().lower().encode()).hexdigest(), 16)
    return "1" + str(digest)[:20]
