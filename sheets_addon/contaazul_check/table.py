"""The check's table as text: one row per check, long cells wrapped within their column."""
from __future__ import annotations

import textwrap
from collections.abc import Sequence
from itertools import zip_longest

from .verdicts import MATCH, MISMATCH, UNSEEN, Row

HEADERS = ("", "check", "expected", "came")
CHECK_WIDTH = 30
MIN_WIDTH = 16


def render(rows: Sequence[Row], width: int = 120) -> str:
    """The table, at most `width` characters wide where the cells allow, then a summary line."""
    text_width = max(MIN_WIDTH, (width - CHECK_WIDTH - 10) // 2)
    widths = (1, CHECK_WIDTH, text_width, text_width)
    lines = [_line(HEADERS, widths), _line(tuple("-" * w for w in widths), widths)]
    for row in rows:
        cells = ([row.mark], _wrap(row.name, CHECK_WIDTH) + _wrap(row.endpoint, CHECK_WIDTH, whole_words=False),
                 _wrap(row.expected, text_width), _wrap(row.came, text_width))
        lines += [_line(parts, widths) for parts in zip_longest(*cells, fillvalue="")]
    return "\n".join([*lines, "", summary(rows)])


def summary(rows: Sequence[Row]) -> str:
    counts = {mark: sum(1 for row in rows if row.mark == mark) for mark in (MATCH, MISMATCH, UNSEEN)}
    return (f"{len(rows)} checks: {counts[MATCH]} {MATCH} as Azulejo expects, {counts[MISMATCH]} {MISMATCH} "
            f"differ, {counts[UNSEEN]} {UNSEEN} not seen (nothing to read)")


def _wrap(text: str, width: int, whole_words: bool = True) -> list[str]:
    """Lines of at most `width`, but for a word longer than that unless `whole_words` is off (a
    long path), so a word the reader looks for is never cut."""
    return textwrap.wrap(text, width, break_long_words=not whole_words, break_on_hyphens=False) or [""]


def _line(cells: Sequence[str], widths: Sequence[int]) -> str:
    return " | ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True)).rstrip()
