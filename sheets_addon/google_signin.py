"""Who is calling: a Google ID token verified with google-auth against Google's certificates.

The add-on sends `ScriptApp.getIdentityToken()`; we check its signature, issuer, audience,
expiry and that Google verified the e-mail. The certificates URL is a setting, so the Sheets
stand-in's key verifies through this very code in tests and the demo.
"""
from __future__ import annotations

import re
import threading
import time
from dataclasses import dataclass

import httpx
from google.auth import exceptions as google_exceptions
from google.auth import jwt

GOOGLE_ISSUERS = frozenset({"accounts.google.com", "https://accounts.google.com"})
CLOCK_SKEW_SECONDS = 30
DEFAULT_CERTS_MAX_AGE = 3600        # when the answer says nothing about caching
UNKNOWN_KEY_REFETCH_SECONDS = 60    # a token naming a key we lack refetches at most this often
_MAX_AGE = re.compile(r"max-age=(\d+)")


class SignInError(Exception):
    """The token does not prove who is calling; `code` is for the JSON error, never the token."""

    def __init__(self, code: str, reason: str) -> None:
        super().__init__(reason)
        self.code, self.reason = code, reason


class CertificatesUnavailable(Exception):
    """Google's certificates could not be fetched: nobody can be verified right now."""


@dataclass(frozen=True)
class GoogleIdentity:
    subject: str
    email: str
    name: str | None = None


class CertificateCache:
    """Google's signing certificates, kept as long as Google's `Cache-Control` allows.

    Google rotates keys with overlap, so a token naming an unknown key id triggers one early
    refetch, but not more than once a minute: forged key ids cannot make us hammer Google.
    """

    def __init__(self, url: str, timeout: float = 5.0) -> None:
        self.url, self._timeout = url, timeout
        self._lock = threading.Lock()
        self._certs: dict[str, str] = {}
        self._fresh_until = 0.0
        self._fetched_at = 0.0

    def certificates(self, key_id: str | None = None) -> dict[str, str]:
        with self._lock:
            now = time.monotonic()
            stale = now >= self._fresh_until
            missing_key = key_id is not None and key_id not in self._certs
            if stale or (missing_key and now - self._fetched_at >= UNKNOWN_KEY_REFETCH_SECONDS):
                self._fetch(now)
            return dict(self._certs)

    def _fetch(self, now: float) -> None:
        try:
            response = httpx.get(self.url, timeout=self._timeout)
            response.raise_for_status()
            certs = response.json()
        except (httpx.HTTPError, ValueError) as error:
            raise CertificatesUnavailable(f"cannot fetch Google certificates: {type(error).__name__}") from None
        if not isinstance(certs, dict) or not all(isinstance(v, str) for v in certs.values()):
            raise CertificatesUnavailable("Google certificates answer is not a key id -> PEM object")
        match = _MAX_AGE.search(response.headers.get("Cache-Control", ""))
        self._certs, self._fetched_at = certs, now
        self._fresh_until = now + (int(match.group(1)) if match else DEFAULT_CERTS_MAX_AGE)


def verify_id_token(token: str, certificates: CertificateCache, audiences: list[str]) -> GoogleIdentity:
    """The identity a Google ID token proves, or `SignInError` saying (to operators) why not."""
    if not audiences:
        raise SignInError("invalid_token", "no GOOGLE_CLIENT_ID configured")
    try:
        key_id = jwt.decode_header(token).get("kid")
        claims = jwt.decode(token, certs=certificates.certificates(key_id), audience=audiences,
                            clock_skew_in_seconds=CLOCK_SKEW_SECONDS)
    except (ValueError, google_exceptions.GoogleAuthError) as error:
        raise _refusal(str(error)) from None
    if claims.get("iss") not in GOOGLE_ISSUERS:
        raise SignInError("invalid_token", "issuer is not Google")
    if claims.get("email_verified") not in (True, "true"):
        raise SignInError("email_not_verified", "Google has not verified the e-mail")
    subject, email = claims.get("sub"), claims.get("email")
    if not isinstance(subject, str) or not subject or not isinstance(email, str) or "@" not in email:
        raise SignInError("invalid_token", "token lacks a subject or an e-mail")
    name = claims.get("name")
    return GoogleIdentity(subject, email.strip().lower(), name if isinstance(name, str) else None)


def _refusal(detail: str) -> SignInError:
    """google-auth says why in words; we keep a short, token-free reason and a code."""
    lowered = detail.lower()
    if "expired" in lowered:
        return SignInError("token_expired", "token expired")
    for words, reason in (("audience", "wrong audience"), ("signature", "bad signature"),
                          ("certificate for key id", "unknown signing key"), ("used too early", "not yet valid")):
        if words in lowered:
            return SignInError("invalid_token", reason)
    return SignInError("invalid_token", "malformed token")
