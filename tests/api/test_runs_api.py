"""A flow's runs: every run now is recorded; newest first, a page at a time; only the owner sees them."""
from __future__ import annotations

from tests.api.test_connections import JOAO, connect  # noqa: F401  (the `connect` fixture)
from tests.api.test_flows_api import ana_connection, flow, sheet  # noqa: F401  (fixtures)


def test_run_now_is_recorded_and_runs_come_newest_first_a_page_at_a_time(api, signed_in, flow):
    headers = signed_in()
    for _ in range(3):
        assert api.post(f"/api/v1/flows/{flow['id']}/run", headers=headers).status_code == 200

    everything = api.get(f"/api/v1/flows/{flow['id']}/runs", headers=headers).json
    second_page = api.get(f"/api/v1/flows/{flow['id']}/runs?page=2&per_page=2", headers=headers).json

    assert everything["total"] == 3 and len(everything["runs"]) == 3
    first = everything["runs"][-1]
    assert (first["trigger"], first["counts"]["created"], first["counts"]["failed"]) == ("manual", 1, 1)
    assert first["problem"] is None and first["duration_ms"] >= 0
    assert [run["id"] for run in everything["runs"]] == sorted((run["id"] for run in everything["runs"]),
                                                               reverse=True)
    assert [run["id"] for run in second_page["runs"]] == [first["id"]]
    assert (second_page["page"], second_page["per_page"], second_page["total"]) == (2, 2, 3)


def test_someone_elses_runs_are_404_and_a_bad_page_is_422(api, signed_in, flow):
    api.post(f"/api/v1/flows/{flow['id']}/run", headers=signed_in())

    assert api.get(f"/api/v1/flows/{flow['id']}/runs", headers=signed_in(JOAO)).status_code == 404
    for query in ("page=0", "per_page=0", "per_page=101", "page=x"):
        answer = api.get(f"/api/v1/flows/{flow['id']}/runs?{query}", headers=signed_in())
        assert answer.status_code == 422, query
