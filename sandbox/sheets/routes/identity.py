"""Google sign-in's public side: the certificates at Google's path, and a control minting ID tokens."""
from __future__ import annotations

from flask import Blueprint, jsonify

from ..context import get_world
from ..errors import invalid_argument
from ..params import json_body

CERTS_MAX_AGE_SECONDS = 21600  # Google's answer carries a max-age of some hours
MINT_FIELDS = frozenset({"email", "sub", "audience", "issuer", "expired", "email_verified", "forged", "name",
                         "lifetime_seconds"})

bp = Blueprint("identity", __name__)


@bp.get("/oauth2/v1/certs")
def certificates():
    response = jsonify(get_world().identity.certificates())
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
