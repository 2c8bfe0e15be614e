"""The health page: JSON for monitors at /health, a readable page at /; both only up or down."""
from __future__ import annotations

from flask import Blueprint, Flask, current_app, jsonify, render_template

from sheets_addon import messages
from sheets_addon.config import current_settings
from sheets_addon.health import HealthMonitor, HealthReport

_MONITOR = "azulejo.health"
bp = Blueprint("health", __name__)


def init_app(app: Flask) -> None:
    app.extensions[_MONITOR] = HealthMonitor(current_settings(app))
    app.register_blueprint(bp)


@bp.get("/health")
def health_json():
    report = _report()
    return jsonify(report.public()), 200 if report.healthy else 503


@bp.get("/")
def health_page():
    report = _report()
    return render_template("health.html", report=report, m=messages), 200 if report.healthy else 503


def _report() -> HealthReport:
    return current_app.extensions[_MONITOR].report()
