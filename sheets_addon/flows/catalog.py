"""The field catalog the sidebar shows for a flow kind, with a first guess at the column matches."""
from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

from sheets_addon.mapping import TARGET_KINDS, catalog_for, suggest_mapping
from sheets_addon.sales_log import SALES_LOG
from sheets_addon.sales_log.labels import HEADERS as SALES_LOG_HEADERS

CATALOG_KINDS = (*TARGET_KINDS, SALES_LOG)


def field_catalog(kind: str, headers: Sequence[str], exclude: Collection[str] = ()) -> dict[str, Any]:
    """{kind, fields, suggested}; a sales log writes its own columns, so nothing is suggested."""
    if kind == SALES_LOG:
        fields = [{"key": key, "label": label, "type": "text", "required": False, "help": ""}
                  for key, label in SALES_LOG_HEADERS.items()]
        return {"kind": kind, "fields": fields, "suggested": {}}
    return {"kind": kind, "fields": [field.as_dict() for field in catalog_for(kind)],
            "suggested": suggest_mapping(kind, headers, exclude=exclude)}
