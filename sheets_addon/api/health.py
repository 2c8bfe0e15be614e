"""The health page: JSON for monitors at /health, a readable page at /."""
from __future__ import annotations

from flask import Blueprint, jsonify, render_template

from sheets_addon import messages
from sheets_addon.config import current_settings
from sheets_addon.health import check_health

bp = Blueprint("health", __name__)


@bp.get("/health")
def health_json():
    report = check_health(current_settings())
    return jsonify(report.as_dict()), 200 if report.healthy else 503


@bp.get("/")
def health_page():
    report = check_health(current_settings())
    return render_template("health.html", report=report, m=messages), 200 if report.healthy else 503
