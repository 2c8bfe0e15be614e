"""What the status cell says, and what a status cell we find tells the next cycle.

`✔ …` done; `✖ …` the row has to be fixed; `⏳ …` Conta Azul could not take it now and it
will be tried again; `ignorada: …` a filter left it out. Any other text is the user's own,
and a row that carries it is left alone.
"""
from __future__ import annotations

from collections.abc import Iterable

from sheets_addon import messages
from sheets_addon.mapping.cells import CellValue, is_blank

DONE, ERROR, RETRY, FILTERED = "✔", "✖", "⏳", "ignorada"
MAX_STATUS_LENGTH = 500


def done(summary: str, record_id: str | None = None) -> str:
    """`✔ Venda 1042 criada · id 6f1c…`: what was created, and the id that finds it in Conta Azul."""
    return _fit(f"{DONE} {summary}" + (f" · id {record_id}" if record_id else ""))


def error(*problems: str) -> str:
    return _fit(f"{ERROR} " + " · ".join(dict.fromkeys(problems)))


def retry_later(reason: str) -> str:
    return _fit(f"{RETRY} {reason}")


def filtered(reason: str) -> str:
    text = reason if reason.startswith(FILTERED) else f"{FILTERED}: {reason}"
    return _fit(text)


def waiting_for(rows: Iterable[int]) -> str:
    return error(messages.STATUS_ORDER_WAITS.format(rows=", ".join(str(n) for n in sorted(rows))))


def is_open(status: CellValue) -> bool:
    """A status the cycle should look at again: blank, an error, a retry or a filter note."""
    if is_blank(status):
        return True
    text = str(status).lstrip()
    return text.startswith((ERROR, RETRY, FILTERED))


def _fit(text: str) -> str:
    return text if len(text) <= MAX_STATUS_LENGTH else text[: MAX_STATUS_LENGTH - 1] + "…"
