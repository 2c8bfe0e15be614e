"""What Google keeps for an Apps Script project on its servers: properties and installable triggers.

The try-it page's shim reads and writes these over HTTP, so they outlive a page reload as they
outlive a sidebar in Google. Script properties are the project's; document properties belong
to a spreadsheet; user properties and triggers to a person.
"""
from __future__ import annotations

import secrets
import threading
from dataclasses import asdict, dataclass

EVENT_TYPES = ("ON_EDIT", "ON_CHANGE", "ON_OPEN", "ON_FORM_SUBMIT")


@dataclass(frozen=True)
class Trigger:
    """An installable spreadsheet trigger, as ScriptApp describes one."""

    unique_id: str
    handler: str
    event_type: str
    source_id: str
    user: str


class ScriptState:
    """Properties by store ("script", "document:<id>", "user:<email>") and triggers by person."""

    def __init__(self, script_properties: dict[str, str] | None = None) -> None:
        self._lock = threading.Lock()
        self._properties: dict[str, dict[str, str]] = {"script": dict(script_properties or {})}
        self._triggers: list[Trigger] = []

    def properties(self, store: str) -> dict[str, str]:
        with self._lock:
            return dict(self._properties.get(store, {}))

    def change_properties(self, store: str, set_values: dict[str, str], delete: list[str],
                          delete_others: bool = False) -> dict[str, str]:
        """Applies one change as Properties.setProperties/deleteProperty would; answers the store."""
        with self._lock:
            current = {} if delete_others else self._properties.get(store, {})
            current = {key: value for key, value in current.items() if key not in delete}
            current.update({str(key): str(value) for key, value in set_values.items()})
            self._properties[store] = current
            return dict(current)

    def triggers(self, user: str) -> list[Trigger]:
        with self._lock:
            return [trigger for trigger in self._triggers if trigger.user == user]

    def add_trigger(self, user: str, handler: str, event_type: str, source_id: str) -> Trigger:
        if event_type not in EVENT_TYPES:
            raise ValueError(f"unknown event type {event_type!r}")
        trigger = Trigger(secrets.token_hex(8), handler, event_type, source_id, user)
        with self._lock:
            self._triggers.append(trigger)
        return trigger

    def delete_trigger(self, user: str, unique_id: str) -> bool:
        with self._lock:
            kept = [t for t in self._triggers if not (t.unique_id == unique_id and t.user == user)]
            deleted = len(kept) != len(self._triggers)
            self._triggers = kept
            return deleted


def trigger_json(trigger: Trigger) -> dict[str, str]:
    return asdict(trigger)
