"""`flask --app app db upgrade` run by every machine as it starts, all at once on one empty
PostgreSQL database: one migrates, the others wait for it and find nothing left to do."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine

from sheets_addon.models import Base
from tests.scaleout.workers import ROOT

pytestmark = pytest.mark.engines("postgresql")


def test_machines_upgrading_the_database_at_once_all_succeed(empty_database_url, tmp_path):
    env = {**os.environ, "DATABASE_URL": empty_database_url, "AZULEJO_INSTANCE_PATH": str(tmp_path),
           "SECRET_KEY": "test", "LOG_LEVEL": "WARNING"}
    upgrades = [subprocess.Popen([sys.executable, "-m", "flask", "--app", "app", "db", "upgrade"], cwd=ROOT,
                                 env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                for _ in range(3)]
    outcomes = [(upgrade.wait(timeout=120), upgrade.stderr.read()[-2000:]) for upgrade in upgrades]

    assert [code for code, _ in outcomes] == [0, 0, 0], outcomes
    engine = create_engine(empty_database_url)
    with engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []
    engine.dispose()
