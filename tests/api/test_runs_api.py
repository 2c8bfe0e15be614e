"""A flow's runs: every run now is recorded; newest first, a page at a time; only the owner sees them.
A run now (and `sync once`) takes the flow's lease: not while a worker runs the flow, but at once
when the run that held it was killed on this machine."""
from __future__ import annotations

import socket
import subprocess
import sys

from sqlalchemy import select

from sheets_addon import messages
from sheets_addon.db import get_engine, get_session
from sheets_addon.models import Flow, FlowRun, utcnow
from sheets_addon.sync.lease import process_space
from sheets_addon.sync.scheduling import claim
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


def lease_of(flow_id: int) -> tuple:
    session = get_session()
    held = session.execute(select(Flow.lease_owner, Flow.next_run_at, Flow.failures, Flow.nudged_at)
                           .where(Flow.id == flow_id)).one()
    session.rollback()
    return tuple(held)


def test_run_now_answers_409_while_a_worker_runs_the_flow_and_sync_once_fails(api, api_app, signed_in, flow):
    worker = "worker-host-b:4242:1a2b3c4d"  # a live worker on another machine
    assert claim(get_engine(), flow["id"], worker, utcnow(), lease_seconds=600)

    answer = api.post(f"/api/v1/flows/{flow['id']}/run", headers=signed_in())
    once = api_app.test_cli_runner().invoke(args=["sync", "once", str(flow["id"])])

    assert answer.status_code == 409 and answer.json["error"]["code"] == "flow_running"
    assert answer.json["error"]["message"] == messages.FLOW_RUNNING
    assert once.exit_code != 0 and f"flow {flow['id']} is running right now under {worker}" in once.output
    assert api.post(f"/api/v1/flows/{flow['id']}/preview", headers=signed_in()).status_code == 200  # no lease
    assert get_session().scalars(select(FlowRun).where(FlowRun.flow_id == flow["id"])).all() == []
    assert lease_of(flow["id"])[0] == worker


def test_a_run_in_another_container_with_the_same_hostname_is_not_judged_by_our_pids(api, signed_in, flow):
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True, check=True)
    other_container = f"{socket.gethostname()}:{int(gone.stdout)}:0badf00d-0badf00d"  # its pid: not ours to test
    assert claim(get_engine(), flow["id"], other_container, utcnow(), lease_seconds=600)

    answer = api.post(f"/api/v1/flows/{flow['id']}/run", headers=signed_in())

    assert answer.status_code == 409 and answer.json["error"]["code"] == "flow_running"
    assert lease_of(flow["id"])[0] == other_container


def test_run_now_takes_over_the_lease_of_a_run_killed_on_this_machine_and_leaves_the_schedule(
        api, signed_in, flow):
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True, check=True)
    killed_run = f"{socket.gethostname()}:{int(gone.stdout)}:{process_space()}-0badf00d"
    assert claim(get_engine(), flow["id"], killed_run, utcnow(), lease_seconds=600)
    _, next_run_at, failures, nudged_at = lease_of(flow["id"])

    answer = api.post(f"/api/v1/flows/{flow['id']}/run", headers=signed_in())

    assert answer.status_code == 200 and answer.json["problem"] is None
    assert lease_of(flow["id"]) == (None, next_run_at, failures, nudged_at)  # released; schedule untouched
