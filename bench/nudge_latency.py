"""How long from a filled trigger cell, plus the add-on's nudge, to the record in Conta Azul.

    .venv/bin/python -m bench.nudge_latency [--rows 100] [--gap 2.5] [--burst 30] [--burst-gap 0.2]
        [--contaazul-latency-ms 0] [--sheets-latency-ms 0] [--worker-idle-seconds 2]

Everything runs as in production (`tests/deployment.py`): `flask --app app db upgrade`, gunicorn
with gunicorn.conf.py and one `flask --app app worker`, as child processes, against both
stand-ins at their default limits. A person signs in with a Google ID token, connects Padaria
Aurora through Conta Azul's sign-in page, proves (as the add-on does) that they can edit the new
sheet, creates and enables a sale flow through the API, and then, like a person at the sheet:

1. steady: `--rows` rows, one every `--gap` seconds: the row's cells typed into the Sheets
   stand-in (USER_ENTERED, pt_BR), then its "Enviar?" cell, then the add-on's nudge
   (`POST /api/v1/hooks/nudge` with the row number), as the add-on's edit trigger sends it.
2. burst: a second person of the shop, on a sheet of their own, fills `--burst` rows
   `--burst-gap` seconds apart, each with its nudge.

The clock starts as the trigger cell is typed and stops when the sale is among the Conta Azul
stand-in's records (looked at in this process every 5 ms, never through our database). The
stand-ins answer in about a millisecond; `--contaazul-latency-ms` and `--sheets-latency-ms` make
every API call take that much longer, as over a real network. Prints median, p95 and max next to
the 5-15 minutes of the polling hubs, then one JSON line. Times are for people and trends, never
asserted.
"""
from __future__ import annotations

import argparse
import itertools
import json
import math
import threading
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import datetime
from typing import Any, Self

import httpx

from sandbox.contaazul import DEMO_EMAIL, DEMO_PASSWORD, SandboxServer
from sheets_addon.config import Settings
from sheets_addon.mapping.parsers.documents import Document
from tests.add_on import prove_access
from tests.deployment import Deployment

from . import sales_sheet

TAB = "Vendas"
HEADER = sales_sheet.HEADER[:-2] + ["Observações", "Enviar?", "Status Azulejo"]
MAPPING = {**sales_sheet.MAPPING, "notes": "Observações"}
TRIGGER_COLUMN = chr(ord("A") + HEADER.index("Enviar?"))
SECOND_PERSON = "caixa@padariaaurora.com.br"  # the shop's cashier: another Google account, the same company
AIM_P95_SECONDS = 5.0
POLLING_HUBS_SECONDS = (300, 900)  # the 5-15 minutes a polling integration hub waits between looks
SETTINGS = {field.name: field.default for field in fields(Settings)}
WAIT_AND_RUN = "wait: trigger cell typed -> the run that created its sale started; run: that start -> the sale."


@dataclass
class FilledRow:
    """One row as the person filled it: when its trigger cell was typed, and what the nudge got."""

    order: str
    filled: float        # perf_counter() as the trigger cell was typed
    filled_at: float     # the same moment, time.time(), to compare with the runs the worker recorded
    nudge_status: int
    seen: float | None = None  # perf_counter() when its sale was first among Conta Azul's records

    @property
    def latency(self) -> float | None:
        return None if self.seen is None else self.seen - self.filled

    @property
    def note(self) -> str:
        return sale_note(self.order)


def sale_note(order: str) -> str:
    """What the row's "Observações" says: the first line of its sale's notes, how the sale is known."""
    return f"Pedido {order} do balcão"


class Background:
    """`step()` every `interval` seconds, from a thread of its own, while in the `with` block."""

    def __init__(self, name: str, interval: float) -> None:
        self.interval = interval
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name=name, daemon=True)

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: Any) -> None:
        self._stop.set()
        self._thread.join()

    def step(self) -> None:
        raise NotImplementedError

    def _loop(self) -> None:
        while not self._stop.wait(self.interval):
            self.step()


class SaleWatch(Background):
    """Notes the moment each new sale appears among the Conta Azul stand-in's records, by its note,
    in the companies whose logins are `logins` (the demo company's by default)."""

    def __init__(self, contaazul: SandboxServer, interval: float = 0.005, logins: Sequence[str] = (DEMO_EMAIL,)) -> None:
        super().__init__("sale-watch", interval)
        self.world = contaazul.state
        self.companies = [contaazul.company(login).sales for login in logins]
        with self.world.lock:
            self._known = [len(sales) for sales in self.companies]
        self.seen: dict[str, float] = {}
        self.sales_by_note: Counter = Counter()

    def wait_for(self, notes: set[str], timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while not notes <= self.seen.keys() and time.monotonic() < deadline:
            time.sleep(0.05)

    def step(self) -> None:
        with self.world.lock:
            fresh = [list(itertools.islice(sales.values(), known, None))
                     for sales, known in zip(self.companies, self._known, strict=True)]
        now = time.perf_counter()
        self._known = [known + len(sales) for known, sales in zip(self._known, fresh, strict=True)]
        for sale in itertools.chain.from_iterable(fresh):
            note = str(sale.get("observacoes") or "").split("\n", 1)[0]
            self.seen.setdefault(note, now)
            self.sales_by_note[note] += 1


def main(argv: Sequence[str] | None = None) -> dict[str, Any]:
    options = _arguments(argv)
    settings = {name: SETTINGS[name] for name in ("WORKER_IDLE_SECONDS", "NUDGES_PER_MINUTE",
                                                  "CONTAAZUL_RATE_PER_SECOND", "CONTAAZUL_RATE_PER_MINUTE")}
    env = {}
    if options.worker_idle_seconds is not None:
        settings["WORKER_IDLE_SECONDS"] = options.worker_idle_seconds
        env["WORKER_IDLE_SECONDS"] = str(options.worker_idle_seconds)
    with Deployment(env=env) as deployment:
        shop = shop_catalogue(deployment.contaazul)
        deployment.contaazul.configure_faults(latency_ms=options.contaazul_latency_ms)
        deployment.sheets.configure_faults(latency_ms=options.sheets_latency_ms)
        phases = [fill_rows(deployment, shop, DEMO_EMAIL, "steady", options.rows, options.gap, options.patience)]
        if options.burst:
            phases.append(fill_rows(deployment, shop, SECOND_PERSON, "burst", options.burst, options.burst_gap,
                                    options.patience))
    results = {"bench": "nudge_latency", "aim_p95_seconds": AIM_P95_SECONDS,
               "polling_hubs_seconds": list(POLLING_HUBS_SECONDS),
               "settings": settings, "phases": phases,
               "latency_ms": {"contaazul": options.contaazul_latency_ms, "sheets": options.sheets_latency_ms}}
    print(report(results))
    print(json.dumps(results, ensure_ascii=False, sort_keys=True))
    return results


def fill_rows(deployment: Deployment, shop: tuple[list, list], email: str, name: str, rows: int, gap: float,
              patience: float) -> dict[str, Any]:
    """`email` connects the company, makes an enabled sale flow on a new sheet, and fills `rows` rows."""
    connection = deployment.connect_company(email, login=(DEMO_EMAIL, DEMO_PASSWORD))
    headers = deployment.signed_in(email)
    spreadsheet_id = deployment.sheets.create_spreadsheet(f"Vendas ({name})", {TAB: [HEADER]})
    with httpx.Client(base_url=deployment.url, headers=headers, timeout=30) as api:
        assert prove_access(api.post, {}, deployment.sheets.url, email, spreadsheet_id).status_code == 200
        flow_id = _enabled_flow(api, connection["id"], spreadsheet_id)
        _wait_for_runs(api, flow_id, 1, timeout=60)  # a new flow runs at once: it learns the sheet's layout
        contaazul_before, sheets_before = deployment.contaazul.stats(), deployment.sheets.stats()
        filled: list[FilledRow] = []
        with SaleWatch(deployment.contaazul) as watch:
            started = time.perf_counter()
            for index in range(rows):
                time.sleep(max(0.0, started + index * gap - time.perf_counter()))
                filled.append(_fill_row(deployment, api, spreadsheet_id, shop, name, index))
            watch.wait_for({row.note for row in filled}, timeout=patience)
        for row in filled:
            row.seen = watch.seen.get(row.note)
        duplicates = sum(watch.sales_by_note[row.note] - 1 for row in filled if row.seen is not None)
        runs = _runs_covering(api, flow_id, sum(row.seen is not None for row in filled))
    contaazul_after, sheets_after = deployment.contaazul.stats(), deployment.sheets.stats()
    return _phase(name, email, gap, filled, runs, duplicates=duplicates,
                  contaazul_calls=contaazul_after["requests"] - contaazul_before["requests"],
                  contaazul_throttled=contaazul_after["rate_limited"] - contaazul_before["rate_limited"],
                  sheets_calls=_total(sheets_after["by_method"]) - _total(sheets_before["by_method"]))


def _fill_row(deployment: Deployment, api: httpx.Client, spreadsheet_id: str, shop: tuple[list, list],
              name: str, index: int) -> FilledRow:
    """The person types the row, then "sim" under "Enviar?"; the add-on's edit trigger nudges."""
    clients, products = shop
    row_number, order = index + 2, f"{name[0].upper()}-{index + 1:04d}"
    client_name, document = clients[index % len(clients)]
    cells = [order, client_name, document, "20/11/2026", products[index % len(products)], "2", "R$ 18,90",
             "Pix", "À vista", "Vendas de Mercadorias"]
    deployment.sheets.type_cells(spreadsheet_id, f"{TAB}!A{row_number}", [cells + [sale_note(order)]])
    filled, filled_at = time.perf_counter(), time.time()
    deployment.sheets.type_cells(spreadsheet_id, f"{TAB}!{TRIGGER_COLUMN}{row_number}", [["sim"]])
    nudge = api.post("/api/v1/hooks/nudge", json={"spreadsheet_id": spreadsheet_id, "sheet": TAB,
                                                  "rows": [row_number]})
    return FilledRow(order, filled, filled_at, nudge.status_code)


def _enabled_flow(api: httpx.Client, connection_id: int, spreadsheet_id: str) -> int:
    answer = api.post("/api/v1/flows", json={
        "connection_id": connection_id, "name": "Vendas do balcão", "kind": "sale", "spreadsheet_id": spreadsheet_id,
        "worksheet": TAB, "trigger_column": "Enviar?", "status_column": "Status Azulejo", "mapping": MAPPING,
        "enabled": True})
    if answer.status_code != 201:
        raise RuntimeError(f"the flow was refused: {answer.text}")
    return answer.json()["id"]


def _wait_for_runs(api: httpx.Client, flow_id: int, count: int, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while api.get(f"/api/v1/flows/{flow_id}/runs").json()["total"] < count:
        if time.monotonic() > deadline:
            raise RuntimeError(f"the worker ran flow {flow_id} fewer than {count} times in {timeout:g} s")
        time.sleep(0.1)


def _runs_covering(api: httpx.Client, flow_id: int, created: int, timeout: float = 60) -> list[dict[str, Any]]:
    """The runs since the first (which ran before any row was filled), oldest first, once those
    recorded account for the `created` sales: the last run may still be writing statuses back."""
    deadline = time.monotonic() + timeout
    while True:
        runs = _runs(api, flow_id)[1:]
        if sum(run["counts"].get("created", 0) for run in runs) >= created or time.monotonic() > deadline:
            return runs
        time.sleep(0.2)


def _runs(api: httpx.Client, flow_id: int) -> list[dict[str, Any]]:
    """Every run of the flow, oldest first."""
    runs: list[dict[str, Any]] = []
    for page in itertools.count(1):
        answer = api.get(f"/api/v1/flows/{flow_id}/runs", params={"page": page, "per_page": 100}).json()
        runs += answer["runs"]
        if not answer["runs"] or len(runs) >= answer["total"]:
            break
    return runs[::-1]


def _phase(name: str, email: str, gap: float, filled: list[FilledRow], runs: list[dict[str, Any]], *,
           duplicates: int, contaazul_calls: int, contaazul_throttled: int, sheets_calls: int) -> dict[str, Any]:
    latencies = [row.latency for row in filled if row.latency is not None]
    waits, in_run = where_the_time_went(filled, runs)
    created = sum(run["counts"].get("created", 0) for run in runs)
    return {"phase": name, "person": email, "rows": len(filled), "gap_seconds": gap,
            "recorded": len(latencies), "missing": [row.order for row in filled if row.latency is None],
            "duplicates": duplicates, "created_by_runs": created,
            "nudges": dict(Counter(str(row.nudge_status) for row in filled)),
            "seconds": summary(latencies), "waited_for_a_run": summary(waits), "in_the_run": summary(in_run),
            "runs": len(runs), "runs_by_trigger": dict(Counter(run["trigger"] for run in runs)),
            "rows_per_run": round(created / len(runs), 2) if runs else None,
            "run_seconds": summary([run["duration_ms"] / 1000 for run in runs]),
            "contaazul_calls_per_row": round(contaazul_calls / len(filled), 2) if filled else None,
            "contaazul_throttled": contaazul_throttled,
            "sheets_calls_per_run": round(sheets_calls / len(runs), 2) if runs else None}


def where_the_time_went(filled: list[FilledRow], runs: list[dict[str, Any]]) -> tuple[list[float], list[float]]:
    """Per recorded row: from its trigger cell to the start of the run that created its sale, and
    from that start to the sale (the run is the one under way when the sale appeared)."""
    spans = [(_epoch(run["started_at"]), _epoch(run["finished_at"])) for run in runs]
    waits, in_run = [], []
    for row in filled:
        if row.latency is None:
            continue
        seen_at = row.filled_at + row.latency
        started = next((start for start, end in reversed(spans) if start <= seen_at <= end + 0.05), None)
        if started is not None:
            waits.append(max(0.0, started - row.filled_at))
            in_run.append(seen_at - max(started, row.filled_at))
    return waits, in_run


def _epoch(stamp: str) -> float:
    return datetime.fromisoformat(stamp).timestamp()


def summary(values: Sequence[float]) -> dict[str, float] | None:
    if not values:
        return None
    ordered = sorted(values)
    return {"median": round(percentile(ordered, 0.5), 3), "p95": round(percentile(ordered, 0.95), 3),
            "max": round(ordered[-1], 3)}


def percentile(ordered: Sequence[float], share: float) -> float:
    """The nearest-rank percentile of sorted values: the smallest one at least `share` of them reach."""
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def shop_catalogue(contaazul: SandboxServer) -> tuple[list[tuple[str, str]], list[str]]:
    """The demo company's active clients (name, CPF/CNPJ as typed) and product codes."""
    company = contaazul.company()
    with contaazul.state.lock:
        people, products = list(company.people.values()), list(company.products.values())
    clients = [(p["nome"], Document(p["documento"]).formatted) for p in people
               if p.get("ativo") and "Cliente" in p.get("perfis", ()) and p.get("documento")]
    return clients, [p["codigo_sku"] for p in products if p.get("ativo") and p.get("codigo_sku")][:5]


def _total(by_method: dict[str, int]) -> int:
    return sum(by_method.values())


def report(results: dict[str, Any]) -> str:
    """The numbers for a person; the JSON line that follows has every detail."""
    settings, latency = results["settings"], results["latency_ms"]
    lines = [f"Nudge to record, sale flow: gunicorn (gunicorn.conf.py) + one worker (idle wait "
             f"{settings['WORKER_IDLE_SECONDS']:g} s), Conta Azul at {settings['CONTAAZUL_RATE_PER_SECOND']}/s, "
             f"nudges {settings['NUDGES_PER_MINUTE']}/min per person; added latency per call: "
             f"Conta Azul {latency['contaazul']} ms, Sheets {latency['sheets']} ms",
             f"{'phase':<7} {'rows':>4} {'gap s':>5} {'nudged':>6} {'429':>4} {'missing':>7} {'twice':>5} | {'median s':>8} "
             f"{'p95 s':>6} {'max s':>6} | {'wait p95':>8} {'run p95':>7} | {'runs':>4} {'rows/run':>8}"]
    for phase in results["phases"]:
        seconds, waits, in_run = (phase[key] or {} for key in ("seconds", "waited_for_a_run", "in_the_run"))
        lines.append(f"{phase['phase']:<7} {phase['rows']:>4} {phase['gap_seconds']:>5g} "
                     f"{phase['nudges'].get('202', 0):>6} {phase['nudges'].get('429', 0):>4} "
                     f"{len(phase['missing']):>7} {phase['duplicates']:>5} | {shown(seconds.get('median')):>8} {shown(seconds.get('p95')):>6} "
                     f"{shown(seconds.get('max')):>6} | {shown(waits.get('p95')):>8} {shown(in_run.get('p95')):>7} | "
                     f"{phase['runs']:>4} {shown(phase['rows_per_run']):>8}")
    steady = results["phases"][0]["seconds"]
    low, high = results["polling_hubs_seconds"]
    if steady:
        lines.append(f"aim: p95 under {results['aim_p95_seconds']:g} s "
                     f"({'met' if steady['p95'] < results['aim_p95_seconds'] else 'NOT met'} by the steady rows); "
                     f"polling hubs: {low // 60}-{high // 60} min, {low / steady['p95']:.0f}-{high / steady['p95']:.0f}x "
                     f"the steady p95")
    lines.append(WAIT_AND_RUN)
    return "\n".join(lines)


def shown(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def _arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.nudge_latency", description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=100, help="rows filled one at a time (default 100)")
    parser.add_argument("--gap", type=float, default=2.5,
                        help="seconds between two rows (default 2.5: 24 nudges a minute, under the 30 allowed)")
    parser.add_argument("--burst", type=int, default=30, help="rows of the burst, 0 for none (default 30)")
    parser.add_argument("--burst-gap", type=float, default=0.2, help="seconds between two burst rows (default 0.2)")
    parser.add_argument("--contaazul-latency-ms", type=int, default=0,
                        help="added to every Conta Azul API call (default 0)")
    parser.add_argument("--sheets-latency-ms", type=int, default=0, help="added to every Sheets API call (default 0)")
    parser.add_argument("--worker-idle-seconds", type=float, default=None,
                        help="the worker's WORKER_IDLE_SECONDS (default: the setting's default)")
    parser.add_argument("--patience", type=float, default=330,
                        help="how long to wait for the last sales (default 330 s: past the 300 s poll interval)")
    return parser.parse_args(argv)


if __name__ == "__main__":
    main()
