"""Connections: Conta Azul (start the sign-in, take the browser's callback, list, disconnect) and the
user's own Google access (start the consent, take Google's callback, show, disconnect); between a
start and the provider, the begin page that binds the link to the browser opening it."""
from __future__ import annotations

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    jsonify,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)

from sheets_addon import messages
from sheets_addon.api.auth import CERTIFICATES, current_user, owned_or_404, public
from sheets_addon.api.errors import error_response
from sheets_addon.api.rate_limit import CONNECT_STARTS, per_client_address, per_user
from sheets_addon.config import current_settings
from sheets_addon.connect_browsers import (
    BROWSER_COOKIE,
    begin_connection,
    browser_cookie,
    confirm_connection,
    finish_google_callback,
)
from sheets_addon.connecting import (
    ConnectRefused,
    company_label,
    connection_json,
    disconnect,
    finish_connection,
    list_connections,
    start_connection,
)
from sheets_addon.db import get_session
from sheets_addon.google_access import backend_account_email
from sheets_addon.google_connecting import (
    GoogleConsentUnavailable,
    disconnect_google,
    google_access_json,
    start_google_connection,
)
from sheets_addon.google_connections import find_google_connection
from sheets_addon.models import ContaAzulConnection

bp = Blueprint("connections", __name__, url_prefix="/api/v1/connections")


@bp.post("/contaazul/start")
@per_user(CONNECT_STARTS)
def start():
    link = start_connection(get_session(), current_settings(), current_user())
    return jsonify({"authorize_url": link.authorize_url, "expires_at": link.expires_at.isoformat()}), 201


@bp.get("/begin")
@public
@per_client_address
def begin():
    """Where a connect link sends the browser first: binds it to this browser, then on to Google
    (sign-in or consent), to Conta Azul, or to the confirmation page."""
    settings = current_settings()
    try:
        begun = begin_connection(get_session(), settings, request.args.get("state"),
                                 request.cookies.get(BROWSER_COOKIE))
    except ConnectRefused as refusal:
        return _refused(refusal)
    if begun.next_url:
        response = redirect(begun.next_url, code=303)
    else:
        confirm = {"action": url_for("connections.begin_answer"), "state": request.args.get("state"),
                   "proceed": messages.CONNECT_CONFIRM_CONTINUE, "cancel": messages.CONNECT_CONFIRM_CANCEL}
        response = _page(messages.CONNECT_CONFIRM_TITLE, messages.CONNECT_CONFIRM.format(email=begun.email),
                         tone="", confirm=confirm)
    response.set_cookie(**browser_cookie(settings, begun))
    return _private(response)


@bp.post("/begin")
@public
@per_client_address
def begin_answer():
    """The confirmation page's Continuar (on to Conta Azul) or Cancelar."""
    form = request.form
    try:
        next_url = confirm_connection(get_session(), current_settings(), form.get("state"),
                                      request.cookies.get(BROWSER_COOKIE), proceed=form.get("action") == "continue")
    except ConnectRefused as refusal:
        return _refused(refusal)
    if next_url is None:
        return _private(_page(messages.CONNECT_TITLE_CANCELLED, messages.CONNECT_CANCELLED_HERE, tone=""))
    return _private(redirect(next_url, code=303))


@bp.get("/contaazul/callback")
@public
@per_client_address
def callback():
    """Where Conta Azul sends the browser back: a page the person reads, then closes."""
    args = request.args
    try:
        connection = finish_connection(get_session(), current_settings(), args.get("state"), args.get("code"),
                                       error=args.get("error"), browser=request.cookies.get(BROWSER_COOKIE))
    except ConnectRefused as refusal:
        return _refused(refusal)
    done = messages.CONNECT_COMPANY_DONE.format(company=company_label(connection), email=connection.user.email)
    return _private(_page(messages.CONNECT_TITLE_DONE, done, tone="ok"))


@bp.get("")
def index():
    session = get_session()
    return jsonify({"connections": [connection_json(c, session) for c in list_connections(session, current_user())]})


@bp.post("/<int:connection_id>/disconnect")
def disconnect_connection(connection_id: int):
    session = get_session()
    connection = owned_or_404(ContaAzulConnection, connection_id)
    disconnect(session, connection)
    return jsonify(connection_json(connection, session))


@bp.post("/google/start")
@per_user(CONNECT_STARTS)
def google_start():
    settings = current_settings()
    try:
        link = start_google_connection(get_session(), settings, current_user())
    except GoogleConsentUnavailable:
        account = backend_account_email(settings) or messages.SPREADSHEET_ACCOUNT_FALLBACK
        return error_response(409, "google_consent_unavailable", messages.GOOGLE_CONSENT_UNAVAILABLE.format(
            account=account))
    return jsonify({"authorize_url": link.authorize_url, "expires_at": link.expires_at.isoformat()}), 201


@bp.get("/google/callback")
@public
@per_client_address
def google_callback():
    """Where Google sends the browser back: after a Google connect's consent, a page the person reads,
    then closes; after a Conta Azul connect's sign-in check, on to Conta Azul."""
    args = request.args
    try:
        outcome = finish_google_callback(get_session(), current_settings(), current_app.extensions[CERTIFICATES],
                                         args.get("state"), args.get("code"), args.get("error"),
                                         request.cookies.get(BROWSER_COOKIE))
    except ConnectRefused as refusal:
        return _refused(refusal)
    if isinstance(outcome, str):
        return _private(redirect(outcome, code=303))
    done = messages.GOOGLE_CONNECT_ACCOUNT_DONE.format(google_email=outcome.google_email, email=outcome.user.email)
    return _private(_page(messages.GOOGLE_CONNECT_TITLE_DONE, done, tone="ok"))


@bp.get("/google")
def google_status():
    return jsonify(google_access_json(get_session(), current_settings(), current_user()))


@bp.post("/google/disconnect")
def google_disconnect():
    """Revokes the user's consent at Google and forgets it; their sheets go back to the backend's account."""
    session, settings, user = get_session(), current_settings(), current_user()
    connection = find_google_connection(session, user.id)
    if connection is None:
        abort(404)
    revoked = disconnect_google(session, settings, connection)
    return jsonify({"revoked_at_google": revoked, "google_access": google_access_json(session, settings, user)})


def _page(title: str, message: str, tone: str, status: int = 200, confirm: dict | None = None) -> Response:
    return make_response(render_template("connection_result.html", title=title, message=message, tone=tone,
                                         confirm=confirm), status)


def _refused(refusal: ConnectRefused) -> Response:
    return _private(_page(messages.CONNECT_TITLE_REFUSED, refusal.message, tone="bad", status=refusal.status))


def _private(response: Response) -> Response:
    """The connect pages carry a state (and a code): never cached, framed or named in a Referer."""
    response.headers.update({"Cache-Control": "no-store", "Referrer-Policy": "no-referrer",
                             "X-Frame-Options": "DENY", "Content-Security-Policy": "frame-ancestors 'none'"})
    return response
