"""Reading the check's printed table back into rows, the way a person reads it."""
from __future__ import annotations

import re
from dataclasses import dataclass

_METHOD = re.compile(r"^(GET|POST|PUT|PATCH|DELETE)( |$)")


@dataclass(frozen=True)
class CheckRow:
    mark: str
    endpoint: str
    expected: str
    came: str


def table_rows(output: str) -> dict[str, CheckRow]:
    """The table's rows by check name: a row starts where its mark is, its cells go on below it."""
    rows: list[list[list[str]]] = []
    for line in output.splitlines():
        cells = [cell.strip() for cell in line.split(" | ")]
        if len(cells) < 2 or set(line) <= {"-", " ", "|"} or cells[1] == "check":
            continue
        if cells[0]:
            rows.append([[cells[0]], [], [], []])
        for column, cell in enumerate(cells[1:4], start=1):
            if cell and rows:
                rows[-1][column].append(cell)
    return dict(_row(parts) for parts in rows)


def _row(parts: list[list[str]]) -> tuple[str, CheckRow]:
    check = parts[1]
    start = next(index for index, line in enumerate(check) if _METHOD.match(line))
    method, _, path = check[start].partition(" ")
    endpoint = f"{method} {path}{''.join(check[start + 1:])}"  # a long path is cut inside a word
    return " ".join(check[:start]), CheckRow(parts[0][0], endpoint, " ".join(parts[2]), " ".join(parts[3]))
