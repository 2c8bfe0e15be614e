"""The README's flow examples are valid flow documents (so the docs cannot drift from the code)."""
from __future__ import annotations

import json
import re
from pathlib import Path

from sheets_addon.flows.spec import FlowSpec

README = Path(__file__).resolve().parents[2] / "README.md"


def test_the_readme_flow_documents_validate():
    blocks = re.findall(r"```json\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    documents = [json.loads(block) for block in blocks if '"flows"' in block]
    assert len(documents) >= 2, "the README shows a flow document for each direction"
    for document in documents:
        assert document["version"] == 1
        for entry in document["flows"]:
            FlowSpec.from_dict(entry)
