"""The sheet → Conta Azul benchmark, run tiny: it prints its tables and JSON line, and the
structural bound holds (counts only; its durations are never asserted)."""
from __future__ import annotations

import json

from bench.sheet_to_contaazul import STEADY_BOUND, main


def test_the_benchmark_prints_its_numbers_and_a_steady_cycle_costs_at_most_three_requests(capsys):
    main(["--sizes", "10,60", "--sales", "12"])
    table, json_line = capsys.readouterr().out.rstrip("\n").rsplit("\n", 1)

    assert "Sheets API requests per cycle" in table and "Memory of a steady cycle" in table
    assert "Sales into Conta Azul" in table and "ceiling:" in table
    results = json.loads(json_line)
    assert [sheet["rows"] for sheet in results["sheets"]] == [10, 60]
    for sheet in results["sheets"]:
        requests = sheet["requests"]
        assert sum(requests["first"].values()) <= STEADY_BOUND + 1  # the first cycle learns the layout
        assert sum(requests["steady"].values()) <= STEADY_BOUND
        assert sum(requests["steady_traced"].values()) <= STEADY_BOUND
        assert sheet["created"] == [sheet["mix"]["new"]] + [sheet["mix"]["ticked_per_cycle"]] * 2
    assert results["throughput"]["created"] == 12
