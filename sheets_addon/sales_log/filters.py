"""Which sales the log keeps: status (in the words of Conta Azul's help page), value range, seller.

Status filters name what the person sees in Conta Azul's sales list and map onto the API's
situation names (`situacao.nome` of a search row, `situacoes` of the search):

| filter           | Conta Azul's words             | situations                       |
| ---------------- | ------------------------------ | -------------------------------- |
| `confirmed`      | Venda confirmada / aprovada    | APROVADO, FATURADO, VENDA        |
| `pending_review` | Em andamento / revisão pendente| EM_ANDAMENTO                     |
| `scheduled`      | Venda agendada (por contrato)  | CONTRATO                         |
| `quote`          | Orçamento                      | ORCAMENTO                        |
| `quote_accepted` | Orçamento aceito               | ORCAMENTO_ACEITO                 |
| `quote_refused`  | Orçamento recusado             | ORCAMENTO_RECUSADO               |
| `cancelled`      | Cancelada                      | CANCELADO                        |
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sheets_addon.mapping.cells import fold
from sheets_addon.mapping.errors import FlowProblem, ParseError
from sheets_addon.mapping.parsers.numbers import parse_money
from sheets_addon.sales_log import labels

STATUS_SITUATIONS: dict[str, tuple[str, ...]] = {
    "confirmed": ("APROVADO", "FATURADO", "VENDA"),
    "pending_review": ("EM_ANDAMENTO",),
    "scheduled": ("CONTRATO",),
    "quote": ("ORCAMENTO",),
    "quote_accepted": ("ORCAMENTO_ACEITO",),
    "quote_refused": ("ORCAMENTO_RECUSADO",),
    "cancelled": ("CANCELADO",),
}
_OPS = {"status": ("in", "not_in"), "total": ("gte", "lte", "between"), "seller": ("in",)}


@dataclass(frozen=True)
class SaleFilter:
    """The flow's filters, checked: every one must hold for a sale to be logged."""

    situations: frozenset[str] | None = None       # None: any situation
    excluded_situations: frozenset[str] = frozenset()
    total_min: Decimal | None = None
    total_max: Decimal | None = None
    sellers: tuple[str, ...] = field(default_factory=tuple)   # names, matched loosely

    @classmethod
    def from_list(cls, entries: Any) -> SaleFilter:
        """Reads `[{"field": "status", "op": "in", "values": ["confirmed"]}, …]`; raises `FlowProblem`."""
        if not isinstance(entries, list) or not all(isinstance(e, Mapping) for e in entries):
            raise FlowProblem([labels.FILTERS_SHAPE])
        problems: list[str] = []
        found: dict[str, Any] = {}
        for entry in entries:
            _read(entry, found, problems)
        if problems:
            raise FlowProblem(problems)
        return cls(**found)

    def matches(self, search_row: Mapping[str, Any]) -> bool:
        """Status and value, from the search row alone (sellers are asked of Conta Azul's search).

        Situations are checked here rather than sent as `situacoes`: a logged sale that leaves
        the filtered statuses must still be seen, so its row can be kept current.
        """
        situation = str((search_row.get("situacao") or {}).get("nome") or "")
        if self.situations is not None and situation not in self.situations:
            return False
        if situation in self.excluded_situations:
            return False
        total = search_row.get("total")
        total = Decimal(str(total)) if total is not None else Decimal(0)
        return ((self.total_min is None or total >= self.total_min)
                and (self.total_max is None or total <= self.total_max))

    def seller_ids(self, sellers: Sequence[Mapping[str, Any]]) -> list[str] | None:
        """Ids of the named sellers among Conta Azul's (`[{id, nome}]`); raises when one is unknown."""
        if not self.sellers:
            return None
        by_name = {fold(str(s.get("nome") or "")): str(s["id"]) for s in sellers}
        missing = [name for name in self.sellers if fold(name) not in by_name]
        if missing:
            raise FlowProblem([labels.SELLER_UNKNOWN.format(name=name) for name in missing])
        return [by_name[fold(name)] for name in self.sellers]


def _values(entry: Mapping[str, Any]) -> list[Any]:
    values = entry.get("values", [entry["value"]] if "value" in entry else [])
    return list(values) if isinstance(values, list) else [values]


def _read(entry: Mapping[str, Any], found: dict[str, Any], problems: list[str]) -> None:
    name, op = entry.get("field"), entry.get("op", "in")
    if name not in _OPS:
        problems.append(labels.FILTERS_SHAPE)
        return
    if op not in _OPS[name]:
        problems.append(labels.FILTER_OP_INVALID.format(field=name, ops=", ".join(_OPS[name])))
        return
    values = _values(entry)
    if name == "status":
        unknown = [v for v in values if v not in STATUS_SITUATIONS]
        if unknown or not values:
            problems.extend(labels.FILTER_STATUS_UNKNOWN.format(status=v, known=", ".join(STATUS_SITUATIONS))
                            for v in unknown or [""])
            return
        situations = frozenset(s for v in values for s in STATUS_SITUATIONS[v])
        found["situations" if op == "in" else "excluded_situations"] = situations
    elif name == "seller":
        names = tuple(str(v).strip() for v in values if str(v).strip())
        if not names:
            problems.append(labels.FILTER_SELLER_EMPTY)
        found["sellers"] = names
    else:
        _read_total(op, values, found, problems)


def _read_total(op: str, values: list[Any], found: dict[str, Any], problems: list[str]) -> None:
    try:
        amounts = [parse_money(v) for v in values]
    except ParseError as error:
        problems.append(labels.FILTER_TOTAL_INVALID.format(problem=error))
        return
    if len(amounts) != (2 if op == "between" else 1):
        problems.append(labels.FILTER_TOTAL_INVALID.format(problem=op))
        return
    if op in ("gte", "between"):
        found["total_min"] = amounts[0]
    if op in ("lte", "between"):
        found["total_max"] = amounts[-1]
