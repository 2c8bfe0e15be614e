"""Conta Azul connections: start the sign-in, take the browser's callback, list, disconnect."""
from __future__ import annotations

from flask import Blueprint, jsonify, render_template, request

from sheets_addon import messages
from sheets_addon.api.auth import current_user, owned_or_404, public
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
from sheets_addon.models import ContaAzulConnection

bp = Blueprint("connections", __name__, url_prefix="/api/v1/connections")


@bp.post("/contaazul/start")
def start():
    link = start_connection(get_session(), current_settings(), current_user())
    return jsonify({"authorize_url": link.authorize_url, "expires_at": link.expires_at.isoformat()}), 201


@bp.get("/contaazul/callback")
@public
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


def _page(title: str, message: str, ok: bool) -> str:
    return render_template("connection_result.html", title=title, message=message, ok=ok)
