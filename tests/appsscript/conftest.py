"""The add-on's .gs files loaded into V8 (mini-racer) beside fakes of Google's runtime (fakes.js).

No Node.js or browser is needed: mini-racer is a wheel that carries V8. A test arranges `world`
(the spreadsheet, properties, triggers, how the backend answers), calls a .gs function, and
reads back what it did.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from py_mini_racer import MiniRacer

APPSSCRIPT = Path(__file__).resolve().parents[2] / "appsscript"
FAKES = Path(__file__).with_name("fakes.js")


class Script:
    """One V8 context holding the fakes and every .gs file, as Apps Script's single global scope."""

    def __init__(self) -> None:
        self.context = MiniRacer()
        self.context.eval(FAKES.read_text(encoding="utf-8"))
        for path in sorted(APPSSCRIPT.glob("*.gs")):
            self.context.eval(path.read_text(encoding="utf-8"))

    def run(self, statements: str) -> Any:
        """Runs JavaScript statements; the value they `return` comes back through JSON."""
        answer = self.context.eval(f"JSON.stringify((function () {{ {statements} }})())")
        return json.loads(answer) if isinstance(answer, str) else None  # undefined: nothing returned

    def value(self, expression: str) -> Any:
        return self.run(f"return {expression};")

    def error_of(self, statements: str) -> str:
        """The message of the Error the statements throw (a test fails if they do not)."""
        message = self.run(f"try {{ {statements} }} catch (error) {{ return error.message; }} return null;")
        assert message is not None, "expected an error"
        return message

    def backend_answers(self, routes: dict[str, tuple[int, Any]]) -> None:
        """Makes the fake backend answer `METHOD /path` (query left out) with (status, JSON body)."""
        table = json.dumps({key: [status, json.dumps(body)] for key, (status, body) in routes.items()})
        self.run(f"""
            var routes = {table};
            world.respond = function (url, options) {{
              var path = url.replace(/^https?:\\/\\/[^/]+/, '').split('?')[0];
              var answer = routes[(options.method || 'get').toUpperCase() + ' ' + path];
              return answer ? {{ status: answer[0], body: answer[1] }}
                : {{ status: 404, body: JSON.stringify({{ error: {{ code: 'not_found', message: 'Não encontrado.' }} }}) }};
            }};
        """)

    def fetches(self) -> list[dict[str, Any]]:
        """Every UrlFetchApp call so far: {url, options}."""
        return self.value("world.fetches")


@pytest.fixture
def script() -> Script:
    return Script()

