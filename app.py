"""Azulejo's entry point: `create_app()` for Flask, gunicorn and the CLI.

    flask --app app demo          # everything on embedded defaults: SQLite, sandbox stand-ins, demo data
    flask --app app db upgrade    # apply database migrations
    flask --app app worker        # run due flows (poll interval elapsed, or nudged), each under a lease
    flask --app app contaazul check   # Conta Azul's answers compared with what Azulejo relies on
    gunicorn 'app:create_app()'   # production web server (reads gunicorn.conf.py; README, "Running in production")
"""
from __future__ import annotations

import os
import threading
from pathlib import Path
from collections.abc import Mapping
from typing import Any

import click
from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from sheets_addon import access_cli, db, worker
from sheets_addon.api import (activity, auth, catalog, connections, flows, health, hooks, openapi, rate_limit,
                               request_body, spreadsheets)
from sheets_addon.api.errors import register_error_handlers
from sheets_addon.config import GOOGLE_CALLBACK_PATH, Settings
from sheets_addon.contaazul_check import cli as contaazul_check_cli
from sheets_addon.flows import cli as flows_cli
from sheets_addon.google_access import backend_account_email, backend_credentials
from sheets_addon.sync import cli as sync_cli
from sheets_addon.log import configure_logging
from sheets_addon.private_files import keep_instance_private


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """Builds the backend; nothing is started or connected at import time."""
    app = Flask("sheets_addon", instance_relative_config=True)
    settings = Settings.load(instance_folder(app), overrides=test_config)
    app.instance_path = settings.INSTANCE_PATH
    app.config.from_mapping(settings.as_flask_config())
    app.extensions["azulejo.settings"] = settings
    configure_logging(settings.LOG_LEVEL, testing=settings.TESTING)
    keep_instance_private(Path(settings.INSTANCE_PATH))  # keys and the database: the backend's user only
    if settings.GOOGLE_SERVICE_ACCOUNT_FILE:
        backend_credentials(settings)  # a missing or broken key file stops the start, naming the file
    if settings.TRUSTED_PROXIES:  # the client's address and scheme, as the proxies in front saw them
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=settings.TRUSTED_PROXIES, x_proto=settings.TRUSTED_PROXIES)

    db.init_app(app)
    flows_cli.init_app(app)
    access_cli.init_app(app)
    sync_cli.init_app(app)
    contaazul_check_cli.init_app(app)
    worker.init_app(app)
    register_error_handlers(app)
    request_body.init_app(app)  # before sign-in: an oversized body is refused before anything reads it
    health.init_app(app)
    auth.init_app(app)
    rate_limit.init_app(app)
    app.register_blueprint(connections.bp)
    app.register_blueprint(flows.bp)
    app.register_blueprint(activity.bp)
    hooks.init_app(app)
    app.register_blueprint(catalog.bp)
    app.register_blueprint(spreadsheets.bp)
    app.register_blueprint(openapi.bp)
    app.cli.add_command(demo_command)
    return app


def instance_folder(app: Flask | None = None) -> str:
    """Where the keys and the default SQLite database live: AZULEJO_INSTANCE_PATH, else Flask's instance folder."""
    app = app or Flask("sheets_addon", instance_relative_config=True)
    return os.environ.get("AZULEJO_INSTANCE_PATH", app.instance_path)


@click.command("demo")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, help="Port of the backend.")
@click.option("--contaazul-port", default=5001, show_default=True, help="Port of the Conta Azul stand-in.")
@click.option("--sheets-port", default=5002, show_default=True, help="Port of the Google Sheets stand-in.")
def demo_command(host: str, port: int, contaazul_port: int, sheets_port: int) -> None:
    """Run the backend with the sandbox stand-ins and demo data (no Google or Conta Azul needed)."""
    from werkzeug.serving import run_simple

    from sandbox.backend_settings import stand_in_settings
    from sandbox.contaazul import DEMO_EMAIL, DEMO_PASSWORD, SandboxServer, SandboxSettings
    from sandbox.sheets import SheetsSandboxServer, SheetsSandboxSettings

    backend_url = f"http://{host}:{port}"
    sandbox_settings = SandboxSettings.from_env(
        redirect_uri=f"{backend_url}/api/v1/connections/contaazul/callback"
    )
    contaazul = SandboxServer(sandbox_settings, host=host, port=contaazul_port).start()
    google_callback = f"{backend_url}{GOOGLE_CALLBACK_PATH}"
    sheets = SheetsSandboxServer(SheetsSandboxSettings.from_env(oauth_redirect_uris=google_callback),
                                 host=host, port=sheets_port).start()
    # The stand-ins start empty each time, so the demo's records start afresh with them, apart from
    # the real database a deployment on this instance folder would use.
    demo_database = Path(instance_folder()) / DEMO_DATABASE
    demo_database.unlink(missing_ok=True)
    backend = create_app({"DATABASE_URL": f"sqlite:///{demo_database}", "PUBLIC_BASE_URL": backend_url,
                          **stand_in_settings(contaazul, sheets)})
    with backend.app_context():
        db.upgrade_database()
    click.echo(f"Azulejo backend:        {backend_url}/  (health: /health)")
    click.echo(f"Conta Azul stand-in:    {contaazul.url}  (login: {DEMO_EMAIL} / {DEMO_PASSWORD})")
    click.echo(f"Google Sheets stand-in: {sheets.url}")
    service_account = backend_account_email(backend.extensions["azulejo.settings"])
    click.echo(f"  share sheets with:    {service_account}  (the backend's service account)")
    click.echo(f"Demo database:          {demo_database}  (afresh at each start, like the stand-ins)")
    click.echo(f"  ID tokens for the API: POST {sheets.url}/_sandbox/id-token {{\"email\": \"{DEMO_EMAIL}\"}}")
    click.echo(f"Try it (sheet + add-on): {backend_url}{TRYIT_PATH}/")
    stop_worker = threading.Event()
    worker.run_in_thread(backend, stop_worker)
    try:
        run_simple(host, port, with_tryit_page(backend, contaazul, sheets), threaded=True, use_reloader=False)
    finally:
        stop_worker.set()
        contaazul.stop()
        sheets.stop()


TRYIT_PATH = "/sandbox"
DEMO_DATABASE = "demo.db"


def with_tryit_page(backend: Flask, contaazul: Any, sheets: Any) -> Any:
    """The backend with the try-it page (sandbox.tryit) at /sandbox, for the demo only: that page
    mints Google ID tokens for anyone and fetches any URL, so create_app never serves it."""
    from werkzeug.middleware.dispatcher import DispatcherMiddleware

    from sandbox.tryit import TryIt, create_tryit_app

    page = create_tryit_app(TryIt(backend_url=backend.config["PUBLIC_BASE_URL"], sheets=sheets, contaazul=contaazul))
    return DispatcherMiddleware(backend, {TRYIT_PATH: page})
