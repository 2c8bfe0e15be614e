"""The skeleton: app factory, settings, migrations, JSON errors (the health page: test_health.py)."""
from __future__ import annotations

from sqlalchemy import inspect

from app import create_app
from sheets_addon.config import Settings
from sheets_addon.db import get_engine


def test_settings_have_safe_defaults(tmp_path):
    settings = Settings.load(str(tmp_path), environ={})
    assert settings.DATABASE_URL == f"sqlite:///{tmp_path / 'azulejo.db'}"
    assert len(settings.SECRET_KEY) >= 32
    assert Settings.load(str(tmp_path), environ={}).SECRET_KEY == settings.SECRET_KEY
    assert settings.CONTAAZUL_RATE_PER_SECOND == 10
    assert settings.CONTAAZUL_RATE_PER_MINUTE == 600
    assert (settings.WORKER_LEASE_SECONDS, settings.WORKER_MAX_BACKOFF_SECONDS, settings.WORKER_IDLE_SECONDS) == \
        (900, 6 * 3600, 0.5)
    assert (settings.NUDGES_PER_MINUTE, settings.CONTAAZUL_PROTOCOL_POLL_SECONDS) == (30, 0.5)
    assert (settings.MAX_REQUEST_BYTES, settings.HEALTH_CACHE_SECONDS) == (1024 * 1024, 30)


def test_settings_read_the_environment(tmp_path):
    settings = Settings.load(
        str(tmp_path),
        environ={"CONTAAZUL_RATE_PER_SECOND": "5", "TESTING": "true", "DATABASE_URL": "sqlite://"},
    )
    assert settings.CONTAAZUL_RATE_PER_SECOND == 5
    assert settings.TESTING is True
    assert settings.DATABASE_URL == "sqlite://"


def test_worker_and_nudge_limits_read_the_environment(tmp_path):
    settings = Settings.load(str(tmp_path), environ={
        "WORKER_LEASE_SECONDS": "120", "WORKER_MAX_BACKOFF_SECONDS": "3600", "WORKER_IDLE_SECONDS": "1.5",
        "NUDGES_PER_MINUTE": "5", "CONTAAZUL_PROTOCOL_POLL_SECONDS": "0.25"})
    assert (settings.WORKER_LEASE_SECONDS, settings.WORKER_MAX_BACKOFF_SECONDS, settings.WORKER_IDLE_SECONDS) == \
        (120, 3600, 1.5)
    assert (settings.NUDGES_PER_MINUTE, settings.CONTAAZUL_PROTOCOL_POLL_SECONDS) == (5, 0.25)


def test_settings_repr_hides_secrets(tmp_path):
    settings = Settings.load(
        str(tmp_path),
        environ={"CONTAAZUL_CLIENT_SECRET": "s3cr3t-value", "DATABASE_URL": "postgresql://u:pw@db/azulejo"},
    )
    shown = repr(settings)
    assert "s3cr3t-value" not in shown
    assert "pw@" not in shown
    assert settings.SECRET_KEY not in shown


def test_migrations_create_the_schema(app):
    with app.app_context():
        tables = set(inspect(get_engine()).get_table_names())
    assert {"users", "contaazul_connections", "alembic_version"} <= tables


def test_db_upgrade_command(tmp_path):
    app = create_app({"TESTING": True, "DATABASE_URL": f"sqlite:///{tmp_path / 'cli.db'}"})
    result = app.test_cli_runner().invoke(args=["db", "upgrade"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        assert "users" in inspect(get_engine()).get_table_names()


def test_unknown_path_answers_json_in_portuguese(client):
    response = client.get("/api/v1/nao-existe")
    assert response.status_code == 404
    assert response.json["error"]["code"] == "not_found"
    assert "Não encontramos" in response.json["error"]["message"]


def test_wrong_method_answers_405_json(client):
    response = client.post("/health")
    assert response.status_code == 405
    assert response.json["error"]["code"] == "method_not_allowed"
    assert "GET" in response.headers["Allow"]


def test_unexpected_error_answers_json_without_traceback(app):
    @app.get("/boom")
    def boom():
        raise RuntimeError("secret internals")

    response = app.test_client().get("/boom")
    assert response.status_code == 500
    body = response.get_data(as_text=True)
    assert "secret internals" not in body
    assert "Traceback" not in body
    assert response.json["error"]["code"] == "internal_error"
