"""Sign-in for the whole API: every /api/v1 request proves who it is with a Google ID token.

One `before_request` guards every /api/v1 route, so a new blueprint is private by default; the
few views a browser reaches without a token (the OAuth callback, the OpenAPI document) are
marked `@public`.
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, TypeVar

from flask import Blueprint, Flask, abort, current_app, g, jsonify, request
from sqlalchemy import select

from sheets_addon import messages
from sheets_addon.api.errors import error_response
from sheets_addon.config import current_settings
from sheets_addon.db import get_session
from sheets_addon.google_connecting import google_access_json
from sheets_addon.google_signin import CertificateCache, CertificatesUnavailable, SignInError, verify_id_token
from sheets_addon.models import User
from sheets_addon.users import user_for_identity

API_PREFIX = "/api/v1/"
MAX_RECORD_ID = 2**31 - 1  # ids are INTEGER columns: 4 bytes on PostgreSQL (SQLite would hold 8)
CERTIFICATES = "azulejo.google_certificates"
log = logging.getLogger(__name__)
bp = Blueprint("auth", __name__, url_prefix="/api/v1")
View = TypeVar("View", bound=Callable[..., Any])
Owned = TypeVar("Owned")


def init_app(app: Flask) -> None:
    settings = app.extensions["azulejo.settings"]
    app.extensions[CERTIFICATES] = CertificateCache(settings.GOOGLE_CERTS_URL)
    app.before_request(_require_sign_in)
    app.register_blueprint(bp)


def public(view: View) -> View:
    """Marks a view reachable without an ID token."""
    view.public = True  # type: ignore[attr-defined]
    return view


def current_user() -> User:
    """The signed-in user of this request."""
    return g.user


def owned_or_404(model: type[Owned], record_id: int) -> Owned:
    """The current user's record; someone else's answers exactly like one that does not exist."""
    if not 0 < record_id <= MAX_RECORD_ID:
        abort(404)  # no such id is stored; a larger one does not even fit the column (PostgreSQL refuses it)
    record = get_session().scalar(select(model).where(model.id == record_id,  # type: ignore[attr-defined]
                                                      model.user_id == current_user().id))  # type: ignore[attr-defined]
    if record is None:
        abort(404)
    return record


@bp.get("/me")
def me():
    """Who is signed in, and how the backend reaches their sheets (`google_access`)."""
    user = current_user()
    return jsonify({"id": user.id, "email": user.email, "name": user.display_name,
                    "google_access": google_access_json(get_session(), current_settings(), user)})


def _require_sign_in():
    if not request.path.startswith(API_PREFIX) or request.endpoint is None:
        return None  # unknown paths get their plain 404
    view = current_app.view_functions[request.endpoint]
    if getattr(view, "public", False):
        return None
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return _unauthenticated("missing_token", "no bearer token")
    try:
        identity = verify_id_token(token.strip(), current_app.extensions[CERTIFICATES],
                                   current_settings().google_audiences())
        g.user = user_for_identity(get_session(), identity)
    except SignInError as refusal:
        return _unauthenticated(refusal.code, refusal.reason)
    except CertificatesUnavailable as error:
        log.error("sign-in unavailable", extra={"reason": str(error)})
        return error_response(503, "sign_in_unavailable", messages.SIGN_IN_UNAVAILABLE)
    return None


def _unauthenticated(code: str, reason: str):
    log.info("sign-in refused", extra={"code": code, "reason": reason, "path": request.path})
    response, status = error_response(401, code, messages.SIGN_IN_MESSAGES.get(code, messages.SIGN_IN_INVALID))
    response.headers["WWW-Authenticate"] = 'Bearer realm="azulejo"'
    return response, status
