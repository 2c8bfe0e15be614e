"""How the sheet → Conta Azul cycle scales, measured against both stand-ins in one run.

    .venv/bin/python -m bench.sheet_to_contaazul [--sizes 10,1000,100000] [--sales 400]

1. Sheets API requests per cycle (the stand-in's `stats()["by_method"]`), first and steady
   cycles, for sheets of each size with a typical mix of rows; the bound is 3 per steady cycle.
2. Memory of a steady cycle, in the worker process that runs it, for each size.
3. Sales per minute into the Conta Azul stand-in at its default rate limit, with the client's
   default limiter, as a share of the most that limit allows for the calls made.

Prints tables, then one JSON line. Ratios come from this run; nothing is compared with a
stored baseline, so the numbers are for people and trends, not for assertions on time.
"""
from __future__ import annotations

import argparse
import json
import time
from collections.abc import Sequence
from typing import Any

from contaazul import RateLimit
from sandbox.contaazul import SandboxSettings

from .harness import MIB, CycleRun, Stage
from .sales_sheet import MAPPING, Mix, create_sales_sheet

STEADY_BOUND = 3
UNLIMITED = RateLimit(per_second=100_000, per_minute=6_000_000)
CEILING = ("ceiling: the limit lets call k (from 0) start no sooner than k // per_second seconds, nor k // per_minute\n"
           "minutes, after the first; so C calls span at least max((C-1) // per_second, 60 * ((C-1) // per_minute)) s.\n"
           "ceiling rows/min = rows / that span * 60; share = that span / the measured time of the cycles.\n"
           "C = every /v1 call the cycles made, as the stand-in counted them (lookups, 429s included);\n"
           "'at 1 call/row' takes C = rows instead: one POST /v1/venda per sale and nothing else.")


def main(argv: Sequence[str] | None = None) -> dict[str, Any]:
    options = _arguments(argv)
    results = {"bench": "sheet_to_contaazul", "steady_bound": STEADY_BOUND,
               "sheets": [sheet_cycles(size) for size in options.sizes],
               "throughput": sales_per_minute(options.sales)}
    print(report(results))
    print(json.dumps(results, ensure_ascii=False, sort_keys=True))
    return results


def sheet_cycles(size: int) -> dict[str, Any]:
    """A first cycle and two steady ones on a sheet of `size` rows (Conta Azul unthrottled here).

    The person ticks a few rows before each steady cycle. The first steady cycle gives the
    worker's resident memory; the second runs under tracemalloc, which inflates that.
    """
    with Stage(SandboxSettings(rate_per_second=0, rate_per_minute=0), UNLIMITED) as stage:
        sheet = create_sales_sheet(stage.sheets, stage.contaazul, Mix.typical(size))
        flow_id = stage.backend.new_flow(sheet.spreadsheet_id, MAPPING)
        first, first_run = _counted(stage, flow_id, trace_memory=False)
        sheet.tick_some(stage.sheets)
        steady, steady_run = _counted(stage, flow_id, trace_memory=False)
        sheet.tick_some(stage.sheets)
        traced, traced_run = _counted(stage, flow_id, trace_memory=True)
    mix = sheet.mix
    return {"rows": size,
            "mix": {"done": mix.done, "new": mix.new, "errors": mix.errors, "ticked_per_cycle": mix.per_cycle},
            "requests": {"first": first, "steady": steady, "steady_traced": traced},
            "created": [first_run.created, steady_run.created, traced_run.created],
            "seconds": {"first": round(first_run.seconds, 2), "steady": round(steady_run.seconds, 2)},
            "steady_peak_rss_growth_mib": round(steady_run.peak_rss_growth_bytes / MIB, 1),
            "steady_traced_peak_mib": round(traced_run.traced_peak_bytes / MIB, 1)}


def _counted(stage: Stage, flow_id: int, trace_memory: bool) -> tuple[dict[str, int], CycleRun]:
    """One cycle, and the Sheets API calls it made, by method."""
    stage.sheets.reset_stats()
    run = stage.backend.run(flow_id, trace_memory=trace_memory)
    if problem := run.reports[0]["problem"]:
        raise RuntimeError(f"the cycle stopped: {problem}")
    return stage.sheets.stats()["by_method"], run


def sales_per_minute(rows: int) -> dict[str, Any]:
    """New sale rows sent at the stand-in's default limit with the client's default limiter."""
    stand_in, client = SandboxSettings(), RateLimit()
    with Stage(stand_in, client) as stage:
        sheet = create_sales_sheet(stage.sheets, stage.contaazul, Mix.all_new(rows))
        flow_id = stage.backend.new_flow(sheet.spreadsheet_id, MAPPING)
        time.sleep(1.0)  # the setup's own call (this process's limiter) leaves the stand-in's 1-second window
        before = stage.contaazul.stats()
        run = stage.backend.run(flow_id, until_idle=True)
        after = stage.contaazul.stats()
    calls = after["requests"] - before["requests"]
    span = minimum_span(calls, stand_in.rate_per_second, stand_in.rate_per_minute)
    strict = minimum_span(rows, stand_in.rate_per_second, stand_in.rate_per_minute)
    return {"rows": rows, "created": run.created, "cycles": len(run.reports), "calls": calls,
            "calls_by_route": _delta(before["by_route"], after["by_route"]),
            "rate_limited": after["rate_limited"] - before["rate_limited"], "seconds": round(run.seconds, 2),
            "limit": {"per_second": stand_in.rate_per_second, "per_minute": stand_in.rate_per_minute},
            "client_limit": {"per_second": client.per_second, "per_minute": client.per_minute},
            "rows_per_minute": round(60 * run.created / run.seconds, 1),
            "ceiling_seconds": span, "ceiling_rows_per_minute": _per_minute(rows, span),
            "share_of_ceiling": _share(span, run.seconds),
            "share_at_one_call_per_row": _share(strict, run.seconds)}


def minimum_span(calls: int, per_second: int, per_minute: int) -> float:
    """The fewest seconds from the first call to the last that the limit allows for `calls` (0 = no limit)."""
    last = max(calls - 1, 0)
    return float(max(last // per_second if per_second else 0, 60 * (last // per_minute) if per_minute else 0))


def steady_within_bound(sheet: dict[str, Any]) -> bool:
    return all(_total(sheet["requests"][cycle]) <= STEADY_BOUND for cycle in ("steady", "steady_traced"))


def report(results: dict[str, Any]) -> str:
    """The numbers for a person; the JSON line that follows has every detail."""
    lines = [f"Sheets API requests per cycle, sale flow (bound: ≤ {STEADY_BOUND} per steady cycle)",
             f"{'rows':>9} {'done':>7} {'new':>4} {'errors':>6} {'ticked':>6} | {'first':>5} {'steady':>6}"
             f" {'steady':>6} {'≤ ' + str(STEADY_BOUND):>4} | {'first s':>7} {'steady s':>8}"]
    for sheet in results["sheets"]:
        mix, requests = sheet["mix"], sheet["requests"]
        lines.append(f"{sheet['rows']:>9,} {mix['done']:>7,} {mix['new']:>4} {mix['errors']:>6} "
                     f"{mix['ticked_per_cycle']:>6} | {_total(requests['first']):>5} {_total(requests['steady']):>6}"
                     f" {_total(requests['steady_traced']):>6} {'yes' if steady_within_bound(sheet) else 'NO':>4} |"
                     f" {sheet['seconds']['first']:>7} {sheet['seconds']['steady']:>8}")
    largest = max(results["sheets"], key=lambda sheet: sheet["rows"])
    lines += ["", "Memory of a steady cycle, in the worker process that runs it (MiB)",
              f"{'rows':>9} | {'tracemalloc peak':>16} {'peak RSS growth':>15}"]
    lines += [f"{sheet['rows']:>9,} | {sheet['steady_traced_peak_mib']:>16} {sheet['steady_peak_rss_growth_mib']:>15}"
              + ("   <- the largest sheet" if sheet is largest else "") for sheet in results["sheets"]]
    out = results["throughput"]
    limit, client = out["limit"], out["client_limit"]
    lines += ["", f"Sales into Conta Azul at its rate limit ({limit['per_second']}/s, {limit['per_minute']}/min), "
                  f"client limiter {client['per_second']}/s, {client['per_minute']}/min",
              f"{'rows':>9} {'calls':>6} {'429s':>5} {'seconds':>8} | {'rows/min':>8} {'ceiling':>8}"
              f" {'share':>6} {'at 1 call/row':>14}",
              f"{out['rows']:>9} {out['calls']:>6} {out['rate_limited']:>5} {out['seconds']:>8} | "
              f"{out['rows_per_minute']:>8} {_shown(out['ceiling_rows_per_minute']):>8} "
              f"{_percent(out['share_of_ceiling']):>6} {_percent(out['share_at_one_call_per_row']):>14}",
              CEILING]
    return "\n".join(lines)


def _delta(before: dict[str, int], after: dict[str, int]) -> dict[str, int]:
    return {key: after[key] - before.get(key, 0) for key in after if after[key] != before.get(key, 0)}


def _total(by_method: dict[str, int]) -> int:
    return sum(by_method.values())


def _per_minute(rows: int, seconds: float) -> float | None:
    return round(60 * rows / seconds, 1) if seconds else None


def _share(span: float, seconds: float) -> float | None:
    return round(span / seconds, 3) if span and seconds else None


def _shown(value: float | None) -> str:
    return "n/a" if value is None else f"{value:g}"


def _percent(share: float | None) -> str:
    return "n/a" if share is None else f"{share:.0%}"


def _sizes(text: str) -> list[int]:
    return [int(part) for part in text.split(",") if part.strip()]


def _arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.sheet_to_contaazul", description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=_sizes, default=[10, 1_000, 100_000],
                        help="sheet sizes in rows, comma-separated (default 10,1000,100000)")
    parser.add_argument("--sales", type=int, default=400,
                        help="new sale rows for the rows-per-minute measure (default 400: about 45 s)")
    return parser.parse_args(argv)


if __name__ == "__main__":
    main()
