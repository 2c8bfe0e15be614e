"""The fair-share benchmark, run tiny: gunicorn and a worker process come up, two normal tenants fill
rows alone and then beside a greedy tenant's flows, every row becomes one sale, and the table and
JSON line say so (counts only; durations are never asserted)."""
from __future__ import annotations

import json

from bench.fair_share import main


def test_the_fair_share_benchmark_prints_its_numbers_and_every_row_becomes_a_sale(capsys):
    main(["--normal", "2", "--rows", "2", "--gap", "1", "--greedy-flows", "4", "--patience", "120"])
    table, json_line = capsys.readouterr().out.rstrip("\n").rsplit("\n", 1)

    assert "Fair share of one service account" in table and "with the greedy tenant / alone" in table
    results = json.loads(json_line)
    assert [(phase["phase"], phase["rows"]) for phase in results["phases"]] == [("alone", 4), ("with greedy", 4)]
    for phase in results["phases"]:
        assert phase["recorded"] == phase["rows"] and phase["missing"] == [] and phase["duplicates"] == 0
        assert phase["nudges"] == {"202": phase["rows"]}
        assert 0 < phase["seconds"]["median"] <= phase["seconds"]["p95"] <= phase["seconds"]["max"]
    alone, with_greedy = results["phases"]
    assert alone["greedy_runs"] == 0 and with_greedy["greedy_runs"] >= 0
    assert with_greedy["greedy_nudges"].get("202", 0) >= 1
    assert results["p95_ratio"] > 0
