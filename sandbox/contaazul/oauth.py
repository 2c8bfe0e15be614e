"""The OAuth server: the sign-in page, code issuing, and the token endpoint.

Since August 2026 Conta Azul's sign-in page is a single-page app whose route and parameters live
in the URL fragment (`/#/oauth/authorize?response_type=code&client_id=…`), which a browser never
sends to the server: the page (`/`) reads them in JavaScript, asks `POST /oauth/sign-in` whether
the app may sign in, posts the login there, and sends the browser where the answer says. Codes are
traded at `POST /oauth/token`. The paths before August 2026 (`/oauth2/authorize`, `/login`,
`/oauth2/token`) answer only with `legacy_oauth_paths`.

The redirect_uri must be exactly the configured one, and the client_id known: otherwise the person
sees an error and is never sent anywhere, as an authorization server must do.
"""
from __future__ import annotations

import base64
import binascii
import functools
import hmac
import logging
from collections.abc import Callable, Mapping
from urllib.parse import urlencode

from flask import Blueprint, Response, abort, jsonify, redirect, render_template, request

from . import tokens
from .context import get_world
from .errors import BadRequest, OAuthError
from .jsonio import read_json_body

log = logging.getLogger(__name__)
bp = Blueprint("oauth", __name__, template_folder="templates")

SIGN_IN_ROUTE = "/oauth/authorize"  # the page's route, in the fragment
OAUTH_FIELDS = ("response_type", "client_id", "redirect_uri", "state", "scope")
SIGN_IN_ACTIONS = ("check", "authorize", "cancel")
SCOPES_SHOWN = (
    "Ver os dados da sua empresa (razão social, CNPJ)",
    "Ler e cadastrar clientes, fornecedores, produtos e serviços",
    "Ler e criar vendas, contratos, contas a pagar e a receber",
)
WRONG_CLIENT = "O aplicativo que pediu acesso (client_id) não é reconhecido pela Conta Azul."
WRONG_REDIRECT = ("O endereço de retorno (redirect_uri) informado não está cadastrado para este "
                  "aplicativo. Por segurança, a Conta Azul não vai redirecionar você para ele.")
WRONG_LOGIN = "E-mail ou senha incorretos."
WRONG_ACTION = f"A ação deve ser uma de {', '.join(SIGN_IN_ACTIONS)}."
CLIENT_SECRET_REFUSED = "Client secret does not match."


class SignInStop(Exception):
    """The sign-in cannot go on: `message` for the person (never a redirect), or `redirect_to` the app."""

    def __init__(self, message: str | None = None, redirect_to: str | None = None, status: int = 400):
        super().__init__(message or redirect_to)
        self.message, self.redirect_to, self.status = message, redirect_to, status


def _oauth_params(source: Mapping) -> dict[str, str]:
    return {name: str(source.get(name) or "") for name in OAUTH_FIELDS}


def _redirect_to(params: dict[str, str], **values: str) -> str:
    query = {**values, **({"state": params["state"]} if params["state"] else {})}
    separator = "&" if "?" in params["redirect_uri"] else "?"
    return params["redirect_uri"] + separator + urlencode(query)


def _check_request(params: dict[str, str]) -> None:
    """A wrong client or redirect URI stops with a message; a protocol error goes back to the app."""
    settings = get_world().settings
    message = None
    if params["client_id"] != settings.client_id:
        message = WRONG_CLIENT
    elif params["redirect_uri"] != settings.redirect_uri:
        message = WRONG_REDIRECT
    if message is not None:
        log.info("authorize refused: client_id=%s redirect_uri=%s", params["client_id"], params["redirect_uri"])
        raise SignInStop(message)
    if params["response_type"] != "code":
        raise SignInStop(redirect_to=_redirect_to(params, error="unsupported_response_type"))
    if params["scope"] and not set(params["scope"].split()) <= set(tokens.SCOPE.split()):
        raise SignInStop(redirect_to=_redirect_to(params, error="invalid_scope"))


def _sign_in(params: dict[str, str], email: str, password: str) -> str:
    """The code for the company whose login this is, as the URL to send the browser to."""
    world = get_world()
    with world.lock:
        company = world.company_by_login(email)
        if company is None or not hmac.compare_digest(company.password.encode(), password.encode()):
            raise SignInStop(WRONG_LOGIN, status=401)
        world.stats["logins"] += 1
        code = tokens.issue_code(world, company, params["client_id"], params["redirect_uri"])
    return _redirect_to(params, code=code)


@bp.get("/")
def sign_in_page() -> Response:
    """The single-page app: everything it needs is in the fragment, which only its script reads."""
    return Response(render_template("sign_in.html"), mimetype="text/html")


@bp.post("/oauth/sign-in")
def sign_in() -> Response:
    """What the page asks: `check` (may this app sign in?), `authorize` (the login), `cancel`."""
    body = read_json_body()
    action = body.get("action")
    if action not in SIGN_IN_ACTIONS:
        raise BadRequest(WRONG_ACTION)
    params = _oauth_params(body)
    try:
        _check_request(params)
        if action == "check":
            return jsonify({"app_name": get_world().settings.app_name, "scopes": list(SCOPES_SHOWN)})
        if action == "cancel":
            return jsonify({"redirect_to": _redirect_to(params, error="access_denied")})
        return jsonify({"redirect_to": _sign_in(params, str(body.get("email") or ""),
                                                str(body.get("password") or ""))})
    except SignInStop as stop:
        if stop.redirect_to:
            return jsonify({"redirect_to": stop.redirect_to})
        return jsonify({"message": stop.message}), stop.status


def _legacy(view: Callable[[], Response]) -> Callable[[], Response]:
    """Served only when the stand-in keeps the sign-in from before August 2026."""
    @functools.wraps(view)
    def served() -> Response:
        if not get_world().settings.legacy_oauth_paths:
            abort(404)
        return view()
    return served


def _legacy_page(params: dict[str, str], error: str | None = None, email: str = "") -> Response:
    html = render_template("login.html", params=params, app_name=get_world().settings.app_name,
                           scopes=SCOPES_SHOWN, error=error, email=email)
    return Response(html, mimetype="text/html")


def _legacy_stop(stop: SignInStop, params: dict[str, str], email: str = "") -> Response:
    if stop.redirect_to:
        return redirect(stop.redirect_to, code=302)
    if stop.status == 401:
        return _legacy_page(params, stop.message, email)
    return Response(render_template("oauth_error.html", message=stop.message), status=400, mimetype="text/html")


@bp.get("/oauth2/authorize")
@bp.get("/login")
@_legacy
def legacy_authorize_page() -> Response:
    """The server-rendered form of before August 2026, its parameters in the query."""
    params = _oauth_params(request.args)
    try:
        _check_request(params)
    except SignInStop as stop:
        return _legacy_stop(stop, params)
    return _legacy_page(params)


@bp.post("/login")
@_legacy
def legacy_login() -> Response:
    params = _oauth_params(request.form)
    email = request.form.get("email", "")
    try:
        _check_request(params)
        if request.form.get("action") == "cancel":
            return redirect(_redirect_to(params, error="access_denied"), code=302)
        return redirect(_sign_in(params, email, request.form.get("password", "")), code=302)
    except SignInStop as stop:
        return _legacy_stop(stop, params, email)


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


def _check_client(client_id: str, secret: str, grant_type: str) -> None:
    """An unknown client is 401 `invalid_client`; our client with a wrong secret too, except on a
    refresh, which Conta Azul refuses as `invalid_grant` with the subtype `invalid_client` (unless
    `wrong_secret_on_refresh` says "invalid_client")."""
    settings = get_world().settings
    if client_id != settings.client_id:
        raise OAuthError(401, "invalid_client")
    if hmac.compare_digest(secret.encode(), settings.client_secret.encode()):
        return
    if grant_type == "refresh_token" and settings.wrong_secret_on_refresh == "invalid_grant":
        raise OAuthError(400, "invalid_grant", CLIENT_SECRET_REFUSED, "invalid_client")
    raise OAuthError(401, "invalid_client")


@bp.post("/oauth/token")
def token() -> Response:
    world = get_world()
    client_id, secret = _client_credentials()
    grant_type = request.form.get("grant_type", "")
    _check_client(client_id, secret, grant_type)
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


bp.add_url_rule("/oauth2/token", "legacy_token", _legacy(token), methods=["POST"])


def _missing(name: str) -> str:
    raise OAuthError(400, "invalid_request", f"{name} is required")
