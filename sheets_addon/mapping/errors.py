"""The three ways a row or a flow can be wrong, kept apart on purpose.

- `ParseError`: one cell could not be read. Internal to the parsers; the row parser turns it
  into a `CellError` that names the column.
- `CellError`: what the row's status cell shows. A bad cell is a row error, never a crash.
- `MappingProblem` / `FilterSpecError`: the flow itself is wrong (a mapped header is gone, a
  required field is unmapped, a filter is malformed). These stop the flow instead of
  mis-reading every row.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from . import messages


class ParseError(ValueError):
    """A cell's value could not be read: `problem` says what, `hint` how to fix it."""

    def __init__(self, problem: str, hint: str = "") -> None:
        super().__init__(f"{problem}: {hint}" if hint else problem)
        self.problem = problem
        self.hint = hint


@dataclass(frozen=True)
class CellError:
    """One wrong cell of a row, with the sentence a person reads in the status cell."""

    column: str
    field: str
    message: str

    @classmethod
    def from_parse_error(cls, column: str, field: str, error: ParseError) -> CellError:
        return cls(column, field, messages.cell_error(error.problem, column, error.hint))

    def __str__(self) -> str:
        return self.message


class FlowProblem(Exception):
    """Something wrong with the flow itself; `problems` lists each fault, in Portuguese."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = tuple(problems)
        super().__init__(" ".join(self.problems))


class MappingProblem(FlowProblem):
    """The flow's mapping does not fit the target kind or the sheet; no row can be read.

    `missing_headers` names the mapped or filtered columns the sheet no longer has.
    """

    def __init__(self, problems: Sequence[str], missing_headers: Sequence[str] = ()) -> None:
        super().__init__(problems)
        self.missing_headers = tuple(missing_headers)


class FilterSpecError(FlowProblem, ValueError):
    """A flow's filter spec is malformed."""
