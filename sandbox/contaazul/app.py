"""create_app: the Flask app of the Conta Azul stand-in (OAuth server + API + /_sandbox controls)."""
from __future__ import annotations

import logging

from flask import Flask

from . import control, limits, oauth
from .context import EXTENSION
from .demo import build_world
from .errors import register_error_handlers
from .jsonio import SandboxJSONProvider
from .routes import register_blueprints
from .settings import SandboxSettings
from .world import World

MAX_BODY_BYTES = 5 * 1024 * 1024


class SandboxFlask(Flask):
    """Runs each view while holding the world's lock: one request at a time touches the state."""

    json_provider_class = SandboxJSONProvider

    def dispatch_request(self):  # type: ignore[override]
        with self.extensions[EXTENSION].lock:
            return super().dispatch_request()


def create_app(settings: SandboxSettings | None = None, world: World | None = None) -> Flask:
    """Builds the stand-in; settings default to the environment, the world to the demo companies."""
    settings = settings or (world.settings if world else SandboxSettings.from_env())
    app = SandboxFlask(__name__)
    app.config.update(MAX_CONTENT_LENGTH=MAX_BODY_BYTES, JSON_SORT_KEYS=False)
    app.extensions[EXTENSION] = world or build_world(settings)
    register_error_handlers(app)
    limits.init_app(app)
    app.register_blueprint(oauth.bp)
    app.register_blueprint(control.bp)
    register_blueprints(app)
    logging.getLogger(__name__).debug("contaazul sandbox app created (seed=%s)", settings.seed)
    return app
