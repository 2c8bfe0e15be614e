"""Developer metadata: keys (and values) kept on the spreadsheet or on one of its sheets.

Written through spreadsheets.batchUpdate (`createDeveloperMetadata`, `updateDeveloperMetadata`,
`deleteDeveloperMetadata`, atomic with the batch's other requests) and read through
`developerMetadata.search` and `developerMetadata.get`, with the rules of Google's reference
(spreadsheets.developerMetadata, DataFilter, DeveloperMetadataLookup). Where the reference is
silent the stand-in takes the stricter reading; the README lists those choices.

PROJECT-visible metadata is seen by the developer project that created it alone (projects.py
says which project a call comes from); DOCUMENT-visible metadata by every caller who can open
the spreadsheet. Rows and columns (`dimensionRange`) and the `a1Range` / `gridRange` filters
are not modelled and are refused by name.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, replace
from typing import Any

from .context import caller_project
from .errors import invalid_argument, not_found
from .field_masks import covers, mask_of
from .model import DeveloperMetadata, Spreadsheet
from .params import INT32_MAX, INT32_MIN, boolean, check_fields, enum, field_path, integer
from .world import World

MAX_CHARACTERS_PER_LOCATION = 30_000  # keys and values together, on the spreadsheet or on one sheet
METADATA_FIELDS = {"metadataId", "metadataKey", "metadataValue", "location", "visibility"}
LOCATION_FIELDS = {"locationType", "spreadsheet", "sheetId", "dimensionRange"}
LOOKUP_FIELDS = {"locationMatchingStrategy", "locationType", "metadataId", "metadataKey", "metadataLocation",
                 "metadataValue", "visibility"}
FILTER_KINDS = ("developerMetadataLookup", "a1Range", "gridRange")
UPDATABLE = {"metadataId", "metadataKey", "metadataValue", "location", "visibility"}
SPREADSHEET, SHEET, EXACT, INTERSECTING = "SPREADSHEET", "SHEET", "EXACT_LOCATION", "INTERSECTING_LOCATION"
NOTHING_MATCHES = "No developer metadata matches the data filters."


# -- reading a request ---------------------------------------------------------------------------

def _text(body: dict, name: str, where: str) -> str:
    """A string field ("" when absent or null, as protobuf reads it)."""
    value = body.get(name)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise invalid_argument(f"Invalid value at '{field_path(where)}.{field_path(name)}' (TYPE_STRING), "
                               f"{json.dumps(value)}")
    return value


def _chosen(enum_name: str, body: dict, where: str) -> str:
    """An enum field's value, "" when absent or *_UNSPECIFIED."""
    value = enum(enum_name, body.get(enum_name), field_path(where) + ".")
    return "" if value.endswith("_UNSPECIFIED") else value


def _location(book: Spreadsheet, raw: Any, where: str) -> int | None:
    """A DeveloperMetadataLocation: None for the spreadsheet itself, else the id of one of its sheets."""
    if not isinstance(raw, dict):
        raise invalid_argument(f"Invalid {where}: a location (the spreadsheet or a sheet) is required.")
    check_fields(raw, LOCATION_FIELDS, where)
    chosen = [name for name in ("spreadsheet", "sheetId", "dimensionRange") if name in raw]
    if len(chosen) > 1:
        raise invalid_argument(f"Invalid JSON payload received. Oneof field 'location' is already set. "
                               f"Cannot set '{chosen[1]}'")
    if chosen == ["dimensionRange"]:
        raise invalid_argument(f"Invalid {where}: the Sheets stand-in does not implement developer metadata on "
                               f"rows and columns (dimensionRange).")
    if chosen == ["sheetId"]:
        sheet_id: int | None = integer(raw, "sheetId", where)
        if all(sheet.sheet_id != sheet_id for sheet in book.sheets):
            raise invalid_argument(f"Invalid {where}: No grid with id: {sheet_id}")
    elif chosen == ["spreadsheet"] and boolean(raw["spreadsheet"], "spreadsheet"):
        sheet_id = None
    else:
        raise invalid_argument(f"Invalid {where}: a location (the spreadsheet or a sheet) is required.")
    declared = _chosen("locationType", raw, where)
    if declared and declared != (SPREADSHEET if sheet_id is None else SHEET):
        raise invalid_argument(f"Invalid {where}: locationType {declared} does not match the location.")
    return sheet_id


def _key(raw: dict, where: str, inner: str) -> str:
    key = _text(raw, "metadataKey", inner)
    if not key:
        raise invalid_argument(f"Invalid {where}: Developer metadata must always have a key specified.")
    return key


def _visibility(raw: dict, where: str, inner: str) -> str:
    visibility = _chosen("visibility", raw, inner)
    if not visibility:
        raise invalid_argument(f"Invalid {where}: Developer metadata must always have a visibility specified.")
    return visibility


def _positive_id(body: dict, where: str) -> int | None:
    """A metadataId the request names (None when it names none); it must be positive."""
    if "metadataId" not in body:
        return None
    metadata_id = integer(body, "metadataId", where)
    if metadata_id <= 0:
        raise invalid_argument(f"Invalid {where}: metadataId must be positive, not {metadata_id}.")
    return metadata_id


# -- which metadata a filter selects ------------------------------------------------------------

@dataclass(frozen=True)
class Lookup:
    """A DeveloperMetadataLookup: every criterion it sets must hold (unset ones are None)."""

    metadata_id: int | None
    key: str | None
    value: str | None
    visibility: str | None
    location_type: str | None
    located: bool           # whether it names a location (metadataLocation)
    sheet_id: int | None    # that location: None for the spreadsheet, else a sheet

    def matches(self, item: DeveloperMetadata) -> bool:
        # Exact and intersecting locations select the same metadata while rows and columns are not
        # modelled: a sheet intersects its own rows and columns, and the spreadsheet intersects nothing.
        wanted = ((self.metadata_id, item.metadata_id), (self.key, item.key), (self.value, item.value),
                  (self.visibility, item.visibility),
                  (self.location_type, SPREADSHEET if item.sheet_id is None else SHEET))
        return (all(want is None or want == have for want, have in wanted)
                and (not self.located or self.sheet_id == item.sheet_id))


def _lookup(book: Spreadsheet, raw: Any, where: str) -> Lookup:
    if not isinstance(raw, dict):
        raise invalid_argument(f"Invalid {where}: a developerMetadataLookup must be an object.")
    check_fields(raw, LOOKUP_FIELDS, where)
    strategy, location_type = _chosen("locationMatchingStrategy", raw, where), _chosen("locationType", raw, where)
    located = "metadataLocation" in raw
    sheet_id = _location(book, raw["metadataLocation"], where + ".metadataLocation") if located else None
    if strategy and not located:
        raise invalid_argument(f"Invalid {where}: a locationMatchingStrategy needs a metadataLocation.")
    if location_type and strategy == EXACT:
        raise invalid_argument(f"Invalid {where}: locationType must be left unspecified when the "
                               f"locationMatchingStrategy is EXACT_LOCATION.")
    if location_type == SPREADSHEET and (strategy == INTERSECTING or (located and sheet_id is not None)):
        raise invalid_argument(f"Invalid {where}: locationType SPREADSHEET cannot be used with intersecting "
                               f"locations or a location other than the spreadsheet.")
    metadata_id = integer(raw, "metadataId", where, 0)
    if metadata_id < 0:
        raise invalid_argument(f"Invalid {where}: metadataId must be positive, not {metadata_id}.")
    lookup = Lookup(metadata_id or None, _text(raw, "metadataKey", where) or None,
                    _text(raw, "metadataValue", where) or None, _chosen("visibility", raw, where) or None,
                    location_type or None, located, sheet_id)
    if lookup == Lookup(None, None, None, None, None, False, None):
        raise invalid_argument(f"Invalid {where}: a developerMetadataLookup must set at least one criterion.")
    return lookup


def data_filter(book: Spreadsheet, raw: Any, where: str) -> Lookup:
    """A DataFilter: only `developerMetadataLookup` is modelled."""
    if not isinstance(raw, dict):
        raise invalid_argument(f"Invalid {where}: a data filter must be an object.")
    check_fields(raw, set(FILTER_KINDS), where)
    chosen = [kind for kind in FILTER_KINDS if kind in raw]
    if len(chosen) > 1:
        raise invalid_argument(f"Invalid JSON payload received. Oneof field 'filter' is already set. "
                               f"Cannot set '{chosen[1]}'")
    if not chosen:
        raise invalid_argument(f"Invalid {where}: a data filter must set developerMetadataLookup, a1Range or "
                               f"gridRange.")
    if chosen[0] != "developerMetadataLookup":
        raise invalid_argument(f"Invalid {where}: the Sheets stand-in does not implement {chosen[0]} data "
                               f"filters; use a developerMetadataLookup.")
    return _lookup(book, raw["developerMetadataLookup"], f"{where}.developerMetadataLookup")


def _data_filters(book: Spreadsheet, raw: Any, where: str) -> list[tuple[dict, Lookup]]:
    """A list of DataFilters, each with its lookup; at least one."""
    if not isinstance(raw, list) or not raw:
        raise invalid_argument(f"Invalid {where}: at least one data filter must be specified.")
    return [(entry, data_filter(book, entry, f"{where}[{index}]")) for index, entry in enumerate(raw)]


def visible(book: Spreadsheet, project: str) -> list[DeveloperMetadata]:
    """The metadata a call from `project` may see, in the order it was created."""
    return [item for item in book.developer_metadata if item.visible_to(project)]


# -- batchUpdate requests -----------------------------------------------------------------------

def _new_id(world: World, book: Spreadsheet, raw: dict, where: str) -> int:
    """The id asked for (positive, not taken in the spreadsheet), or a random free one."""
    taken = {item.metadata_id for item in book.developer_metadata}
    wanted = _positive_id(raw, where + ".developerMetadata")
    if wanted in taken:
        raise invalid_argument(f"Invalid {where}: Developer metadata with id {wanted} already exists.")
    if wanted is not None:
        return wanted
    while (candidate := world.rng.randrange(1, INT32_MAX)) in taken:
        pass
    return candidate


def _check_size(book: Spreadsheet, sheet_ids: set[int | None], where: str) -> None:
    """Refuses metadata that takes a location past its share of characters (keys and values)."""
    for sheet_id in sheet_ids:
        size = sum(len(item.key) + len(item.value) for item in book.developer_metadata if item.sheet_id == sheet_id)
        if size > MAX_CHARACTERS_PER_LOCATION:
            place = "the spreadsheet" if sheet_id is None else f"the sheet with id {sheet_id}"
            raise invalid_argument(f"Invalid {where}: the developer metadata on {place} would be {size} "
                                   f"characters long; at most {MAX_CHARACTERS_PER_LOCATION} are allowed.")


def create(world: World, book: Spreadsheet, body: dict, where: str) -> dict:
    """createDeveloperMetadata: a key, a visibility and a location are required; the id is optional."""
    check_fields(body, {"developerMetadata"}, where)
    raw, inner = body.get("developerMetadata"), where + ".developerMetadata"
    if not isinstance(raw, dict):
        raise invalid_argument(f"Invalid {where}: developerMetadata is required.")
    check_fields(raw, METADATA_FIELDS, inner)
    item = DeveloperMetadata(_new_id(world, book, raw, where), _key(raw, where, inner),
                             _text(raw, "metadataValue", inner), _visibility(raw, where, inner), caller_project(),
                             _location(book, raw.get("location"), inner + ".location"))
    book.developer_metadata.append(item)
    _check_size(book, {item.sheet_id}, where)
    return {"createDeveloperMetadata": {"developerMetadata": item.as_json()}}


def _changes(book: Spreadsheet, body: dict, where: str) -> dict[str, Any]:
    """What updateDeveloperMetadata sets on every metadata it selects, read under its field mask."""
    mask, raw, inner = mask_of(body, where), body.get("developerMetadata") or {}, where + ".developerMetadata"
    for path in mask - {"*"}:
        if path.split(".")[0] not in UPDATABLE:
            raise invalid_argument(f"Invalid {where}: Invalid field mask path: {path}")
    check_fields(raw, METADATA_FIELDS, inner)
    changes: dict[str, Any] = {}
    if covers(mask, "metadataId"):
        changes["metadata_id"] = _positive_id(raw, inner)
    if covers(mask, "metadataKey"):
        changes["key"] = _key(raw, where, inner)
    if covers(mask, "metadataValue"):
        changes["value"] = _text(raw, "metadataValue", inner)
    if covers(mask, "visibility"):
        changes["visibility"] = _visibility(raw, where, inner)
    if any(path.split(".")[0] == "location" for path in mask) or "*" in mask:
        changes["sheet_id"] = _location(book, raw.get("location"), inner + ".location")
    return changes


def update(world: World, book: Spreadsheet, body: dict, where: str) -> dict:
    """updateDeveloperMetadata: the masked fields set on every visible metadata the filters select.

    An id can be named but not changed (ids stay unique); the project that created a metadata
    keeps it whoever updates it.
    """
    check_fields(body, {"dataFilters", "developerMetadata", "fields"}, where)
    lookups = [lookup for _, lookup in _data_filters(book, body.get("dataFilters"), where + ".dataFilters")]
    changes = _changes(book, body, where)
    targets = [item for item in visible(book, caller_project()) if any(lookup.matches(item) for lookup in lookups)]
    if not targets:
        raise invalid_argument(f"Invalid {where}: {NOTHING_MATCHES}")
    wanted_id = changes.pop("metadata_id", None)
    if wanted_id is not None and any(item.metadata_id != wanted_id for item in targets):
        raise invalid_argument(f"Invalid {where}: a metadataId cannot be changed.")
    updated = {item.metadata_id: replace(item, **changes) for item in targets}
    book.developer_metadata = [updated.get(item.metadata_id, item) for item in book.developer_metadata]
    _check_size(book, {item.sheet_id for item in targets} | {item.sheet_id for item in updated.values()}, where)
    return {"updateDeveloperMetadata": {"developerMetadata": [item.as_json() for item in updated.values()]}}


def delete(world: World, book: Spreadsheet, body: dict, where: str) -> dict:
    """deleteDeveloperMetadata: every visible metadata its one data filter selects."""
    check_fields(body, {"dataFilter"}, where)
    lookup = data_filter(book, body.get("dataFilter"), where + ".dataFilter")
    doomed = [item for item in visible(book, caller_project()) if lookup.matches(item)]
    if not doomed:
        raise invalid_argument(f"Invalid {where}: {NOTHING_MATCHES}")
    book.developer_metadata = [item for item in book.developer_metadata if item not in doomed]
    return {"deleteDeveloperMetadata": {"deletedDeveloperMetadata": [item.as_json() for item in doomed]}}


HANDLERS = {"createDeveloperMetadata": create, "updateDeveloperMetadata": update,
            "deleteDeveloperMetadata": delete}


# -- developerMetadata.search and .get ----------------------------------------------------------

def search(book: Spreadsheet, body: dict) -> dict:
    """Each visible metadata any filter selects, once, with every filter that selected it."""
    check_fields(body, {"dataFilters"})
    filters = _data_filters(book, body.get("dataFilters"), "dataFilters")
    matched = []
    for item in visible(book, caller_project()):
        selecting = [raw for raw, lookup in filters if lookup.matches(item)]
        if selecting:
            matched.append({"developerMetadata": item.as_json(), "dataFilters": selecting})
    return {"matchedDeveloperMetadata": matched} if matched else {}


def get(book: Spreadsheet, metadata_id: str) -> dict:
    """The metadata with this id, if the caller may see it; Google's 404 otherwise."""
    try:
        wanted = int(metadata_id)
    except ValueError:
        wanted = INT32_MAX + 1
    if not INT32_MIN <= wanted <= INT32_MAX:
        raise invalid_argument(f"Invalid value at 'metadata_id' (TYPE_INT32), {json.dumps(metadata_id)}")
    found = next((item for item in visible(book, caller_project()) if item.metadata_id == wanted), None)
    if found is None:
        raise not_found()
    return found.as_json()
