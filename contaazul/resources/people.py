"""People (clients and suppliers): `/v1/pessoas`."""
from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from datetime import datetime
from typing import Any

from .base import Record, Resource, document_key, exact_matches

PATH = "/v1/pessoas"
DOCUMENT = re.compile(r"[0-9]{11}|[0-9A-Z]{12}[0-9]{2}")  # a CPF, or a CNPJ (letters but in its check digits)
PERSON_TYPES = ("Física", "Jurídica", "Estrangeira")
PROFILES = ("Cliente", "Fornecedor", "Transportadora")
BATCH_LIMIT = 10  # people per ativar/inativar/excluir call


class People(Resource):
    """Clients and suppliers: the lookups a find-or-create needs, then create and update.

    A search that leaves them out is answered as if it had asked for `tipos_pessoa` Física and
    `tipo_perfil` Cliente (official search page; other sources), so a lookup would miss every
    company and every supplier, and the find-or-create would make a duplicate. Every lookup here
    says both: the three person types at once (a list filter), and one request per profile
    (`tipo_perfil` takes one value), in the order `profiles` gives, stopping at the first match
    where one match is all that is wanted. A person without any profile cannot be found this way.
    """

    def find_by_document(self, document: str, *, profiles: Sequence[str] = PROFILES) -> Record | None:
        """The person with this CPF (11 digits) or CNPJ (14 characters), punctuation and case
        ignored: asked for bare and in upper case, the form Conta Azul answers with."""
        wanted = document_key(document)
        if not DOCUMENT.fullmatch(wanted):
            raise ValueError("a CPF has 11 digits and a CNPJ 14 characters, the last two digits")
        rows = self._each_profile({"documentos": wanted}, profiles)
        return next((r for r in rows if document_key(r.get("documento")) == wanted), None)

    def find_by_email(self, email: str, *, profiles: Sequence[str] = PROFILES) -> Record | None:
        """The person with this e-mail address, compared without case (as e-mail is).

        The API's filter may be case-sensitive, so the address is asked for as typed and then
        in lower case.
        """
        wanted = email.strip().lower()
        for variant in dict.fromkeys((email.strip(), wanted)):
            rows = self._each_profile({"emails": variant}, profiles)
            found = next((r for r in rows if str(r.get("email") or "").strip().lower() == wanted), None)
            if found:
                return found
        return None

    def find_by_name(self, name: str) -> list[Record]:
        """Everyone named exactly `name`, of any profile (the API's filter is looser: we check)."""
        return exact_matches(self._each_profile({"nomes": name.strip()}, PROFILES), name, "nome")

    def search(
        self,
        text: str | None = None,
        *,
        profile: str | None = None,
        person_types: Sequence[str] = PERSON_TYPES,
        ids: Sequence[str] | None = None,
        changed_from: datetime | None = None,
        changed_until: datetime | None = None,
    ) -> Iterator[Record]:
        """People matching a free text (name, document, e-mail), a change window, `ids`; of
        `profile` ("Cliente", "Fornecedor", "Transportadora") or, without one, of any profile."""
        params = {"busca": text, "ids": ids}
        return self._each_profile(params, (profile,) if profile else PROFILES, person_types,
                                  changed_from, changed_until)

    def _each_profile(self, params: Mapping[str, Any], profiles: Sequence[str],
                      person_types: Sequence[str] = PERSON_TYPES, changed_from: datetime | None = None,
                      changed_until: datetime | None = None) -> Iterator[Record]:
        """The rows of one search per profile, each person once, asked lazily profile by profile."""
        seen: set[str] = set()
        for profile in profiles:
            query = {**params, "tipos_pessoa": list(person_types), "tipo_perfil": profile}
            for row in self._changed_pages(PATH, query, changed_from, changed_until):
                if str(row.get("id")) not in seen:
                    seen.add(str(row.get("id")))
                    yield row

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

    def delete(self, person_ids: Sequence[str]) -> None:
        """Delete up to `BATCH_LIMIT` people at once (`POST /v1/pessoas/excluir`). Not retried: a
        second call for someone already deleted is refused as an unknown person."""
        if not 0 < len(person_ids) <= BATCH_LIMIT:
            raise ValueError(f"delete takes 1 to {BATCH_LIMIT} people at once")
        self._post(f"{PATH}/excluir", {"uuids": list(person_ids)})
