"""How the Conta Azul → sheet sales log scales, measured against both stand-ins in one run.

    .venv/bin/python -m bench.sales_to_sheet [--sizes 1,100,1000] [--backfill 10000] [--rate-scale 10]

1. Sheets API requests per poll when 1, 100 and 1,000 sales are new (bound: one header read,
   one append), and when 10 logged sales changed with keep-current on (one read, one update batch).
2. A backfill of `--backfill` seeded sales with every predefined column (detail and items
   fetched per sale), at the stand-in's rate limit times `--rate-scale` with the client's limiter
   set the same: its duration as a multiple of the span the rate limit alone forces for the
   calls made.

Prints tables, then one JSON line. Durations are for people and trends, never asserted.
"""
from __future__ import annotations

import argparse
import json
import time
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from contaazul import RateLimit
from sandbox.contaazul import SandboxSettings
from sheets_addon.db import get_session
from sheets_addon.models import ContaAzulConnection, Flow
from tests import wiring

from .harness import Stage
from .sheet_to_contaazul import UNLIMITED, minimum_span

POLL_BOUND = 2


def main(argv: Sequence[str] | None = None) -> dict[str, Any]:
    options = _arguments(argv)
    results = {"bench": "sales_to_sheet", "poll_bound": POLL_BOUND,
               "polls": [requests_per_poll(size) for size in options.sizes],
               "backfill": backfill(options.backfill, options.rate_scale)}
    print(report(results))
    print(json.dumps(results, ensure_ascii=False, sort_keys=True))
    return results


def _poll(stage: Stage, flow_id: int) -> tuple[dict[str, Any], dict[str, int]]:
    """One poll in this process, and the Sheets API calls it made, by method."""
    stage.sheets.reset_stats()
    with stage.backend.app.app_context():
        report = wiring.run_flow(get_session().get(Flow, flow_id)).as_dict()
    if report["problem"]:
        raise RuntimeError(f"the poll stopped: {report['problem']}")
    return report, stage.sheets.stats()["by_method"]


def _new_log(stage: Stage, columns: list[str] | None, options: dict[str, Any]) -> int:
    spreadsheet_id = stage.sheets.create_spreadsheet("Registro de vendas", {"Vendas": []})
    with stage.backend.app.app_context():
        connection = get_session().get(ContaAzulConnection, stage.backend.connection_id)
        return wiring.make_sales_log(connection, spreadsheet_id, columns=columns, options=options).id


def _sold_now(stage: Stage, count: int) -> list[str]:
    """`count` sales that, to the poll, were just made: seeded, then stamped with the stand-in's now."""
    ids = stage.contaazul.seed("sales", count)
    world = stage.contaazul.state
    with world.lock:
        for sale_id in ids:
            stage.contaazul.company().sales[sale_id]["data_alteracao"] = world.now()
    return ids


def requests_per_poll(size: int) -> dict[str, Any]:
    """A poll logging `size` new sales, then one keeping 10 of them current (Conta Azul unthrottled)."""
    with Stage(SandboxSettings(rate_per_second=0, rate_per_minute=0), UNLIMITED) as stage:
        flow_id = _new_log(stage, None, {"keep_current": True})
        _poll(stage, flow_id)                      # the demo company's own sales, and the header
        ids = _sold_now(stage, size)
        new, new_calls = _poll(stage, flow_id)
        stage.contaazul.advance_clock(2)
        for sale_id in ids[:10]:
            was = stage.contaazul.company().sales[sale_id]["situacao"]
            stage.contaazul.change_sale_situation(sale_id, "APROVADO" if was == "CANCELADO" else "CANCELADO")
        changed, changed_calls = _poll(stage, flow_id)
    return {"new_sales": size, "appended": new["appended"], "new_poll": new_calls,
            "updated": changed["updated"], "keep_current_poll": changed_calls}


def backfill(count: int, rate_scale: int) -> dict[str, Any]:
    """`count` seeded sales logged from scratch with every predefined column, at a scaled rate limit."""
    stand_in = SandboxSettings()
    per_second, per_minute = stand_in.rate_per_second * rate_scale, stand_in.rate_per_minute * rate_scale
    settings = SandboxSettings(rate_per_second=per_second, rate_per_minute=per_minute)
    with Stage(settings, RateLimit(per_second=per_second, per_minute=per_minute)) as stage:
        stage.contaazul.seed("sales", count)
        logged = len(stage.contaazul.company().sales)
        flow_id = _new_log(stage, None, {"start_date": (date.today() - timedelta(days=400)).isoformat()})
        time.sleep(1.0)  # the setup's calls leave the stand-in's 1-second window
        before, started, reports, appends = stage.contaazul.stats(), time.perf_counter(), [], 0
        while not reports or reports[-1]["more"]:
            report, calls = _poll(stage, flow_id)
            reports.append(report)
            appends += calls.get("values.append", 0)
        seconds = time.perf_counter() - started
        after = stage.contaazul.stats()
    calls = after["requests"] - before["requests"]
    span = minimum_span(calls, per_second, per_minute)
    return {"sales": logged, "appended": sum(r["appended"] for r in reports), "polls": len(reports),
            "appends": appends, "calls": calls, "rate_limited": after["rate_limited"] - before["rate_limited"],
            "limit": {"per_second": per_second, "per_minute": per_minute}, "seconds": round(seconds, 2),
            "rate_limit_floor_seconds": span, "multiple_of_floor": round(seconds / span, 2) if span else None}


def report(results: dict[str, Any]) -> str:
    """The numbers for a person; the JSON line that follows has every detail."""
    lines = ["Sheets API requests per poll, sales log (new sales: header read + 1 append; "
             "kept current: read + 1 update batch)",
             f"{'new sales':>9} {'appended':>8} | {'new poll':>8} {'appends':>7} | "
             f"{'updated':>7} {'keep-current poll':>17}"]
    for poll in results["polls"]:
        lines.append(f"{poll['new_sales']:>9,} {poll['appended']:>8,} | {sum(poll['new_poll'].values()):>8} "
                     f"{poll['new_poll'].get('values.append', 0):>7} | {poll['updated']:>7} "
                     f"{sum(poll['keep_current_poll'].values()):>17}")
    out = results["backfill"]
    lines += ["", f"Backfill of {out['sales']:,} sales, every predefined column, at "
                  f"{out['limit']['per_second']}/s, {out['limit']['per_minute']}/min",
              f"{'polls':>5} {'appends':>7} {'calls':>7} {'429s':>5} {'seconds':>8} | {'floor s':>8} {'multiple':>8}",
              f"{out['polls']:>5} {out['appends']:>7} {out['calls']:>7,} {out['rate_limited']:>5} "
              f"{out['seconds']:>8} | {out['rate_limit_floor_seconds']:>8} {out['multiple_of_floor']!s:>8}",
              "floor: the span the rate limit forces for the calls made, max((C-1) // per_second, "
              "60 * ((C-1) // per_minute)) s; multiple = measured / floor."]
    return "\n".join(lines)


def _sizes(text: str) -> list[int]:
    return [int(part) for part in text.split(",") if part.strip()]


def _arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.sales_to_sheet", description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=_sizes, default=[1, 100, 1_000],
                        help="new sales per poll (default 1,100,1000)")
    parser.add_argument("--backfill", type=int, default=10_000, help="sales to backfill (default 10000)")
    parser.add_argument("--rate-scale", type=int, default=10,
                        help="multiply Conta Azul's 10/s, 600/min by this, stand-in and client alike (default 10)")
    return parser.parse_args(argv)


if __name__ == "__main__":
    main()
