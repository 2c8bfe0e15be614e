"""The OAuth server: sign-in/consent page, code issuing, and the token endpoint.

The redirect_uri must be exactly the configured one, and the client_id known: otherwise the user
sees an error page and is never sent anywhere, as an authorization server must do.
"""
from __future__ import annotations

import base64
import binascii
import hmac
import logging
from urllib.parse import urlencode

from flask import Blueprint, Response, jsonify, redirect, render_template, request

from . import tokens
from .context import get_world
from .errors import OAuthError

log = logging.getLogger(__name__)
bp = Blueprint("oauth", __name__, template_folder="templates")

OAUTH_FIELDS = ("response_type", "client_id", "redirect_uri", "state", "scope")
SCOPES_SHOWN = (
    "Ver os dados da sua empresa (razão social, CNPJ)",
    "Ler e cadastrar clientes, fornecedores, produtos e serviços",
    "Ler e criar vendas, contratos, contas a pagar e a receber",
)
WRONG_CLIENT = "O aplicativo que pediu acesso (client_id) não é reconhecido pela Conta Azul."
WRONG_REDIRECT = ("O endereço de retorno (redirect_uri) informado não está cadastrado para este "
                  "aplicativo. Por segurança, a Conta Azul não vai redirecionar você para ele.")
WRONG_LOGIN = "E-mail ou senha incorretos."


def _oauth_params(source) -> dict[str, str]:
    return {name: source.get(name, "") for name in OAUTH_FIELDS}


def _refusal(params: dict[str, str]) -> Response | None:
    """The error page when client_id or redirect_uri is not the registered one."""
    settings = get_world().settings
    message = None
    if params["client_id"] != settings.client_id:
        message = WRONG_CLIENT
    elif params["redirect_uri"] != settings.redirect_uri:
        message = WRONG_REDIRECT
    if message is None:
        return None
    log.info("authorize refused: client_id=%s redirect_uri=%s", params["client_id"], params["redirect_uri"])
    return Response(render_template("oauth_error.html", message=message), status=400,
                    mimetype="text/html")


def _redirect_back(params: dict[str, str], **values: str) -> Response:
    query = {**values, **({"state": params["state"]} if params["state"] else {})}
    separator = "&" if "?" in params["redirect_uri"] else "?"
    return redirect(params["redirect_uri"] + separator + urlencode(query), code=302)


def _protocol_error(params: dict[str, str]) -> str | None:
    if params["response_type"] != "code":
        return "unsupported_response_type"
    if params["scope"] and not set(params["scope"].split()) <= set(tokens.SCOPE.split()):
        return "invalid_scope"
    return None


def _login_page(params: dict[str, str], error: str | None = None, email: str = "") -> Response:
    html = render_template("login.html", params=params, app_name=get_world().settings.app_name,
                           scopes=SCOPES_SHOWN, error=error, email=email)
    return Response(html, mimetype="text/html")


def _gatekeep(params: dict[str, str]) -> Response | None:
    """The answer when the request cannot go on: error page for a wrong client, redirect for the rest."""
    refusal = _refusal(params)
    if refusal is not None:
        return refusal
    error = _protocol_error(params)
    return _redirect_back(params, error=error) if error else None


@bp.get("/oauth2/authorize")
@bp.get("/login")
def authorize_page() -> Response:
    params = _oauth_params(request.args)
    return _gatekeep(params) or _login_page(params)


@bp.post("/login")
def login() -> Response:
    params = _oauth_params(request.form)
    stop = _gatekeep(params)
    if stop is not None:
        return stop
    if request.form.get("action") == "cancel":
        return _redirect_back(params, error="access_denied")
    world = get_world()
    email = request.form.get("email", "")
    with world.lock:
        company = world.company_by_login(email)
        if company is None or not hmac.compare_digest(company.password, request.form.get("password", "")):
            return _login_page(params, WRONG_LOGIN, email)
        world.stats["logins"] += 1
        code = tokens.issue_code(world, company, params["client_id"], params["redirect_uri"])
    return _redirect_back(params, code=code)


def _client_credentials() -> tuple[str, str]:
    """client_id/secret from HTTP Basic, or from the form body."""
    header = request.headers.get("Authorization", "")
    if header.lower().startswith("basic "):
        try:
            decoded = base64.b64decode(header[6:].strip(), validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            raise OAuthError(401, "invalid_client") from None
        client_id, _, secret = decoded.partition(":")
        if request.form.get("client_id") not in (None, client_id):
            raise OAuthError(401, "invalid_client")
        return client_id, secret
    return request.form.get("client_id", ""), request.form.get("client_secret", "")


@bp.post("/oauth2/token")
def token() -> Response:
    world = get_world()
    client_id, secret = _client_credentials()
    settings = world.settings
    if client_id != settings.client_id or not hmac.compare_digest(secret, settings.client_secret):
        raise OAuthError(401, "invalid_client")
    grant_type = request.form.get("grant_type", "")
    with world.lock:
        world.stats["token_requests"] += 1
        if grant_type == "authorization_code":
            code = request.form.get("code") or _missing("code")
            answer = tokens.redeem_code(world, code, client_id, request.form.get("redirect_uri"))
        elif grant_type == "refresh_token":
            refresh_token = request.form.get("refresh_token") or _missing("refresh_token")
            answer = tokens.refresh(world, refresh_token, client_id)
        else:
            raise OAuthError(400, "unsupported_grant_type")
    response = jsonify(answer)
    response.headers["Cache-Control"] = "no-store"
    return response


def _missing(name: str) -> str:
    raise OAuthError(400, "invalid_request", f"{name} is required")
