"""RS256 JSON Web Tokens with `cryptography` alone: signing the stand-in's ID tokens, reading and
checking what service accounts sign (assertions, self-signed JWTs), and the x509 certificates
Google publishes public keys in.

google-auth is not used here, so what the backend does with google-auth is never checked against
google-auth itself.
"""
from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.x509.oid import NameOID


class MalformedJwt(ValueError):
    """Not three base64url parts with JSON objects in the first two."""


@dataclass(frozen=True)
class Jwt:
    """A JWT as read, before anything is checked."""

    header: dict[str, Any]
    claims: dict[str, Any]
    signing_input: bytes
    signature: bytes

    def signed_by(self, public_key: rsa.RSAPublicKey) -> bool:
        """Whether it is RS256 and its signature is `public_key`'s."""
        if self.header.get("alg") != "RS256":
            return False
        try:
            public_key.verify(self.signature, self.signing_input, padding.PKCS1v15(), hashes.SHA256())
        except InvalidSignature:
            return False
        return True


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def sign_rs256(key: rsa.RSAPrivateKey, header: dict[str, Any], claims: dict[str, Any]) -> str:
    signing_input = f"{b64url(json.dumps(header).encode())}.{b64url(json.dumps(claims).encode())}"
    signature = key.sign(signing_input.encode("ascii"), padding.PKCS1v15(), hashes.SHA256())
    return f"{signing_input}.{b64url(signature)}"


def read_jwt(token: str) -> Jwt:
    """The JWT's parts, or `MalformedJwt`."""
    parts = token.split(".")
    if len(parts) != 3:
        raise MalformedJwt("a JWT has three parts")
    try:
        header, claims = (json.loads(_unb64url(part)) for part in parts[:2])
        signature = _unb64url(parts[2])
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise MalformedJwt("a JWT's parts are base64url JSON") from None
    if not isinstance(header, dict) or not isinstance(claims, dict):
        raise MalformedJwt("a JWT's header and claims are JSON objects")
    return Jwt(header, claims, f"{parts[0]}.{parts[1]}".encode("ascii"), signature)


def self_signed_certificate(key: rsa.RSAPrivateKey, common_name: str, days: int = 30) -> str:
    """An x509 certificate of `key`'s public half in PEM, as Google publishes keys (by key id)."""
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    now = datetime.now(UTC)
    certificate = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
                   .public_key(key.public_key()).serial_number(x509.random_serial_number())
                   .not_valid_before(now - timedelta(days=1)).not_valid_after(now + timedelta(days=days))
                   .sign(key, hashes.SHA256()))
    return certificate.public_bytes(serialization.Encoding.PEM).decode("ascii")


def _unb64url(text: str) -> bytes:
    try:
        text.encode("ascii")
    except UnicodeEncodeError:
        raise binascii.Error("not base64url") from None
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
