"""The scale-out benchmark, run tiny on the tests' PostgreSQL: real worker processes send every row,
and it prints its table and JSON line (counts only; its durations are never asserted)."""
from __future__ import annotations

import json

import pytest

from bench.scaleout import main

pytestmark = pytest.mark.postgresql


def test_the_scaleout_benchmark_sends_every_row_with_each_worker_count_and_prints_its_numbers(
        postgres_server, capsys):
    main(["--workers", "1,2", "--companies", "3", "--rows", "4", "--rate-per-second", "50"], server=postgres_server)
    table, json_line = capsys.readouterr().out.rstrip("\n").rsplit("\n", 1)

    assert "Rows per minute into Conta Azul" in table and "ceiling:" in table
    results = json.loads(json_line)
    assert [run["workers"] for run in results["runs"]] == [1, 2]
    for run in results["runs"]:
        assert run["rows"] == 12 and run["calls"] > 0 and run["rows_per_minute"] > 0
        assert run["ceiling_calls_per_second"] == min(run["workers"], 3) * 50
    assert results["runs"][0]["ratio_to_first"] == 1.0
