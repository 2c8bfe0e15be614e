"""Google sign-in in miniature: ID tokens signed with the stand-in's own RSA key, and the
certificates that verify them at Google's path (`/oauth2/v1/certs`, x509 PEM by key id).

The backend verifies these with the same google-auth code that verifies Google's, pointed here
by its certificates URL. Tokens are built with `cryptography` alone, not google-auth, so the
verifier is not checked against itself. The key is made on first use: most tests never sign in.
"""
from __future__ import annotations

import base64
import hashlib
import json
import secrets
import threading
import time
from datetime import UTC, datetime, timedelta
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.x509.oid import NameOID

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
        return _signed_jwt(key, {"alg": "RS256", "kid": self.key_id, "typ": "JWT"}, claims)

    def _signing_key(self) -> rsa.RSAPrivateKey:
        with self._lock:
            if self._key is None:
                self._key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
                self._certificate_pem = _self_signed_certificate(self._key)
            return self._key


def subject_for(email: str) -> str:
    """A stable, Google-looking subject (21 digits) for an e-mail, so tests can omit it."""
    digest = int(hashlib.sha256(email.strip().lower().encode()).hexdigest(), 16)
    return "1" + str(digest)[:20]


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _signed_jwt(key: rsa.RSAPrivateKey, header: dict[str, Any], claims: dict[str, Any]) -> str:
    signing_input = f"{_b64(json.dumps(header).encode())}.{_b64(json.dumps(claims).encode())}"
    signature = key.sign(signing_input.encode("ascii"), padding.PKCS1v15(), hashes.SHA256())
    return f"{signing_input}.{_b64(signature)}"


def _self_signed_certificate(key: rsa.RSAPrivateKey) -> str:
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "sandbox.accounts.google.com")])
    now = datetime.now(UTC)
    certificate = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
                   .public_key(key.public_key()).serial_number(x509.random_serial_number())
                   .not_valid_before(now - timedelta(days=1)).not_valid_after(now + timedelta(days=30))
                   .sign(key, hashes.SHA256()))
    return certificate.public_bytes(serialization.Encoding.PEM).decode("ascii")
