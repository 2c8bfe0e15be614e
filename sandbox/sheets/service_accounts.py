"""Service accounts in miniature: Google identities of programs, whose keys are handed out once as
Google's JSON key file, and the checks Google makes on what those keys sign.

- `create` makes an account (`name@project.iam.gserviceaccount.com`) and a key, and answers the key
  file exactly as the Cloud console's *Keys › Add key › JSON* downloads it, its `token_uri` pointing
  here. Only the public half is kept (with its x509 certificate, served at Google's path), as Google
  keeps only that.
- `grant_for` is the token endpoint's `grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer`: an
  assertion signed RS256 by one of the account's keys, `iss` the account, `aud` Google's token URI
  (google-auth always sends https://oauth2.googleapis.com/token, whatever `token_uri` it posts to),
  `scope`, and `iat`/`exp` at most an hour apart around now; refusals in Google's words.
- `self_signed_access` is the Sheets API taking a self-signed JWT as the bearer token (what
  google-auth sends instead with `always_use_jwt_access`, or outside the googleapis.com universe):
  `iss` = `sub` = the account, a `scope` claim or the API's `aud`, the same time limits.

The clock is the stand-in's, so `advance_clock` ages assertions as it ages tokens.
"""
from __future__ import annotations

import re
import secrets
from collections import Counter
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from ..contaazul.world import Clock
from .jws import Jwt, MalformedJwt, read_jwt, self_signed_certificate
from .oauth import DRIVE, SPREADSHEETS, AccessToken, Grant, OAuthError, parse_scopes

JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer"
# Google's token endpoint by its names old and new: an assertion must name one of them.
TOKEN_AUDIENCES = frozenset({"https://oauth2.googleapis.com/token", "https://accounts.google.com/o/oauth2/token",
                             "https://www.googleapis.com/oauth2/v4/token"})
API_AUDIENCES = {"https://sheets.googleapis.com/": (SPREADSHEETS,), "https://www.googleapis.com/": (DRIVE,)}
MAX_LIFETIME_SECONDS = 3600
CLOCK_SKEW_SECONDS = 300  # how far ahead of our clock an `iat` (or behind it an `exp`) may be
ACCOUNT_NAME = re.compile(r"^[a-z][a-z0-9-]{4,28}[a-z0-9]$")  # the console's rule: 6-30 characters
PROJECT_ID = re.compile(r"^[a-z][a-z0-9-]{4,28}[a-z0-9]$")
EMAIL_DOMAIN = ".iam.gserviceaccount.com"

BAD_SIGNATURE = "Invalid JWT Signature."
NOT_SHORT_LIVED = ("Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. "
                   "Check your iat and exp values in the JWT claim.")
WRONG_AUDIENCE = "Invalid JWT: Failed audience check."
ACCOUNT_NOT_FOUND = "Invalid grant: account not found"
BAD_SCOPE = "Invalid OAuth scope or ID token audience provided."
NO_DELEGATION = ("Client is unauthorized to retrieve access tokens using this method, or client not authorized "
                 "for any of the scopes requested.")


class ServiceAccountExists(ValueError):
    """IAM's 409: an account of that name already exists in the project."""


@dataclass
class ServiceAccountKey:
    key_id: str
    public_key: rsa.RSAPublicKey
    certificate_pem: str


@dataclass
class ServiceAccount:
    email: str
    project_id: str
    unique_id: str  # the key file's client_id: 21 digits
    keys: dict[str, ServiceAccountKey] = field(default_factory=dict)


@dataclass
class ServiceAccounts:
    """The accounts and their public keys; every method runs under the world's lock."""

    clock: Clock
    default_project_id: str
    accounts: dict[str, ServiceAccount] = field(default_factory=dict)
    stats: Counter = field(default_factory=Counter)

    # -- the console -------------------------------------------------------------------------

    def create(self, name: str, base_url: str, project_id: str | None = None) -> dict[str, str]:
        """A new account and its first key: the JSON key file, for a stand-in at `base_url`."""
        project_id = project_id or self.default_project_id
        if not ACCOUNT_NAME.match(name):
            raise ValueError("a service account's name is 6-30 lowercase letters, digits or hyphens, "
                             "starting with a letter")
        if not PROJECT_ID.match(project_id):
            raise ValueError("a project id is 6-30 lowercase letters, digits or hyphens, starting with a letter")
        email = f"{name}@{project_id}{EMAIL_DOMAIN}"
        if email in self.accounts:
            raise ServiceAccountExists(f"Service account {name} already exists within project projects/{project_id}.")
        account = ServiceAccount(email, project_id, "1" + "".join(secrets.choice("0123456789") for _ in range(20)))
        self.accounts[email] = account
        return self._new_key(account, base_url)

    def _new_key(self, account: ServiceAccount, base_url: str) -> dict[str, str]:
        """A key of the account, kept public; the private half leaves in the key file and is forgotten."""
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        key_id = secrets.token_hex(20)
        account.keys[key_id] = ServiceAccountKey(key_id, key.public_key(), self_signed_certificate(key, account.email))
        pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption()).decode("ascii")
        base = base_url.rstrip("/")
        return {"type": "service_account", "project_id": account.project_id, "private_key_id": key_id,
                "private_key": pem, "client_email": account.email, "client_id": account.unique_id,
                "auth_uri": f"{base}/o/oauth2/v2/auth", "token_uri": f"{base}/token",
                "auth_provider_x509_cert_url": f"{base}/oauth2/v1/certs",
                "client_x509_cert_url": f"{base}/robot/v1/metadata/x509/{quote(account.email, safe='')}",
                "universe_domain": "googleapis.com"}

    def certificates(self, email: str) -> dict[str, str] | None:
        """The account's public keys as Google publishes them: key id -> x509 PEM."""
        account = self.accounts.get(email)
        return None if account is None else {key.key_id: key.certificate_pem for key in account.keys.values()}

    # -- the token endpoint ------------------------------------------------------------------

    def grant_for(self, assertion: str) -> tuple[Grant, tuple[str, ...]]:
        """jwt-bearer: the account's grant and the scopes asked, or `OAuthError` as Google answers."""
        try:
            jwt = read_jwt(assertion)
        except MalformedJwt:
            raise self._refused("invalid_grant", BAD_SIGNATURE) from None
        account = self.accounts.get(str(jwt.claims.get("iss", "")))
        if account is None:
            raise self._refused("invalid_grant", ACCOUNT_NOT_FOUND)
        if not _signed_by_account(jwt, account):
            raise self._refused("invalid_grant", BAD_SIGNATURE)
        if _text(jwt.claims.get("aud")) not in TOKEN_AUDIENCES:
            raise self._refused("invalid_grant", WRONG_AUDIENCE)
        if not self._short_lived(jwt.claims):
            raise self._refused("invalid_grant", NOT_SHORT_LIVED)
        if jwt.claims.get("sub", account.email) != account.email:  # domain-wide delegation: none granted here
            raise self._refused("unauthorized_client", NO_DELEGATION)
        scopes = _scopes(jwt.claims.get("scope"))
        if scopes is None:
            raise self._refused("invalid_scope", BAD_SCOPE)
        self.stats["tokens_issued"] += 1
        return _grant(account, scopes), scopes

    # -- the APIs ----------------------------------------------------------------------------

    def signed_this(self, token: str) -> bool:
        """Whether the bearer token is a JWT naming one of our accounts as its issuer."""
        try:
            return str(read_jwt(token).claims.get("iss", "")) in self.accounts
        except MalformedJwt:
            return False

    def self_signed_access(self, token: str) -> AccessToken | None:
        """A self-signed JWT as an API's bearer token: what it lets its account do, or None (401)."""
        jwt = read_jwt(token)
        account = self.accounts[str(jwt.claims["iss"])]
        claims = jwt.claims
        if not _signed_by_account(jwt, account) or claims.get("sub") != account.email or not self._short_lived(claims):
            return None
        scopes = _scopes(claims["scope"]) if "scope" in claims else API_AUDIENCES.get(_text(claims.get("aud")))
        return None if scopes is None else AccessToken(_grant(account, scopes), scopes, float(claims["exp"]))

    def snapshot(self) -> dict[str, int]:
        return {"accounts": len(self.accounts), "tokens_issued": self.stats["tokens_issued"],
                "assertions_refused": self.stats["assertions_refused"]}

    def _short_lived(self, claims: dict[str, Any]) -> bool:
        issued, expires = claims.get("iat"), claims.get("exp")
        if not all(isinstance(value, int | float) and not isinstance(value, bool) for value in (issued, expires)):
            return False
        now = self.clock.timestamp()
        return (issued < expires and expires - issued <= MAX_LIFETIME_SECONDS
                and issued <= now + CLOCK_SKEW_SECONDS and expires > now - CLOCK_SKEW_SECONDS)

    def _refused(self, error: str, description: str) -> OAuthError:
        self.stats["assertions_refused"] += 1
        return OAuthError(400, error, description)


def _signed_by_account(jwt: Jwt, account: ServiceAccount) -> bool:
    """Signed by the key the header names (`kid`), or without one by any of the account's keys."""
    key_id = jwt.header.get("kid")
    keys = [account.keys[key_id]] if key_id in account.keys else [] if key_id else list(account.keys.values())
    return any(jwt.signed_by(key.public_key) for key in keys)


def _grant(account: ServiceAccount, scopes: tuple[str, ...]) -> Grant:
    return Grant(account.email, account.unique_id, scopes, offline=False, expires_at=None, service_account=True)


def _scopes(claim: Any) -> tuple[str, ...] | None:
    """The scopes a `scope` claim asks for; None when it asks for none or for one Google does not know."""
    try:
        return parse_scopes(claim if isinstance(claim, str) else "", refusal=ValueError())
    except ValueError:
        return None


def _text(claim: Any) -> str:
    return claim if isinstance(claim, str) else ""
