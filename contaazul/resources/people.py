"""People (clients and suppliers): `/v1/pessoas`."""
from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from datetime import datetime
from typing import Any

from .base import Record, Resource, changed_window, document_key, exact_matches

PATH = "/v1/pessoas"
DOCUMENT = re.compile(r"[0-9]{11}|[0-9A-Z]{12}[0-9]{2}")  # a CPF, or a CNPJ (letters but in its check digits)


class People(Resource):
    """Clients and suppliers: the lookups a find-or-create needs, then create and update."""

    def find_by_document(self, document: str) -> Record | None:
        """The person with this CPF (11 digits) or CNPJ (14 characters), punctuation and case
        ignored: asked for bare and in upper case, the form Conta Azul answers with."""
        wanted = document_key(document)
        if not DOCUMENT.fullmatch(wanted):
            raise ValueError("a CPF has 11 digits and a CNPJ 14 characters, the last two digits")
        rows = self._pages(PATH, {"documentos": wanted})
        return next((r for r in rows if document_key(r.get("documento")) == wanted), None)

    def find_by_email(self, email: str) -> Record | None:
        """The person with this e-mail address, compared without case (as e-mail is).

        The API's filter may be case-sensitive, so the address is asked for as typed and then
        in lower case.
        """
        wanted = email.strip().lower()
        for variant in dict.fromkeys((email.strip(), wanted)):
            rows = self._pages(PATH, {"emails": variant})
            found = next((r for r in rows if str(r.get("email") or "").strip().lower() == wanted), None)
            if found:
                return found
        return None

    def find_by_name(self, name: str) -> list[Record]:
        """Everyone whose name is exactly `name` (the API's filter is looser: we check)."""
        return exact_matches(self._pages(PATH, {"nomes": name.strip()}), name, "nome")

    def search(
        self,
        text: str | None = None,
        *,
        profile: str | None = None,
        ids: Sequence[str] | None = None,
        changed_from: datetime | None = None,
        changed_until: datetime | None = None,
    ) -> Iterator[Record]:
        """People matching a free text (name, document, e-mail), a profile or a change window."""
        params = {"busca": text, "tipo_perfil": profile, "ids": ids,
                  **changed_window(changed_from, changed_until)}
        return self._pages(PATH, params)

    def get(self, person_id: str) -> Record:
        return self._get(f"{PATH}/{person_id}")

    def create(self, person: Mapping[str, Any]) -> Record:
        """Create a person; `person` uses Conta Azul's field names (`nome`, `tipo_pessoa`…)."""
        return self._post(PATH, person)

    def update(self, person_id: str, changes: Mapping[str, Any]) -> Record | None:
        """Change only the given fields (PATCH: a PUT would re-validate the whole record).

        Setting fields is safe to repeat, so it is retried like a read.
        """
        return self._client._request("PATCH", f"{PATH}/{person_id}", json=changes, idempotent=True)


