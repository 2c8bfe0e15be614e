"""One greedy tenant and nine normal ones on one service account: how much longer a normal tenant's
row takes from its nudge to its record in Conta Azul when the greedy one is there.

    .venv/bin/python -m bench.fair_share [--normal 9] [--rows 6] [--gap 30] [--greedy-flows 40]
        [--greedy-nudge-gap 2] [--patience 330]

Everything runs as in production (`tests/deployment.py`): `flask --app app db upgrade`, gunicorn
with gunicorn.conf.py and one `flask --app app worker`, as child processes on SQLite, against both
stand-ins at their default limits: the Sheets stand-in holds the backend's one service account to
Google's 60 reads and 60 writes a minute, which every tenant's sheets share. Each tenant is a
person (a Google account) with a Conta Azul company of their own, connected through Conta Azul's
sign-in page and gunicorn's callback, and a sale flow on a sheet of their own, stored as
`flows import` stores it.

1. alone: the `--normal` tenants each fill `--rows` rows, one every `--gap` seconds, their
   schedules spread over the gap; each row is typed into the Sheets stand-in, then "sim" under
   "Enviar?", then the add-on's nudge, as in `bench.nudge_latency`.
2. with the greedy tenant: a tenant with `--greedy-flows` flows on one tab nudges it every
   `--greedy-nudge-gap` seconds (its nudge limit allows one every 2 s), so every one of its flows is
   due again and again, more than the service account's minute holds; once each of them ran, the
   normal tenants fill the same number of rows again.

The clock starts as the trigger cell is typed and stops when the sale is among the Conta Azul
stand-in's records (looked at every 5 ms in this process). Prints the normal tenants' median, p95
and max in each phase, the ratio of the p95s, the service account's Sheets requests and Google's
429s, then one JSON line. Times are for people and trends, never asserted.
"""
from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from collections.abc import Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from typing import Any

import httpx
from cryptography.fernet import Fernet
from flask import Flask
from sqlalchemy import func, select

from app import create_app
from sheets_addon.db import get_session
from sheets_addon.models import ContaAzulConnection, FlowRun
from sheets_addon.sync.runs import run_json
from tests import wiring
from tests.deployment import Deployment

from .nudge_latency import (HEADER, MAPPING, SETTINGS, TAB, TRIGGER_COLUMN, WAIT_AND_RUN, Background, FilledRow,
                            SaleWatch, sale_note, shop_catalogue, shown, summary, where_the_time_went)

READS = ("spreadsheets.get", "values.get", "values.batchGet")  # the Sheets stand-in's read methods


@dataclass
class Tenant:
    """A person with a company, a sheet and flows of their own, signed in through `api`."""

    name: str
    person: str
    login: str
    spreadsheet_id: str
    api: httpx.Client
    flow_ids: list[int] = field(default_factory=list)
    rows: int = 0  # rows filled so far, below the header


def main(argv: Sequence[str] | None = None) -> dict[str, Any]:
    options = _arguments(argv)
    key = Fernet.generate_key().decode()
    with Deployment(env={"TOKEN_ENCRYPTION_KEY": key}) as deployment, ExitStack() as stack:
        backend = create_app({**wiring.backend_config(deployment.environment["DATABASE_URL"], deployment.contaazul,
                                                      deployment.sheets),
                              "INSTANCE_PATH": str(deployment.workdir / "instance"), "TOKEN_ENCRYPTION_KEY": key})
        stack.enter_context(backend.app_context())
        shop = shop_catalogue(deployment.contaazul)
        normal = [_tenant(deployment, stack, f"loja{n + 1}", flows=1) for n in range(options.normal)]
        _wait_for_runs(normal, options.patience)
        alone = _fill_phase(deployment, normal, shop, "alone", options)
        greedy = _tenant(deployment, stack, "atacado", flows=options.greedy_flows)
        with GreedyNudger(greedy, options.greedy_nudge_gap) as nudger:
            _wait_for_runs([greedy], options.patience)
            with_greedy = _fill_phase(deployment, normal, shop, "with greedy", options, greedy)
        with_greedy["greedy_nudges"] = dict(nudger.answers)
    results = {"bench": "fair_share", "normal_tenants": options.normal, "greedy_flows": options.greedy_flows,
               "rows_per_tenant": options.rows, "gap_seconds": options.gap,
               "greedy_nudge_gap_seconds": options.greedy_nudge_gap,
               "settings": {name: SETTINGS[name] for name in ("SHEETS_READS_PER_MINUTE", "SHEETS_WRITES_PER_MINUTE",
                                                              "NUDGES_PER_MINUTE", "WORKER_IDLE_SECONDS")},
               "phases": [alone, with_greedy], "p95_ratio": _ratio(alone, with_greedy)}
    print(report(results))
    print(json.dumps(results, ensure_ascii=False, sort_keys=True))
    return results


def _tenant(deployment: Deployment, stack: ExitStack, name: str, flows: int) -> Tenant:
    """A person who connects a company of their own and has `flows` sale flows on one tab of one sheet."""
    login, person = f"financeiro@{name}.com.br", f"dona@{name}.com.br"
    deployment.contaazul.add_company(login, f"{name}-senha", f"{name.capitalize()} Ltda")
    connected = deployment.connect_company(person, login=(login, f"{name}-senha"))
    connection = get_session().get(ContaAzulConnection, connected["id"])
    spreadsheet_id = deployment.sheets.create_spreadsheet(f"Vendas ({name})", {TAB: [HEADER]})
    api = stack.enter_context(httpx.Client(base_url=deployment.url, headers=deployment.signed_in(person), timeout=60))
    tenant = Tenant(name, person, login, spreadsheet_id, api)
    tenant.flow_ids = [wiring.make_flow(connection, "sale", spreadsheet_id, MAPPING, worksheet=TAB).id
                       for _ in range(flows)]
    return tenant


def _fill_phase(deployment: Deployment, tenants: list[Tenant], shop: tuple[list, list], name: str,
                options: argparse.Namespace, greedy: Tenant | None = None) -> dict[str, Any]:
    """Every tenant fills `--rows` rows `--gap` apart, their schedules spread over the gap."""
    schedule = sorted((index * options.gap + number * options.gap / len(tenants), number, index)
                      for number in range(len(tenants)) for index in range(options.rows))
    sheets_before, runs_before = deployment.sheets.stats(), _runs_of(greedy)
    by_tenant: dict[int, list[FilledRow]] = {number: [] for number in range(len(tenants))}
    with SaleWatch(deployment.contaazul, logins=[tenant.login for tenant in tenants]) as watch:
        started = time.perf_counter()
        for offset, number, _index in schedule:
            time.sleep(max(0.0, started + offset - time.perf_counter()))
            by_tenant[number].append(_fill_row(deployment, tenants[number], shop, name))
        filled = [row for rows in by_tenant.values() for row in rows]
        watch.wait_for({row.note for row in filled}, timeout=options.patience)
        minutes = (time.perf_counter() - started) / 60
    for row in filled:
        row.seen = watch.seen.get(row.note)
    sheets = _sheets_requests(sheets_before, deployment.sheets.stats())
    latencies = [row.latency for row in filled if row.latency is not None]
    waits, in_run = _where_the_time_went(tenants, by_tenant)
    return {"phase": name, "rows": len(filled), "recorded": len(latencies),
            "missing": [row.order for row in filled if row.latency is None],
            "duplicates": sum(watch.sales_by_note[row.note] - 1 for row in filled if row.seen is not None),
            "nudges": dict(Counter(str(row.nudge_status) for row in filled)), "seconds": summary(latencies),
            "waited_for_a_run": summary(waits), "in_the_run": summary(in_run),
            "minutes": round(minutes, 2), **sheets, "greedy_runs": _runs_of(greedy) - runs_before}


def _where_the_time_went(tenants: list[Tenant], by_tenant: dict[int, list[FilledRow]]) -> tuple[list, list]:
    """Per recorded row: from its trigger cell to the start of the run of its tenant's flow that
    created its sale, and from that start to the sale (`bench.nudge_latency.where_the_time_went`)."""
    session = get_session()
    session.rollback()
    waits, in_run = [], []
    for number, rows in by_tenant.items():
        runs = [run_json(run) for run in session.scalars(select(FlowRun).where(
            FlowRun.flow_id.in_(tenants[number].flow_ids)).order_by(FlowRun.started_at))]
        tenant_waits, tenant_in_run = where_the_time_went(rows, runs)
        waits += tenant_waits
        in_run += tenant_in_run
    return waits, in_run


def _fill_row(deployment: Deployment, tenant: Tenant, shop: tuple[list, list], phase: str) -> FilledRow:
    """The tenant types a row, then "sim" under "Enviar?"; the add-on's edit trigger nudges."""
    clients, products = shop
    tenant.rows += 1
    row_number, order = tenant.rows + 1, f"{tenant.name}-{phase[0]}-{tenant.rows:03d}"
    client_name, document = clients[tenant.rows % len(clients)]
    cells = [order, client_name, document, "20/11/2026", products[tenant.rows % len(products)], "2", "R$ 18,90",
             "Pix", "À vista", "Vendas de Mercadorias", sale_note(order)]
    deployment.sheets.type_cells(tenant.spreadsheet_id, f"{TAB}!A{row_number}", [cells])
    filled, filled_at = time.perf_counter(), time.time()
    deployment.sheets.type_cells(tenant.spreadsheet_id, f"{TAB}!{TRIGGER_COLUMN}{row_number}", [["sim"]])
    nudge = tenant.api.post("/api/v1/hooks/nudge", json={"spreadsheet_id": tenant.spreadsheet_id, "sheet": TAB,
                                                         "rows": [row_number]})
    return FilledRow(order, filled, filled_at, nudge.status_code)


class GreedyNudger(Background):
    """The greedy tenant's add-on, nudging its tab every `gap` seconds; `answers` counts the statuses."""

    def __init__(self, tenant: Tenant, gap: float) -> None:
        super().__init__("greedy-nudger", gap)
        self.tenant, self.answers = tenant, Counter()

    def step(self) -> None:
        body = {"spreadsheet_id": self.tenant.spreadsheet_id, "sheet": TAB}
        try:
            self.answers[str(self.tenant.api.post("/api/v1/hooks/nudge", json=body).status_code)] += 1
        except httpx.TransportError:  # gunicorn closed the kept-alive connection (2 s) as it was reused
            self.answers["connection closed"] += 1


def _wait_for_runs(tenants: list[Tenant], timeout: float) -> None:
    """Until every flow of theirs ran once (a new flow's first run learns the sheet's layout)."""
    flow_ids = {flow_id for tenant in tenants for flow_id in tenant.flow_ids}
    deadline = time.monotonic() + timeout
    while True:
        session = get_session()
        session.rollback()  # see what the worker committed since
        ran = set(session.scalars(select(FlowRun.flow_id).where(FlowRun.flow_id.in_(flow_ids))))
        if ran >= flow_ids:
            return
        if time.monotonic() > deadline:
            raise RuntimeError(f"{len(flow_ids - ran)} flows never ran in {timeout:g} s")
        time.sleep(0.5)


def _runs_of(tenant: Tenant | None) -> int:
    if tenant is None:
        return 0
    session = get_session()
    session.rollback()
    return session.scalar(select(func.count()).where(FlowRun.flow_id.in_(tenant.flow_ids))) or 0


def _sheets_requests(before: dict[str, Any], after: dict[str, Any]) -> dict[str, int]:
    """The service account's Sheets requests between two looks at the stand-in, and its 429s."""
    methods = Counter(after["by_method"]) - Counter(before["by_method"])
    reads = sum(count for method, count in methods.items() if method in READS)
    return {"sheets_reads": reads, "sheets_writes": sum(methods.values()) - reads,
            "sheets_429": after["quota_exceeded"] - before["quota_exceeded"]}


def _ratio(alone: dict[str, Any], with_greedy: dict[str, Any]) -> float | None:
    if not alone["seconds"] or not with_greedy["seconds"]:
        return None
    return round(with_greedy["seconds"]["p95"] / alone["seconds"]["p95"], 2)


def report(results: dict[str, Any]) -> str:
    """The numbers for a person; the JSON line that follows has every detail."""
    settings = results["settings"]
    lines = [f"Fair share of one service account ({settings['SHEETS_READS_PER_MINUTE']} reads, "
             f"{settings['SHEETS_WRITES_PER_MINUTE']} writes a minute): {results['normal_tenants']} normal tenants, "
             f"{results['rows_per_tenant']} rows each, one every {results['gap_seconds']:g} s; the greedy tenant: "
             f"{results['greedy_flows']} flows on one tab, nudged every {results['greedy_nudge_gap_seconds']:g} s",
             f"{'phase':<12} {'rows':>4} {'missing':>7} {'twice':>5} | {'median s':>8} {'p95 s':>6} {'max s':>6} | "
             f"{'wait p95':>8} {'run p95':>7} | {'minutes':>7} {'reads':>5} {'writes':>6} {'429':>4} | "
             f"{'greedy runs':>11}"]
    for phase in results["phases"]:
        seconds, waits, in_run = (phase[key] or {} for key in ("seconds", "waited_for_a_run", "in_the_run"))
        lines.append(f"{phase['phase']:<12} {phase['rows']:>4} {len(phase['missing']):>7} {phase['duplicates']:>5} | "
                     f"{shown(seconds.get('median')):>8} {shown(seconds.get('p95')):>6} "
                     f"{shown(seconds.get('max')):>6} | {shown(waits.get('p95')):>8} {shown(in_run.get('p95')):>7} | "
                     f"{phase['minutes']:>7.2f} {phase['sheets_reads']:>5} "
                     f"{phase['sheets_writes']:>6} {phase['sheets_429']:>4} | {phase['greedy_runs']:>11}")
    ratio = results["p95_ratio"]
    lines.append(f"normal tenants' p95 with the greedy tenant / alone: {shown(ratio)}x")
    lines.append(WAIT_AND_RUN)
    return "\n".join(lines)


def _arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.fair_share", description=__doc__.split("\n")[0])
    parser.add_argument("--normal", type=int, default=9, help="normal tenants (default 9)")
    parser.add_argument("--rows", type=int, default=6, help="rows each normal tenant fills per phase (default 6)")
    parser.add_argument("--gap", type=float, default=30,
                        help="seconds between two rows of one tenant (default 30: 18 rows a minute from nine)")
    parser.add_argument("--greedy-flows", type=int, default=40, help="the greedy tenant's flows (default 40)")
    parser.add_argument("--greedy-nudge-gap", type=float, default=2,
                        help="seconds between the greedy tenant's nudges (default 2: its 30 a minute)")
    parser.add_argument("--patience", type=float, default=330,
                        help="how long to wait for runs and sales (default 330 s: past the 300 s poll interval)")
    return parser.parse_args(argv)


if __name__ == "__main__":
    main()
