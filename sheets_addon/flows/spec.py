"""A flow as the user describes it, validated before it is stored.

The same shape is the JSON import/export format (one entry of `flows` in the document) and,
later, the body of the flows API, so a flow is checked in exactly one place.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any

from sheets_addon import messages
from sheets_addon.mapping import TARGET_KINDS, validate_filters, validate_mapping
from sheets_addon.mapping.errors import FlowProblem
from sheets_addon.sales_log.columns import resolve_columns
from sheets_addon.sales_log.spec import KNOWN_OPTIONS as SALES_LOG_OPTIONS
from sheets_addon.sales_log.spec import SALES_LOG, check_sales_log

FORMAT_VERSION = 1
DEFAULT_STATUS_COLUMN = "Status Azulejo"
DEFAULT_POLL_INTERVAL_SECONDS = 300
MIN_POLL_INTERVAL_SECONDS = 60
MAX_POLL_INTERVAL_SECONDS = 7 * 24 * 3600  # a week: longer is a flow switched off, and dates past year 9999 crash
KNOWN_OPTIONS = {"poll_interval_seconds"}


class FlowSpecError(FlowProblem, ValueError):
    """Everything wrong with a flow description, each problem in Portuguese."""


@dataclass(frozen=True)
class FlowSpec:
    name: str
    kind: str
    spreadsheet_id: str
    worksheet: str
    trigger_column: str = ""  # sheet → Conta Azul kinds only
    status_column: str = DEFAULT_STATUS_COLUMN
    mapping: dict[str, str] = field(default_factory=dict)
    filters: list[dict[str, Any]] = field(default_factory=list)
    options: dict[str, Any] = field(default_factory=dict)
    enabled: bool = False
    columns: list[dict[str, str]] = field(default_factory=list)  # sales log only

    @property
    def poll_interval_seconds(self) -> int:
        return int(self.options.get("poll_interval_seconds", DEFAULT_POLL_INTERVAL_SECONDS))

    @classmethod
    def from_dict(cls, data: Any) -> FlowSpec:
        """Reads and checks one flow description; raises `FlowSpecError` listing every problem."""
        if not isinstance(data, Mapping):
            raise FlowSpecError([messages.FLOW_NOT_AN_OBJECT])
        if data.get("kind") == SALES_LOG:
            return cls._sales_log_from_dict(data)
        problems: list[str] = []
        texts = {name: _text(data, name, problems) for name in _REQUIRED_TEXTS}
        status_column = _text(data, "status_column", problems, default=DEFAULT_STATUS_COLUMN)
        kind = texts["kind"]
        if kind and kind not in TARGET_KINDS:
            problems.append(messages.FLOW_UNKNOWN_KIND.format(kind=kind, known=", ".join(FLOW_KINDS)))
        mapping = _mapping(data.get("mapping", {}), problems)
        filters = data.get("filters", [])
        options = _options(data.get("options", {}), problems)
        enabled = data.get("enabled", False)
        if not isinstance(enabled, bool):
            problems.append(messages.FLOW_ENABLED_NOT_BOOL)
        if status_column and status_column == texts["trigger_column"]:
            problems.append(messages.FLOW_STATUS_IS_TRIGGER)
        if kind in TARGET_KINDS and not problems:
            try:
                mapping = validate_mapping(kind, mapping)
            except FlowProblem as problem:
                problems.extend(problem.problems)
            try:
                filters = validate_filters(filters)
            except FlowProblem as problem:
                problems.extend(problem.problems)
        if problems:
            raise FlowSpecError(problems)
        return cls(status_column=status_column, mapping=mapping, filters=list(filters),
                   options=options, enabled=enabled, **texts)

    @classmethod
    def _sales_log_from_dict(cls, data: Mapping[str, Any]) -> FlowSpec:
        """A sales log: no trigger or status column; columns, sale filters and its own options."""
        problems: list[str] = []
        texts = {name: _text(data, name, problems) for name in ("name", "spreadsheet_id", "worksheet")}
        options = _options(data.get("options", {}), problems, SALES_LOG_OPTIONS)
        enabled = data.get("enabled", False)
        if not isinstance(enabled, bool):
            problems.append(messages.FLOW_ENABLED_NOT_BOOL)
        columns, filters = data.get("columns"), data.get("filters", [])
        problems.extend(check_sales_log(columns, filters, options))
        if problems:
            raise FlowSpecError(problems)
        return cls(kind=SALES_LOG, status_column="", options=options, enabled=enabled, filters=list(filters),
                   columns=[column.as_dict() for column in resolve_columns(columns)], **texts)

    def stored_fields(self) -> dict[str, Any]:
        """Every field, as the `flows` table keeps it."""
        return {item.name: getattr(self, item.name) for item in fields(self)}

    def to_dict(self) -> dict[str, Any]:
        if self.kind == SALES_LOG:
            return {"name": self.name, "kind": self.kind, "spreadsheet_id": self.spreadsheet_id,
                    "worksheet": self.worksheet, "columns": list(self.columns), "filters": list(self.filters),
                    "options": dict(self.options), "enabled": self.enabled}
        return {
            "name": self.name,
            "kind": self.kind,
            "spreadsheet_id": self.spreadsheet_id,
            "worksheet": self.worksheet,
            "trigger_column": self.trigger_column,
            "status_column": self.status_column,
            "mapping": dict(self.mapping),
            "filters": list(self.filters),
            "options": dict(self.options),
            "enabled": self.enabled,
        }


_REQUIRED_TEXTS = ("name", "kind", "spreadsheet_id", "worksheet", "trigger_column")
FLOW_KINDS = (*TARGET_KINDS, SALES_LOG)


def _text(data: Mapping[str, Any], name: str, problems: list[str], default: str | None = None) -> str:
    value = data.get(name, default)
    if not isinstance(value, str) or not value.strip():
        problems.append(messages.FLOW_FIELD_REQUIRED.format(field=name))
        return ""
    if len(value) > 200:
        problems.append(messages.FLOW_FIELD_TOO_LONG.format(field=name, limit=200))
    if "\x00" in value:  # no database column holds one (PostgreSQL refuses it)
        problems.append(messages.FLOW_FIELD_NUL.format(field=name))
    return value.strip()


def _mapping(value: Any, problems: list[str]) -> dict[str, str]:
    if not isinstance(value, Mapping) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    ):
        problems.append(messages.FLOW_MAPPING_SHAPE)
        return {}
    return {key: column.strip() for key, column in value.items() if column.strip()}


def _options(value: Any, problems: list[str], known: set[str] = KNOWN_OPTIONS) -> dict[str, Any]:
    if not isinstance(value, Mapping):
        problems.append(messages.FLOW_OPTIONS_SHAPE)
        return {}
    unknown = sorted(set(value) - known)
    if unknown:
        problems.append(messages.FLOW_UNKNOWN_OPTIONS.format(
            unknown=", ".join(unknown), known=", ".join(sorted(known))))
    interval = value.get("poll_interval_seconds", DEFAULT_POLL_INTERVAL_SECONDS)
    if (isinstance(interval, bool) or not isinstance(interval, int)
            or not MIN_POLL_INTERVAL_SECONDS <= interval <= MAX_POLL_INTERVAL_SECONDS):
        problems.append(messages.FLOW_POLL_INTERVAL.format(
            minimum=MIN_POLL_INTERVAL_SECONDS, maximum=MAX_POLL_INTERVAL_SECONDS))
    return dict(value)

