"""Google's published keys, at Google's paths (sign-in's certificates, each service account's), and a
control minting ID tokens."""
from __future__ import annotations

from flask import Blueprint, jsonify

from ..context import get_world
from ..errors import invalid_argument, not_found
from ..params import json_body

CERTS_MAX_AGE_SECONDS = 21600  # Google's answer carries a max-age of some hours
MINT_FIELDS = frozenset({"email", "sub", "audience", "issuer", "expired", "email_verified", "forged", "name",
                         "lifetime_seconds"})

bp = Blueprint("identity", __name__)


@bp.get("/oauth2/v1/certs")
def certificates():
    return _published(get_world().identity.certificates())


@bp.get("/robot/v1/metadata/x509/<path:email>")
def service_account_certificates(email: str):
    """A service account's public keys (its key file's `client_x509_cert_url`): key id -> x509 PEM."""
    certificates = get_world().service_accounts.certificates(email)
    if certificates is None:
        raise not_found()
    return _published(certificates)


def _published(certificates: dict[str, str]):
    response = jsonify(certificates)
    response.headers["Cache-Control"] = f"public, max-age={CERTS_MAX_AGE_SECONDS}, must-revalidate, no-transform"
    return response


@bp.post("/_sandbox/id-token")
def mint_id_token_route():
    """{"email", "sub"?, "audience"?, "issuer"?, "expired"?, "email_verified"?, "forged"?, "name"?}"""
    body = json_body(required=True)
    if not isinstance(body.get("email"), str) or body.keys() - MINT_FIELDS:
        raise invalid_argument(f"Send an 'email' and only these fields: {sorted(MINT_FIELDS)}.")
    try:
        return {"id_token": get_world().identity.mint_id_token(**body)}
    except (TypeError, ValueError) as error:
        raise invalid_argument(f"Invalid arguments: {error}") from None
