"""The calls the check makes, each through the client's own method, with what its answer must be.

Reads come first and change nothing. A list is read one page deep (the client is made with small
pages); its first row gives the record a detail check reads (a sale for its detail and items…), and
with no such row that check says so instead of failing. With `--write` a probe person is created,
read back, changed and deleted: named so nobody can take it for a customer, and deleted however
the checks before it ended.
"""
from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from typing import Any

from contaazul import ContaAzul, wire
from contaazul.resources.base import MAX_CHANGE_WINDOW

from . import expectations as expect
from .expectations import Expectation

Record = dict[str, Any]
PAGE_SIZE = 50  # rows a list check reads: enough to meet an enum's values, allowed by every list
CHANGED_WITHIN = MAX_CHANGE_WINDOW - timedelta(days=1)  # one window, as the client asks it
DUE_WITHIN = timedelta(days=182)  # either side of today, for the lists that need a date window
NOT_A_UUID = "azulejo-check-not-a-uuid"
PROBE_NAME = "Azulejo: pessoa de teste, pode apagar ({stamp})"
PROBE_NOTES = ("Criada por 'flask --app app contaazul check --write' para testar a API do Conta Azul "
               "e apagada em seguida. Se ainda existir, pode apagá-la.")
PROBE_NOTES_CHANGED = PROBE_NOTES + " (alterada)"


class Unseen(Exception):
    """There is nothing this check could read (no sale yet, say)."""


class Mismatch(Exception):
    """The answer has the right shape but says something else than what was sent."""


@dataclass
class Probing:
    """What the checks share: the client, the moment they started, the records met on the way."""

    client: ContaAzul
    now: datetime = field(default_factory=lambda: datetime.now(timezone.utc))
    found: dict[str, Record] = field(default_factory=dict)

    @property
    def today(self) -> date:
        return self.now.astimezone(wire.SAO_PAULO).date()

    @property
    def probe_name(self) -> str:
        return PROBE_NAME.format(stamp=wire.sao_paulo_timestamp(self.now).replace("T", " "))

    def need_id(self, *names: str) -> str:
        """The id of the first record met among `names` ("sale", "receivable"…)."""
        for name in names:
            record_id = (self.found.get(name) or {}).get("id")
            if isinstance(record_id, str):
                return record_id
        raise Unseen(f"no {' or '.join(names)} to read")

    def changed(self) -> dict[str, datetime]:
        return {"changed_from": self.now - CHANGED_WITHIN, "changed_until": self.now}

    def due(self) -> tuple[date, date]:
        return self.today - DUE_WITHIN, self.today + DUE_WITHIN


@dataclass(frozen=True)
class Probe:
    """A check: the call, and `keeps` naming the record it returns for the checks after it."""

    expectation: Expectation
    call: Callable[[Probing], Any]
    keeps: str | None = None


def first(rows: Iterable[Record]) -> Record | None:
    """The first row of a list: reads its first page only."""
    return next(iter(rows), None)


def _read_back(p: Probing) -> Record:
    person = p.client.people.get(p.need_id("probe"))
    if person.get("observacao") != PROBE_NOTES:
        raise Mismatch("observacao did not come back as sent")
    return person


def _delete_probe(p: Probing) -> None:
    """Deletes the probe by its id, or, when its creation's answer named none, by its name."""
    try:
        ids = [p.need_id("probe")]
    except Unseen:
        ids = [str(person["id"]) for person in p.client.people.find_by_name(p.probe_name)]
    if not ids:
        raise Unseen("no probe person was created")
    p.client.people.delete(ids)


def probe_person(p: Probing) -> Record:
    return {"nome": p.probe_name, "tipo_pessoa": "Física", "observacao": PROBE_NOTES,
            "perfis": [{"tipo_perfil": "Cliente"}]}


READS: tuple[Probe, ...] = (
    Probe(expect.COMPANY, lambda p: p.client.company.get(), keeps="company"),
    Probe(expect.PEOPLE, lambda p: first(p.client.people.search()), keeps="person"),
    Probe(expect.PEOPLE_CHANGED, lambda p: first(p.client.people.search(**p.changed()))),
    Probe(expect.PERSON, lambda p: p.client.people.get(p.need_id("person"))),
    Probe(expect.PRODUCTS, lambda p: first(p.client.products.search())),
    Probe(expect.SERVICES, lambda p: first(p.client.services.search())),
    Probe(expect.SALES, lambda p: first(p.client.sales.search()), keeps="sale"),
    Probe(expect.SALES_CHANGED, lambda p: first(p.client.sales.search(**p.changed()))),
    Probe(expect.SALE, lambda p: p.client.sales.get(p.need_id("sale"))),
    Probe(expect.SALE_ITEMS, lambda p: first(p.client.sales.items(p.need_id("sale")))),
    Probe(expect.SALE_NUMBER, lambda p: p.client.sales.next_number()),
    Probe(expect.SELLERS, lambda p: p.client.sales.sellers()),
    Probe(expect.CONTRACTS, lambda p: first(p.client.contracts.list(*p.due())), keeps="contract"),
    Probe(expect.CONTRACT, lambda p: p.client.contracts.get(p.need_id("contract"))),
    Probe(expect.CONTRACT_NUMBER, lambda p: p.client.contracts.next_number()),
    Probe(expect.PAYABLES, lambda p: first(p.client.payables.search(*p.due())), keeps="payable"),
    Probe(expect.RECEIVABLES, lambda p: first(p.client.receivables.search(*p.due())), keeps="receivable"),
    Probe(expect.RECEIVABLES_CHANGED, lambda p: first(p.client.receivables.search(*p.due(), **p.changed()))),
    Probe(expect.INSTALLMENT, lambda p: p.client.installments.get(p.need_id("receivable", "payable"))),
    Probe(expect.CATEGORIES, lambda p: first(p.client.categories.list(kind="RECEITA", only_children=True))),
    Probe(expect.COST_CENTERS, lambda p: first(p.client.cost_centers.list())),
    Probe(expect.ACCOUNTS, lambda p: first(p.client.financial_accounts.list())),
    Probe(expect.BAD_UUID, lambda p: p.client.people.get(NOT_A_UUID)),
    Probe(expect.CONTRACT_BAD_UUID, lambda p: p.client.contracts.get(NOT_A_UUID)),
    Probe(expect.UNKNOWN_PROTOCOL, lambda p: p.client.protocols.get(str(uuid.uuid4()))),
)

WRITES: tuple[Probe, ...] = (
    Probe(expect.PROBE_CREATED, lambda p: p.client.people.create(probe_person(p)), keeps="probe"),
    Probe(expect.PROBE, _read_back),
    Probe(expect.PROBE_UPDATED, lambda p: p.client.people.update(p.need_id("probe"),
                                                                        {"observacao": PROBE_NOTES_CHANGED})),
)

DELETE = Probe(expect.PROBE_DELETED, _delete_probe)
