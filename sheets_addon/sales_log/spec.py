"""A sales log's part of a flow description: its columns, filters and options, checked."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sheets_addon.mapping.errors import FlowProblem
from sheets_addon.sales_log import labels
from sheets_addon.sales_log.columns import resolve_columns
from sheets_addon.sales_log.filters import SaleFilter

SALES_LOG = "sales_log"
KNOWN_OPTIONS = {"poll_interval_seconds", "start_date", "keep_current"}
DEFAULT_BACKFILL_DAYS = 30


@dataclass(frozen=True)
class SalesLogOptions:
    """Where the first backfill starts, and whether logged rows follow later changes of their sale."""

    start_date: date | None = None   # None: the last DEFAULT_BACKFILL_DAYS days
    keep_current: bool = False

    @classmethod
    def from_dict(cls, options: Mapping[str, Any]) -> SalesLogOptions:
        problems: list[str] = []
        start = options.get("start_date")
        if start is not None:
            try:
                start = date.fromisoformat(start) if isinstance(start, str) else None
            except ValueError:
                start = None
            if start is None:
                problems.append(labels.OPTION_START_DATE)
        keep_current = options.get("keep_current", False)
        if not isinstance(keep_current, bool):
            problems.append(labels.OPTION_KEEP_CURRENT)
        if problems:
            raise FlowProblem(problems)
        return cls(start, keep_current)


def check_sales_log(columns: Any, filters: Any, options: Mapping[str, Any]) -> list[str]:
    """Every problem of a sales log's columns, filters and options (empty when it is fine)."""
    problems: list[str] = []
    for check in (lambda: resolve_columns(columns), lambda: SaleFilter.from_list(filters),
                  lambda: SalesLogOptions.from_dict(options)):
        try:
            check()
        except FlowProblem as problem:
            problems.extend(problem.problems)
    return problems
