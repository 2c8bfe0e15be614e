"""Reading a request the way Google's front end does: unknown query parameters, bad enums and
malformed JSON are 400 INVALID_ARGUMENT with Google's wording, never a stack trace."""
from __future__ import annotations

import json
from typing import Any

from flask import request

from .errors import invalid_argument

SYSTEM_PARAMETERS = frozenset({"fields", "alt", "key", "prettyPrint", "quotaUser", "access_token", "oauth_token",
                               "callback", "upload_protocol", "uploadType", "$.xgafv", "userIp"})
ENUMS = {
    "valueInputOption": ("ValueInputOption", ("RAW", "USER_ENTERED")),
    "valueRenderOption": ("ValueRenderOption", ("FORMATTED_VALUE", "UNFORMATTED_VALUE", "FORMULA")),
    "responseValueRenderOption": ("ValueRenderOption", ("FORMATTED_VALUE", "UNFORMATTED_VALUE", "FORMULA")),
    "dateTimeRenderOption": ("DateTimeRenderOption", ("SERIAL_NUMBER", "FORMATTED_STRING")),
    "responseDateTimeRenderOption": ("DateTimeRenderOption", ("SERIAL_NUMBER", "FORMATTED_STRING")),
    "majorDimension": ("Dimension", ("ROWS", "COLUMNS", "DIMENSION_UNSPECIFIED")),
    "insertDataOption": ("InsertDataOption", ("OVERWRITE", "INSERT_ROWS")),
    "visibility": ("DeveloperMetadata.DeveloperMetadataVisibility",
                   ("DEVELOPER_METADATA_VISIBILITY_UNSPECIFIED", "DOCUMENT", "PROJECT")),
    "locationType": ("DeveloperMetadataLocation.DeveloperMetadataLocationType",
                     ("DEVELOPER_METADATA_LOCATION_TYPE_UNSPECIFIED", "ROW", "COLUMN", "SHEET", "SPREADSHEET")),
    "locationMatchingStrategy": ("DeveloperMetadataLookup.DeveloperMetadataLocationMatchingStrategy",
                                 ("DEVELOPER_METADATA_LOCATION_MATCHING_STRATEGY_UNSPECIFIED", "EXACT_LOCATION",
                                  "INTERSECTING_LOCATION")),
}
INT32_MIN, INT32_MAX = -2 ** 31, 2 ** 31 - 1
DEFAULTS = {"valueRenderOption": "FORMATTED_VALUE", "responseValueRenderOption": "FORMATTED_VALUE",
            "dateTimeRenderOption": "SERIAL_NUMBER", "responseDateTimeRenderOption": "SERIAL_NUMBER",
            "majorDimension": "ROWS", "insertDataOption": "OVERWRITE"}


def check_query(allowed: set[str] | frozenset[str]) -> None:
    """Refuses query parameters the method does not have, as Google's front end does."""
    for name in request.args:
        if name not in allowed and name not in SYSTEM_PARAMETERS:
            raise invalid_argument(f'Invalid JSON payload received. Unknown name "{name}": Cannot bind query '
                                   f"parameter. Field '{name}' could not be found in request message.")


def enum(name: str, raw: Any, where: str = "", required: bool = False) -> str:
    """An enum parameter's value (its default when absent); 400 when required and missing or unknown."""
    if raw is None or raw == "":
        if required:
            raise invalid_argument(f"'{name}' is required but not specified")
        return DEFAULTS.get(name, "")
    type_name, allowed = ENUMS[name]
    if raw not in allowed:
        field = where + _snake(name)
        raise invalid_argument(f"Invalid value at '{field}' (type.googleapis.com/google.apps.sheets.v4.{type_name}), "
                               f"{json.dumps(raw, ensure_ascii=False)}")
    if raw == "DIMENSION_UNSPECIFIED":
        return "ROWS"
    return raw


def query_enum(name: str, required: bool = False) -> str:
    return enum(name, request.args.get(name), required=required)


def boolean(raw: Any, name: str) -> bool:
    """A boolean parameter: JSON true/false, or "true"/"false" in any case in a query string."""
    if raw is None or isinstance(raw, bool):
        return bool(raw)
    if isinstance(raw, str) and raw.lower() in ("true", "false", "1", "0"):
        return raw.lower() in ("true", "1")
    raise invalid_argument(f"Invalid value at '{_snake(name)}' (TYPE_BOOL), {json.dumps(raw)}")


def json_body(required: bool = True) -> dict:
    """The JSON object the request carries ({} when none and none is required)."""
    raw = request.get_data(cache=True)
    if not raw.strip():
        if required:
            raise invalid_argument("Invalid JSON payload received. Unexpected end of string.")
        return {}
    try:
        body = json.loads(raw.decode("utf-8"), parse_constant=_no_constant)
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise invalid_argument("Invalid JSON payload received. Unexpected token.") from None
    if not isinstance(body, dict):
        raise invalid_argument("Invalid JSON payload received. Expected an object.")
    return body


def check_fields(body: dict, known: set[str], where: str = "") -> None:
    """Unknown names in a request body are refused (a typo must not be silently ignored)."""
    for name in body:
        if name not in known:
            at = f" at '{where}'" if where else ""
            raise invalid_argument(f'Invalid JSON payload received. Unknown name "{name}"{at}: Cannot find field.')


def integer(body: dict, name: str, where: str, default: int | None = None) -> int:
    """An int32 field, as Google's front end reads one (a number out of int32's range is refused too)."""
    value = body.get(name, default)
    if isinstance(value, bool) or not isinstance(value, int) or not INT32_MIN <= value <= INT32_MAX:
        if value is None:
            raise invalid_argument(f"Invalid {where}: {name} is required")
        raise invalid_argument(f"Invalid value at '{where}.{_snake(name)}' (TYPE_INT32), {json.dumps(value)}")
    return value


def _no_constant(name: str) -> Any:
    raise ValueError(name)


def field_path(where: str) -> str:
    """A request's field path as Google's errors name it: `requests[0].createDeveloperMetadata` is
    `requests[0].create_developer_metadata`."""
    return _snake(where)


def _snake(name: str) -> str:
    return "".join("_" + char.lower() if char.isupper() else char for char in name)
