"""Categories, cost centres, financial accounts and the connected company."""
from __future__ import annotations

from collections.abc import Iterator, Sequence

from .base import Record, Resource, first_exact


class Categories(Resource):
    """`/v1/categorias`: there is no create; a category must exist, matched by exact name."""

    path = "/v1/categorias"

    def list(self, *, kind: str | None = None, only_children: bool = False,
             text: str | None = None) -> Iterator[Record]:
        """Categories, `kind` RECEITA or DESPESA; `only_children` keeps the ones usable in entries."""
        params = {"permite_apenas_filhos": only_children, "tipo": kind, "busca": text}
        return self._pages(self.path, params)

    def find_by_name(self, name: str, *, kind: str | None = None) -> Record | None:
        """The category named exactly `name` (accents and ordinals count: "13º Salário")."""
        return first_exact(self.list(kind=kind), name, "nome")


class CostCenters(Resource):
    """`/v1/centro-de-custo`: listed, found by exact name, created when missing."""

    path = "/v1/centro-de-custo"

    def list(self, *, status: str = "TODOS", text: str | None = None) -> Iterator[Record]:
        """Cost centres; `status` ATIVO, INATIVO or TODOS."""
        return self._pages(self.path, {"filtro_rapido": status, "busca": text})

    def find_by_name(self, name: str) -> Record | None:
        """The cost centre named exactly `name`, active or not (so we never create a twin)."""
        return first_exact(self.list(text=name.strip()), name, "nome")

    def create(self, name: str, code: str | None = None) -> Record:
        body = {"nome": name.strip(), **({"codigo": code} if code else {})}
        return self._post(self.path, body)


class FinancialAccounts(Resource):
    """`/v1/conta-financeira`: bank accounts, cash boxes, cards."""

    path = "/v1/conta-financeira"

    def list(self, *, name: str | None = None, types: Sequence[str] | None = None,
             only_active: bool | None = None) -> Iterator[Record]:
        return self._pages(self.path, {"nome": name, "tipos": types, "apenas_ativo": only_active})

    def default(self) -> Record | None:
        """The company's default account (`conta_padrao`), if it has one."""
        return next((a for a in self.list() if a.get("conta_padrao") is True), None)


class Company(Resource):
    """The company the token belongs to."""

    def get(self) -> Record:
        """`{id_empresa, razao_social, nome_fantasia, documento, email, data_fundacao}`."""
        return self._get("/v1/pessoas/conta-conectada")
