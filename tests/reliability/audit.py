"""What the fault tests check at the end of a run: every row has exactly one Conta Azul record
and a ✔ status, no record exists twice, no sale is logged twice in a sales log.

Records are counted by the marker each flow puts in their notes (`[azulejo:<flow>:<row key>]`),
then the natural keys Conta Azul would show a person twice (sale numbers, CPF/CNPJ, names, bills)
are checked across each company's live records. Runs in an app context of the backend under test.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sandbox.contaazul import DEMO_EMAIL, SandboxServer
from sandbox.sheets import SheetsSandboxServer
from sheets_addon.config import current_settings
from sheets_addon.google_access import sheets_client
from sheets_addon.mapping import parse_row
from sheets_addon.models import Flow
from sheets_addon.sales_log import SALES_LOG
from sheets_addon.sales_log.labels import HEADERS
from sheets_addon.sheets import FlowSheet
from sheets_addon.sync import row_status
from sheets_addon.sync.actions import row_marker
from sheets_addon.sync.units import Unit, build_units

NOTES = {"customer": "observacao", "sale": "observacoes", "payable": "observacao"}
SALE_ID_HEADER = HEADERS["id"]  # the column a sales log finds its rows by


def sheet_units(flow: Flow) -> tuple[list[Unit], dict[int, str]]:
    """The flow's units as a cycle builds them from the sheet, and each triggered row's status."""
    sheet = FlowSheet(sheets_client(current_settings()), flow.spreadsheet_id, flow.worksheet)
    snapshot = sheet.read_control(flow.trigger_column, flow.status_column, None)
    rows = sheet.read_rows(snapshot.triggers, snapshot.headers)
    units = build_units(flow.kind, [(n, parse_row(flow.kind, flow.mapping, row)) for n, row in rows.items()])
    return units, {row: snapshot.statuses.get(row, "") for row in snapshot.triggers}


def records_of(kind: str, contaazul: SandboxServer, login: str = DEMO_EMAIL) -> list[dict]:
    """The live records of a kind in the company of `login`, each a dict of the stand-in's own fields."""
    company = contaazul.company(login)
    with contaazul.state.lock:
        records = list({"customer": company.people, "sale": company.sales, "payable": company.events}[kind].values())
    return [r for r in records if not r.get("excluido") and (kind != "payable" or r["tipo"] == "DESPESA")]


def logged_sale_ids(sheets: SheetsSandboxServer, flow: Flow) -> list[str]:
    """The sale ids in a sales log's tab, one per logged row, read as the person sees the tab."""
    rows = sheets.read(flow.spreadsheet_id, f"'{flow.worksheet}'")
    if not rows or SALE_ID_HEADER not in rows[0]:
        return []
    column = rows[0].index(SALE_ID_HEADER)
    return [str(row[column]) for row in rows[1:] if len(row) > column and str(row[column]).strip()]


@dataclass
class Audit:
    """Every unit's records counted by its marker, plus the natural keys that must not repeat."""

    rows: int = 0
    units: int = 0
    records: int = 0
    logged: int = 0
    duplicates: int = 0
    lost: int = 0
    problems: list[str] = field(default_factory=list)

    def check_flow(self, flow: Flow, records: list[dict]) -> None:
        units, statuses = sheet_units(flow)
        self.rows += len(statuses)
        self.units += len(units)
        open_rows = [row for row, text in statuses.items() if not text.startswith(row_status.DONE)]
        if open_rows:
            self.problems.append(f"{flow.kind} flow {flow.id}: rows without ✔: "
                                 f"{[(r, statuses[r]) for r in open_rows[:5]]}")
        notes = [str(record.get(NOTES[flow.kind]) or "") for record in records]
        ours = [text for text in notes if f"[azulejo:{flow.id}:" in text]
        self.records += len(ours)
        markers = Counter(row_marker(flow.id, unit.row_key) for unit in units)
        for marker, count in markers.items():
            if count > 1:
                self.problems.append(f"{flow.kind}: {count} units share the marker {marker}")
        for unit in units:
            marker = row_marker(flow.id, unit.row_key)
            found = sum(marker in text for text in ours)
            if markers[marker] == 1 and found != 1:
                self.duplicates += found > 1
                self.lost += found == 0
                self.problems.append(f"{flow.kind} flow {flow.id} rows {unit.rows}: {found} records carry {marker}")
        if len(ours) != len(units):
            self.problems.append(f"{flow.kind} flow {flow.id}: {len(ours)} records for {len(units)} units")

    def check_unique(self, what: str, values: Iterable[Any], twins: Mapping[Any, int] | None = None) -> None:
        """No value twice, unless the sheet has that many identical rows for it (`twins`)."""
        twins = twins or {}
        repeated = {value: n for value, n in Counter(values).items() if value and n > max(1, twins.get(value, 0))}
        if repeated:
            self.duplicates += len(repeated)
            self.problems.append(f"{what} repeated: {dict(list(repeated.items())[:5])}")

    def check_sales_log(self, flow: Flow, logged: Sequence[str], expected: Iterable[str]) -> None:
        """Each sale in the tab once, and every sale of `expected` (made by the run) there."""
        self.logged += len(logged)
        self.check_unique(f"sale logged by flow {flow.id}", logged)
        missing = set(expected) - set(logged)
        if missing:
            self.lost += len(missing)
            self.problems.append(f"sales log flow {flow.id}: {len(missing)} sales never logged, e.g. "
                                 f"{sorted(missing)[:3]}")


def audit_company(found: Audit, flows: Sequence[Flow], contaazul: SandboxServer,
                  sheets: SheetsSandboxServer | None = None, login: str = DEMO_EMAIL) -> Audit:
    """One company's flows against its records, then its natural keys; its sales logs (with
    `sheets`) against the sales its flows made. Adds to `found`, which it answers."""
    for flow in flows:
        if flow.kind != SALES_LOG:
            found.check_flow(flow, records_of(flow.kind, contaazul, login))
    sales = records_of("sale", contaazul, login)
    found.check_unique("sale number", (sale["numero"] for sale in sales))
    people = records_of("customer", contaazul, login)
    found.check_unique("CPF/CNPJ", (person["documento"] for person in people))
    found.check_unique("person name", (person["nome"] for person in people))
    identical = Counter(unit.draft.description for flow in flows if flow.kind == "payable"
                        for unit in sheet_units(flow)[0])
    found.check_unique("bill", (bill["descricao"] for bill in records_of("payable", contaazul, login)), identical)
    made = [sale["id"] for sale in sales if "[azulejo:" in str(sale.get("observacoes") or "")]
    for flow in flows:
        if flow.kind == SALES_LOG and sheets is not None:
            found.check_sales_log(flow, logged_sale_ids(sheets, flow), made)
    return found
