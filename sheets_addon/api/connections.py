"""Connections: Conta Azul (start the sign-in, take the browser's callback, list, disconnect) and the
user's own Google access (start the consent, take Google's callback, show, disconnect)."""
from __future__ import annotations

from flask import Blueprint, abort, current_app, jsonify, render_template, request

from sheets_addon import messages
from sheets_addon.api.auth import CERTIFICATES, current_user, owned_or_404, public
from sheets_addon.api.errors import error_response
from sheets_addon.api.rate_limit import CONNECT_STARTS, per_client_address, per_user
from sheets_addon.config import current_settings
from sheets_addon.connecting import (
    ConnectRefused,
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
    finish_google_connection,
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


@bp.get("/contaazul/callback")
@public
@per_client_address
def callback():
    """Where Conta Azul sends the browser back: a page the person reads, then closes."""
    args = request.args
    try:
        connection = finish_connection(get_session(), current_settings(), args.get("state"), args.get("code"),
                                       error=args.get("error"))
    except ConnectRefused as refusal:
        return _page(messages.CONNECT_TITLE_REFUSED, refusal.message, ok=False), refusal.status
    done = messages.CONNECT_DONE.format(company=connection.company_name or connection.company_document or "")
    return _page(messages.CONNECT_TITLE_DONE, done, ok=True), 200


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
    """Where Google sends the browser back after the consent: a page the person reads, then closes."""
    args = request.args
    try:
        connection = finish_google_connection(get_session(), current_settings(), current_app.extensions[CERTIFICATES],
                                              args.get("state"), args.get("code"), error=args.get("error"))
    except ConnectRefused as refusal:
        return _page(messages.CONNECT_TITLE_REFUSED, refusal.message, ok=False), refusal.status
    done = messages.GOOGLE_CONNECT_DONE.format(email=connection.google_email)
    return _page(messages.GOOGLE_CONNECT_TITLE_DONE, done, ok=True), 200


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


def _page(title: str, message: str, ok: bool) -> str:
    return render_template("connection_result.html", title=title, message=message, ok=ok)
