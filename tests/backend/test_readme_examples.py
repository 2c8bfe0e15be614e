"""The README's flow example is a valid flow document (so the docs cannot drift from the code)."""
from __future__ import annotations

import json
import re
from pathlib import Path

from sheets_addon.flows.spec import FlowSpec

README = Path(__file__).resolve().parents[2] / "README.md"


def test_the_readme_flow_document_validates():
    block = re.search(r"```json\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    assert block, "the README shows a flow document"
    document = json.loads(block.group(1))
    assert document["version"] == 1
    for entry in document["flows"]:
        FlowSpec.from_dict(entry)
