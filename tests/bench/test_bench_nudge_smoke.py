"""The nudge latency benchmark, run tiny: gunicorn and a worker process come up, every filled row
becomes one sale, and the table and JSON line say so (counts only; durations are never asserted)."""
from __future__ import annotations

import json

from bench.nudge_latency import main


def test_the_nudge_benchmark_prints_its_numbers_and_every_row_becomes_a_sale(capsys):
    main(["--rows", "3", "--gap", "0.5", "--burst", "3", "--burst-gap", "0.1", "--patience", "60"])
    table, json_line = capsys.readouterr().out.rstrip("\n").rsplit("\n", 1)

    assert "Nudge to record" in table and "polling hubs" in table
    results = json.loads(json_line)
    assert [(phase["phase"], phase["rows"]) for phase in results["phases"]] == [("steady", 3), ("burst", 3)]
    for phase in results["phases"]:
        assert phase["recorded"] == phase["created_by_runs"] == phase["rows"]
        assert phase["missing"] == [] and phase["duplicates"] == 0
        assert phase["nudges"] == {"202": phase["rows"]}
        assert sum(phase["runs_by_trigger"].values()) == phase["runs"] >= 1
        seconds = phase["seconds"]
        assert 0 < seconds["median"] <= seconds["p95"] <= seconds["max"]
