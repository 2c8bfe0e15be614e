"""The sales log benchmark, run tiny: it prints its tables and JSON line, and the request
counts per poll hold (counts only; its durations are never asserted)."""
from __future__ import annotations

import json

from bench.sales_to_sheet import main


def test_the_sales_log_benchmark_prints_its_numbers_and_a_poll_costs_one_append(capsys):
    main(["--sizes", "1,15", "--backfill", "40", "--rate-scale", "20"])
    table, json_line = capsys.readouterr().out.rstrip("\n").rsplit("\n", 1)

    assert "Sheets API requests per poll" in table and "Backfill of" in table
    results = json.loads(json_line)
    for poll in results["polls"]:
        assert poll["appended"] == poll["new_sales"]
        assert poll["new_poll"] == {"values.batchGet": 1, "values.append": 1}
        assert poll["updated"] == min(10, poll["new_sales"])
        assert poll["keep_current_poll"] == {"values.batchGet": 1, "values.batchUpdate": 1}
    backfill = results["backfill"]
    assert backfill["appended"] == backfill["sales"] >= 40 and backfill["appends"] == backfill["polls"] == 1
