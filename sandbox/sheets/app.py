"""create_app: the Flask app of the Sheets stand-in (Sheets API v4 + Drive files + Google sign-in
certificates + /_sandbox controls)."""
from __future__ import annotations

from flask import Flask

from . import control, gate
from .errors import MAX_BODY_BYTES, register_error_handlers
from .routes import register_blueprints
from .settings import SheetsSandboxSettings
from .world import EXTENSION, World


class SheetsSandboxFlask(Flask):
    """Runs each view while holding the world's lock: one request at a time touches the state."""

    def dispatch_request(self):  # type: ignore[override]
        with self.extensions[EXTENSION].lock:
            return super().dispatch_request()


def create_app(settings: SheetsSandboxSettings | None = None, world: World | None = None) -> Flask:
    """Builds the stand-in; settings default to the environment (SANDBOX_SHEETS_*)."""
    settings = settings or (world.settings if world else SheetsSandboxSettings.from_env())
    app = SheetsSandboxFlask(__name__)
    app.config.update(MAX_CONTENT_LENGTH=MAX_BODY_BYTES)
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    app.json.sort_keys = False  # type: ignore[attr-defined]
    app.extensions[EXTENSION] = world or World(settings)
    register_error_handlers(app)
    gate.init_app(app)
    app.register_blueprint(control.bp)
    register_blueprints(app)
    return app
