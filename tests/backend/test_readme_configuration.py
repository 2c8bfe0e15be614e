"""The README's configuration table names every setting the backend reads, so it stays true."""
from __future__ import annotations

import re
from dataclasses import fields
from pathlib import Path

from sheets_addon.config import Settings

README = Path(__file__).resolve().parents[2] / "README.md"
# INSTANCE_PATH is not read under its own name: app.py takes it from AZULEJO_INSTANCE_PATH.
ENVIRONMENT_NAME = {"INSTANCE_PATH": "AZULEJO_INSTANCE_PATH"}


def configuration_table() -> set[str]:
    """The variables named in the first column of the table under "## Configuration"."""
    text = README.read_text(encoding="utf-8")
    section = text.split("\n## Configuration\n", 1)[1].split("\n## ", 1)[0]
    first_cells = [line.split("|")[1] for line in section.splitlines() if line.startswith("|")]
    return {name for cell in first_cells for name in re.findall(r"`([A-Z][A-Z0-9_]+)`", cell)}


def test_every_setting_has_a_row_in_the_readme_configuration_table():
    documented = configuration_table()
    missing = [ENVIRONMENT_NAME.get(field.name, field.name) for field in fields(Settings)
               if ENVIRONMENT_NAME.get(field.name, field.name) not in documented]
    assert missing == [], f"add these to README.md, ## Configuration: {missing}"


def test_the_table_names_no_setting_that_does_not_exist():
    known = {ENVIRONMENT_NAME.get(field.name, field.name) for field in fields(Settings)}
    assert configuration_table() - known == set()
