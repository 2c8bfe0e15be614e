"""Google's OAuth 2.0 endpoints at Google's paths: the authorization page
(`accounts.google.com/o/oauth2/v2/auth`), the token endpoint (`oauth2.googleapis.com/token`)
and revocation (`oauth2.googleapis.com/revoke`). The rules live in `..oauth` (and, for a service
account's signed assertion, in `..service_accounts`).

A request the page cannot trust (unknown client, unregistered redirect URI, bad parameters)
gets Google's error page and is never redirected; a person who cancels is sent back with
`error=access_denied`. Token answers are JSON marked not to be cached, as Google's are.
"""
from __future__ import annotations

import base64
import binascii
import re
from urllib.parse import urlencode

from flask import Blueprint, Response, jsonify, redirect, render_template, request

from ..context import get_world
from ..oauth import SCOPE_TEXTS, AuthorizationRefused, AuthorizationRequest, OAuthError
from ..service_accounts import JWT_BEARER

bp = Blueprint("google_oauth", __name__, template_folder="../templates")
ISSUER = "https://accounts.google.com"
REQUEST_FIELDS = ("client_id", "redirect_uri", "response_type", "scope", "state", "access_type", "prompt",
                  "login_hint", "include_granted_scopes")
NO_STORE = {"Cache-Control": "no-cache, no-store, max-age=0, must-revalidate", "Pragma": "no-cache",
            "Expires": "Mon, 01 Jan 1990 00:00:00 GMT"}
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
WRONG_EMAIL = "Digite um e-mail válido da sua Conta do Google."


def _params(source) -> dict[str, str]:
    return {name: source.get(name, "") for name in REQUEST_FIELDS if source.get(name) is not None}


def _back(checked: AuthorizationRequest, **values: str) -> Response:
    """Sends the browser to the client's redirect URI with `values` and the state."""
    query = {**values, **({"state": checked.state} if checked.state else {})}
    separator = "&" if "?" in checked.redirect_uri else "?"
    return redirect(checked.redirect_uri + separator + urlencode(query), code=302)


def _consent_page(params: dict[str, str], checked: AuthorizationRequest, email: str = "",
                  error: str | None = None) -> Response:
    html = render_template("google_consent.html", params=params, email=email or checked.login_hint, error=error,
                           choosable=[(scope, SCOPE_TEXTS[scope]) for scope in checked.choosable_scopes],
                           sign_in=[SCOPE_TEXTS[s] for s in checked.scopes if s not in checked.choosable_scopes],
                           offline=checked.access_type == "offline")
    return Response(html, status=400 if error else 200, mimetype="text/html")


@bp.get("/o/oauth2/v2/auth")
def authorize() -> Response:
    params = _params(request.args)
    checked = get_world().oauth.check_request(params)
    if "none" in checked.prompts:
        return _back(checked, error="interaction_required")  # no browser session here to consent silently
    return _consent_page(params, checked)


@bp.post("/o/oauth2/v2/auth/consent")
def consent() -> Response:
    """The consent form: the account's e-mail, the scopes left ticked, Continue or Cancel."""
    params = _params(request.form)
    world = get_world()
    checked = world.oauth.check_request(params)
    if request.form.get("action") != "allow":
        return _back(checked, error="access_denied")
    email = request.form.get("email", "").strip()
    if not _EMAIL.match(email):
        return _consent_page(params, checked, email, WRONG_EMAIL)
    granted = tuple(scope for scope in request.form.getlist("granted") if scope in checked.choosable_scopes)
    code = world.oauth.issue_code(checked, email, granted)
    scopes = world.oauth.codes[code].scopes
    return _back(checked, iss=ISSUER, code=code, scope=" ".join(scopes), authuser="0", prompt="consent")


@bp.post("/token")
def token() -> Response:
    world = get_world()
    form = request.form
    grant_type = form.get("grant_type", "")
    if grant_type == JWT_BEARER:  # a service account: its signed assertion is its credential, no client's
        answer = world.oauth.issue_access(*world.service_accounts.grant_for(_required("assertion")))
        return _no_store(jsonify(answer))
    client_id, client_secret = _client_credentials()
    world.oauth.authenticate_client(client_id, client_secret)
    if grant_type == "authorization_code":
        answer = world.oauth.redeem_code(_required("code"), client_id, _required("redirect_uri"))
    elif grant_type == "refresh_token":
        answer = world.oauth.refresh(_required("refresh_token"), client_id, form.get("scope"))
    else:
        raise OAuthError(400, "unsupported_grant_type", f"Invalid grant_type: {grant_type}")
    return _no_store(jsonify(answer))


def _no_store(response: Response) -> Response:
    response.headers.update(NO_STORE)
    return response


@bp.route("/revoke", methods=["GET", "POST"])
def revoke() -> Response:
    """The token (access or refresh) from the form body or the query; 200 with an empty body."""
    token = request.form.get("token") or request.args.get("token")
    if not token:
        raise OAuthError(400, "invalid_request", "Missing required parameter: token")
    get_world().oauth.revoke(token)
    return Response(status=200, headers=NO_STORE)


def _client_credentials() -> tuple[str, str]:
    """client_id/secret from HTTP Basic, or from the form body (Google takes either)."""
    header = request.headers.get("Authorization", "")
    if header.lower().startswith("basic "):
        try:
            client_id, _, secret = base64.b64decode(header[6:].strip(), validate=True).decode().partition(":")
        except (binascii.Error, UnicodeDecodeError):
            raise OAuthError(401, "invalid_client", "Unauthorized") from None
        return client_id, secret
    client_id = request.form.get("client_id", "")
    if not client_id:
        raise OAuthError(400, "invalid_request", "Could not determine client ID from request.")
    return client_id, request.form.get("client_secret", "")


def _required(name: str) -> str:
    value = request.form.get(name, "")
    if not value:
        raise OAuthError(400, "invalid_request", f"Missing required parameter: {name}")
    return value


@bp.errorhandler(OAuthError)
def _oauth_error(error: OAuthError) -> Response:
    response = jsonify(error.body())
    response.status_code = error.status
    return _no_store(response)


@bp.errorhandler(AuthorizationRefused)
def _refused_page(error: AuthorizationRefused) -> Response:
    html = render_template("google_error.html", status=error.status, error=error.error, detail=error.detail)
    return Response(html, status=error.status, mimetype="text/html")
