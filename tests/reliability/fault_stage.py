"""The stage of a multi-worker run: several bakeries in the Conta Azul stand-in, each connected by
its own person, with a spreadsheet of customers, sales and payables tabs and a sales log, their
flows, the settings worker processes get, when the run has settled, and the audit of its end.

Shared by the fault tests (tests/reliability) and the scale-out benchmark (bench/scaleout.py), so
nothing here needs pytest. The stand-ins and the database are given; the stage adds companies.
The first company is the stand-in's demo bakery (Padaria Aurora), the others are added to it.
"""
from __future__ import annotations

import secrets
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.fernet import Fernet
from flask import Flask
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from app import create_app
from contaazul import RateLimit
from sandbox.contaazul import DEMO_EMAIL, DEMO_PASSWORD, SandboxServer
from sandbox.sheets import SheetsSandboxServer
from sheets_addon.db import get_session, reset_session
from sheets_addon.flows.spec import DEFAULT_STATUS_COLUMN
from sheets_addon.models import ContaAzulConnection, Flow, FlowRun
from sheets_addon.sales_log import SALES_LOG
from sheets_addon.sync import row_status
from tests import wiring
from tests.reliability.audit import Audit, audit_company, logged_sale_ids, records_of
from tests.reliability.bakery_sheets import TRIGGER, Bakery, Tab, customers_tab, payables_tab, sales_tab

SALES_LOG_TAB = "Registro de vendas"
SALES_LOG_COLUMNS = ["numero", "cliente", "situacao", "total", "id"]  # all from the search row: no detail calls
BAKERY_NAMES = ("Padaria Estrela", "Padaria Sol Nascente", "Panificadora Ipiranga", "Padaria Bela Vista",
                "Padaria Santa Luzia", "Panificadora Jardim", "Padaria Nova Aurora", "Padaria do Largo")
# A company's rows: a fifth customers, three fifths sales lines over its sales tabs, a fifth bills.
CUSTOMER_SHARE, SALES_SHARE = 0.2, 0.6


@dataclass
class Company:
    """One tenant: its Conta Azul login, the person who connected it, their spreadsheet and flows."""

    login: str
    password: str
    person: str
    tabs: list[Tab]
    spreadsheet_id: str
    sales_log: bool
    connection_id: int | None = None
    flow_ids: list[int] = field(default_factory=list)

    @property
    def rows(self) -> int:
        return sum(len(tab.rows) - 1 for tab in self.tabs)

    def flow_descriptions(self, poll_interval_seconds: int = 60) -> list[dict[str, Any]]:
        """Its flows as the flows API and `flows import` take them (without `connection_id`)."""
        options = {"poll_interval_seconds": poll_interval_seconds}
        flows: list[dict[str, Any]] = [
            {"name": tab.title, "kind": tab.kind, "spreadsheet_id": self.spreadsheet_id, "worksheet": tab.title,
             "trigger_column": TRIGGER, "mapping": dict(tab.mapping), "options": options, "enabled": True}
            for tab in self.tabs]
        if self.sales_log:
            flows.append({"name": SALES_LOG_TAB, "kind": SALES_LOG, "spreadsheet_id": self.spreadsheet_id,
                          "worksheet": SALES_LOG_TAB, "columns": SALES_LOG_COLUMNS, "options": options,
                          "enabled": True})
        return flows


def bakery_tabs(bakery: Bakery, rows: int, sales_tabs: int = 2) -> list[Tab]:
    """`rows` rows in all: customers, sales over `sales_tabs` tabs (neighbouring tabs share some new
    clients, so two workers may meet the same new client at once), and bills, a few of them twins."""
    customers = max(1, round(rows * CUSTOMER_SHARE))
    sales_lines = max(sales_tabs, round(rows * SALES_SHARE))
    twins = max(1, (rows - customers - sales_lines) // 25)
    bills = max(1, rows - customers - sales_lines - twins)
    clients = [bakery.party() for _ in range(6 * sales_tabs + 6)]
    tabs = [customers_tab(bakery, customers)]
    for number in range(sales_tabs):
        lines = sales_lines // sales_tabs + (number < sales_lines % sales_tabs)
        title = "Vendas" if number == 0 else f"Encomendas {number}"
        tabs.append(sales_tab(bakery, lines, new_clients=clients[6 * number:6 * number + 12], title=title))
    tabs.append(payables_tab(bakery, bills, twins=twins))
    return tabs


def backend_settings(database_url: str, contaazul: SandboxServer, sheets: SheetsSandboxServer, instance: Path,
                     client_rate_limit: RateLimit, **settings: Any) -> dict[str, Any]:
    """The backend's settings for the run (its own keys), which worker processes get as their
    environment (`tests.wiring.worker_environment`). `settings` add or override any."""
    return {**wiring.backend_config(database_url, contaazul, sheets, client_rate_limit),
            "INSTANCE_PATH": str(instance), "SECRET_KEY": secrets.token_urlsafe(24),
            "TOKEN_ENCRYPTION_KEY": Fernet.generate_key().decode(), "LOG_LEVEL": "INFO",
            "CONTAAZUL_PROTOCOL_POLL_SECONDS": 0.1, **settings}


class FaultStage:
    """Companies, sheets and flows for a run of the backend whose settings are `config`."""

    def __init__(self, config: Mapping[str, Any], contaazul: SandboxServer, sheets: SheetsSandboxServer) -> None:
        self.config, self.contaazul, self.sheets = dict(config), contaazul, sheets
        self.app: Flask = create_app(self.config)  # the test's own view of the backend: set-up, audits
        self.companies: list[Company] = []

    @classmethod
    def build(cls, database_url: str, contaazul: SandboxServer, sheets: SheetsSandboxServer, instance: Path, *,
              rate_per_second: int = 20, sheets_quota_per_minute: int = 0, **settings: Any) -> FaultStage:
        """A stage whose Conta Azul stand-in holds each company to `rate_per_second` calls (60 times
        that a minute), as each worker's own limiter does, and whose Sheets stand-in allows
        `sheets_quota_per_minute` reads and as many writes per user (0: none counted), the budget the
        backend shares between the flows' owners too. `settings` go to the backend (`backend_settings`)."""
        limit = RateLimit(per_second=rate_per_second, per_minute=60 * rate_per_second)
        contaazul.configure_rate_limit(per_second=limit.per_second, per_minute=limit.per_minute)
        sheets.configure_quotas(read_per_minute=sheets_quota_per_minute, write_per_minute=sheets_quota_per_minute)
        settings = {"SHEETS_READS_PER_MINUTE": sheets_quota_per_minute,
                    "SHEETS_WRITES_PER_MINUTE": sheets_quota_per_minute, **settings}
        return cls(backend_settings(database_url, contaazul, sheets, instance, limit, **settings), contaazul, sheets)

    @contextmanager
    def context(self) -> Iterator[None]:
        """The app's context, with a session dropped afterwards (a restarted database leaves none stale)."""
        with self.app.app_context():
            try:
                yield
            finally:
                reset_session()

    def add_company(self, rows: int, seed: int, sales_tabs: int = 2, sales_log: bool = True,
                    tabs: Callable[[Bakery, int], list[Tab]] | None = None) -> Company:
        """A bakery with `rows` rows to send (the demo one first, then new tenants of the stand-in),
        laid out by `tabs` (default `bakery_tabs`: customers, `sales_tabs` sales tabs, bills)."""
        index = len(self.companies)
        if index == 0:
            login, password, person = DEMO_EMAIL, DEMO_PASSWORD, DEMO_EMAIL
        else:
            name = BAKERY_NAMES[(index - 1) % len(BAKERY_NAMES)] + (f" {index}" if index > len(BAKERY_NAMES) else "")
            slug = name.lower().replace(" ", "")
            login, password, person = f"financeiro@{slug}.com.br", f"{slug}-{index}", f"dona@{slug}.com.br"
            self.contaazul.add_company(login, password, f"{name} Ltda")
        bakery = Bakery(seed * 1000 + index)
        laid_out = tabs(bakery, rows) if tabs else bakery_tabs(bakery, rows, sales_tabs)
        sheet = {tab.title: tab.rows for tab in laid_out} | ({SALES_LOG_TAB: []} if sales_log else {})
        spreadsheet_id = self.sheets.create_spreadsheet(f"Lançamentos {index + 1}", sheet)
        self.companies.append(Company(login, password, person, laid_out, spreadsheet_id, sales_log))
        return self.companies[-1]

    def connect(self, company: Company) -> None:
        """The company's person connects it through the stand-in's sign-in (in this process)."""
        with self.context():
            company.connection_id = wiring.connect_demo_company(self.contaazul, (company.login, company.password),
                                                                company.person).id

    def store_flows(self, company: Company, poll_interval_seconds: int = 60) -> None:
        """Its flows, stored as `flows import` stores them, enabled."""
        with self.context():
            connection = get_session().get(ContaAzulConnection, company.connection_id)
            company.flow_ids = [wiring.store_flow(connection, description).id
                                for description in company.flow_descriptions(poll_interval_seconds)]

    def set_up(self, companies: int, rows: int, seed: int, sales_tabs: int = 2, sales_log: bool = True,
               tabs: Callable[[Bakery, int], list[Tab]] | None = None) -> None:
        """`companies` bakeries sharing `rows` rows, connected, their flows stored."""
        for index in range(companies):
            share = rows // companies + (index < rows % companies)
            company = self.add_company(share, seed, sales_tabs, sales_log, tabs)
            self.connect(company)
            self.store_flows(company)

    def set_enabled(self, enabled: bool) -> None:
        """Switches every flow of the stage on or off at once (a benchmark's start line)."""
        with self.context():
            session = get_session()
            ids = [flow_id for company in self.companies for flow_id in company.flow_ids]
            session.execute(update(Flow).where(Flow.id.in_(ids)).values(enabled=enabled))
            session.commit()

    @property
    def rows(self) -> int:
        return sum(company.rows for company in self.companies)

    def flows_of(self, company: Company) -> list[Flow]:
        """Its flows as stored now (call inside `context()`)."""
        return list(get_session().scalars(select(Flow).where(Flow.id.in_(company.flow_ids)).order_by(Flow.id)))

    def open_rows(self) -> int:
        """Triggered rows whose status cell does not say ✔ yet, read as the person sees the sheet
        (the stand-in's own reads: they draw on no quota)."""
        count = 0
        for company in self.companies:
            for tab in company.tabs:
                rows = self.sheets.read(company.spreadsheet_id, f"'{tab.title}'")
                header = rows[0] if rows else []
                trigger = header.index(TRIGGER)
                status = header.index(DEFAULT_STATUS_COLUMN) if DEFAULT_STATUS_COLUMN in header else None
                for row in rows[1:]:
                    if len(row) > trigger and str(row[trigger]).strip():
                        text = str(row[status]) if status is not None and len(row) > status else ""
                        count += not text.startswith(row_status.DONE)
        return count

    def unlogged_sales(self) -> int:
        """Sales the run's flows made that a company's sales log does not show yet."""
        missing = 0
        with self.context():
            for company in self.companies:
                made = {sale["id"] for sale in records_of("sale", self.contaazul, company.login)
                        if "[azulejo:" in str(sale.get("observacoes") or "")}
                for flow in self.flows_of(company):
                    if flow.kind == SALES_LOG:
                        missing += len(made - set(logged_sale_ids(self.sheets, flow)))
        return missing

    def settled(self) -> bool:
        """Every row shows ✔ and every sale made is in its company's sales log."""
        return self.open_rows() == 0 and self.unlogged_sales() == 0

    def audit(self) -> Audit:
        """Every company's rows, records, natural keys and sales log (see tests/reliability/audit.py)."""
        found = Audit()
        with self.context():
            for company in self.companies:
                audit_company(found, self.flows_of(company), self.contaazul, self.sheets, company.login)
        return found

    def connections(self) -> list[ContaAzulConnection]:
        with self.context():
            return list(get_session().scalars(select(ContaAzulConnection).order_by(ContaAzulConnection.id)))

    def failed_runs(self) -> list[tuple[int, str]]:
        """(flow, problem) of every recorded run that failed or stopped on a problem."""
        with self.context():
            return [tuple(row) for row in get_session().execute(
                select(FlowRun.flow_id, FlowRun.problem).where(FlowRun.problem.is_not(None)).order_by(FlowRun.id))]

    def paused_flows(self) -> list[int]:
        """Flows switched off during the run (a refused refresh pauses its connection's flows)."""
        with self.context():
            ids = [flow_id for company in self.companies for flow_id in company.flow_ids]
            return list(get_session().scalars(select(Flow.id).where(Flow.id.in_(ids), Flow.enabled.is_(False))))


SUMMARIES: list[str] = []  # this session's summary lines, shown at its end (tests/conftest.py)


def summary(name: str, stage: FaultStage, found: Audit, seconds: float, **counts: Any) -> str:
    """The one line a fault run prints: what it sent, what it found, what was done to it. Kept in
    `SUMMARIES` too, since pytest shows nothing a passing test prints."""
    stats = stage.contaazul.stats()
    extra = " ".join(f"{key}={value}" for key, value in counts.items())
    line = (f"{name}: rows={found.rows} records={found.records} logged={found.logged} "
            f"duplicates={found.duplicates} lost={found.lost} {extra} 5xx_injected={stats['injected_errors']} "
            f"429s={stats['rate_limited']} calls={stats['requests']} runtime={seconds:.0f}s").replace("  ", " ")
    SUMMARIES.append(line)
    return line


def longest_run_seconds(session: Session) -> float:
    """The longest recorded run: a worker's lease must outlast it, or a flow could run twice at once."""
    return float(session.scalar(select(func.max(FlowRun.duration_ms))) or 0) / 1000
