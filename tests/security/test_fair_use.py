"""Issue 14, part 3: one tenant must not starve the others. With the service account every customer
shares its 60 Sheets reads and 60 writes a minute, the web threads and the worker; each test is a
greedy person's steps against them, through real HTTP against gunicorn (and a real worker process
where the worker is the subject) with both stand-ins, on SQLite and on PostgreSQL.

What is promised, in structural terms (never a duration: that is bench/fair_share.py's):
- each flood of spreadsheet info, preview, run now or connect starts meets 429 with Retry-After
  after the person's limit (exactly it on PostgreSQL, where every web process counts together; at
  most the web processes times it on SQLite), while another person is served;
- one flow past MAX_FLOWS_PER_USER answers 409;
- a request meeting Google's quota answers 503 with Retry-After after one refused request;
- in the worker, another person's nudged flow starts before the greedy person's second run started
  after the nudge (one worker; at most one greedy run per worker may already be under way), long
  before the greedy person's backlog drains, and the worker meets no 429 from Google on the way.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields
from typing import Any

import httpx
from cryptography.fernet import Fernet
from flask import Flask
from gspread.exceptions import APIError
from sqlalchemy import select

from app import create_app
from sandbox.contaazul import DEMO_EMAIL, DEMO_PASSWORD
from sheets_addon import messages
from sheets_addon.config import Settings, current_settings
from sheets_addon.db import get_session
from sheets_addon.google_access import sheets_client
from sheets_addon.models import ContaAzulConnection, FlowRun, utcnow
from tests import wiring
from tests.deployment import Deployment
from tests.pipeline.test_sales_pipeline import HEADER, MAPPING, sale_row
from tests.scaleout.workers import wait_until

GREEDY = "mallory@padariaestrela.com.br"
GREEDY_LOGIN = ("financeiro@padariaestrela.com.br", "estrela-1")
ANA = DEMO_EMAIL
WEB_PROCESSES = 2  # gunicorn.conf.py's WEB_CONCURRENCY
DEFAULTS = {field.name: field.default for field in fields(Settings)}


@dataclass
class Stage:
    """A deployment, and the test's own app on its database to store what a person set up before."""

    deployment: Deployment
    app: Flask
    postgresql: bool

    def api(self, email: str) -> httpx.Client:
        return httpx.Client(base_url=self.deployment.url, headers=self.deployment.signed_in(email), timeout=120)

    def connect(self, login: tuple[str, str], person: str) -> ContaAzulConnection:
        """`person` connects the stand-in's company of `login` (Conta Azul's sign-in, code, tokens)."""
        if login != (DEMO_EMAIL, DEMO_PASSWORD):
            self.deployment.contaazul.add_company(*login, "Padaria Estrela Ltda")
        return wiring.connect_demo_company(self.deployment.contaazul, login, person)

    def sheet(self, title: str, rows: list[list] | None = None) -> str:
        return self.deployment.sheets.create_spreadsheet(title, {"Vendas": [HEADER, *(rows or [])]})

    def sale_flow(self, connection: ContaAzulConnection, spreadsheet_id: str) -> int:
        return wiring.make_flow(connection, "sale", spreadsheet_id, MAPPING).id

    def runs(self) -> list[FlowRun]:
        session = get_session()
        session.rollback()  # see what the worker committed since
        return list(session.scalars(select(FlowRun).order_by(FlowRun.started_at, FlowRun.id)))

    def quota_refusals(self) -> int:
        return self.deployment.sheets.stats()["quota_exceeded"]


@contextmanager
def stage(database_url: str, *, worker: bool, **settings: Any) -> Iterator[Stage]:
    """gunicorn (and a worker when asked) on `database_url` with `settings`, both stand-ins."""
    key = Fernet.generate_key().decode()
    env = {"DATABASE_URL": database_url, "TOKEN_ENCRYPTION_KEY": key, **{k: str(v) for k, v in settings.items()}}
    with Deployment(worker=worker, env=env) as deployment:
        config = {**wiring.backend_config(database_url, deployment.contaazul, deployment.sheets),
                  "INSTANCE_PATH": str(deployment.workdir / "instance"), "TOKEN_ENCRYPTION_KEY": key, **settings}
        app = create_app(config)
        with app.app_context():
            yield Stage(deployment, app, database_url.startswith("postgresql"))


def flood(call: Callable[[], httpx.Response], limit: int) -> list[httpx.Response]:
    """The greedy person's loop: the same call until the first 429 (or more than any limit allows)."""
    answers: list[httpx.Response] = []
    while len(answers) <= limit * WEB_PROCESSES and (not answers or answers[-1].status_code != 429):
        answers.append(call())
    return answers


def assert_refused_after_the_limit(answers: list[httpx.Response], limit: int, postgresql: bool, what: str) -> None:
    served, refused = answers[:-1], answers[-1]
    assert refused.status_code == 429, f"{what}: {len(answers)} calls and no 429"
    wait = int(refused.headers["Retry-After"])
    assert 1 <= wait <= 60
    error = refused.json()["error"]
    if error["code"] == "too_many_requests":  # a person reads these: when to try again, in Portuguese
        assert f"Tente de novo em {wait} segundos" in error["message"]
    else:
        assert error == {"code": "too_many_nudges", "message": messages.HTTP_ERROR_MESSAGES[429]}  # the edit trigger's
    # every web process counts together on PostgreSQL; on SQLite each process counts its own
    assert len(served) == limit if postgresql else limit <= len(served) <= limit * WEB_PROCESSES, what
    assert all(answer.status_code != 429 for answer in served), what


def test_floods_of_info_preview_run_now_and_connect_starts_meet_429_while_another_person_is_served(database_url):
    with stage(database_url, worker=False, SHEETS_READS_PER_MINUTE=1000, SHEETS_WRITES_PER_MINUTE=1000) as s:
        s.deployment.sheets.configure_quotas(read_per_minute=1000, write_per_minute=1000)  # the limits are the subject
        greedy_sheet, anas_sheet = s.sheet("Vendas do Mallory"), s.sheet("Vendas da Ana")
        greedy_flow = s.sale_flow(s.connect(GREEDY_LOGIN, GREEDY), greedy_sheet)
        anas_flow = s.sale_flow(s.connect((DEMO_EMAIL, DEMO_PASSWORD), ANA), anas_sheet)
        starts = iter(["/api/v1/connections/contaazul/start", "/api/v1/connections/google/start"] * 100)
        calls = [  # what, the limit, the greedy person's call, the same call by Ana, what Ana gets
            ("spreadsheet info", DEFAULTS["SPREADSHEET_INFO_PER_MINUTE"], ("GET", f"/api/v1/spreadsheets/{greedy_sheet}"),
             ("GET", f"/api/v1/spreadsheets/{anas_sheet}"), 200),
            ("preview", DEFAULTS["PREVIEWS_PER_MINUTE"], ("POST", f"/api/v1/flows/{greedy_flow}/preview"),
             ("POST", f"/api/v1/flows/{anas_flow}/preview"), 200),
            ("run now", DEFAULTS["RUNS_NOW_PER_MINUTE"], ("POST", f"/api/v1/flows/{greedy_flow}/run"),
             ("POST", f"/api/v1/flows/{anas_flow}/run"), 200),
            ("connect starts", DEFAULTS["CONNECT_STARTS_PER_MINUTE"], None,
             ("POST", "/api/v1/connections/contaazul/start"), 201)]

        with s.api(GREEDY) as greedy, s.api(ANA) as ana:
            for what, limit, greedy_call, anas_call, served in calls:
                def call() -> httpx.Response:
                    method, path = greedy_call or ("POST", next(starts))  # both starts count together
                    return greedy.request(method, path)

                assert_refused_after_the_limit(flood(call, limit), limit, s.postgresql, what)
                assert ana.request(*anas_call).status_code == served, what


def test_the_nudge_limit_is_the_same_mechanism(database_url):
    with stage(database_url, worker=False) as s:
        greedy_sheet = s.sheet("Vendas do Mallory")
        s.sale_flow(s.connect(GREEDY_LOGIN, GREEDY), greedy_sheet)
        body = {"spreadsheet_id": greedy_sheet, "sheet": "Vendas"}
        with s.api(GREEDY) as greedy, s.api(ANA) as ana:
            answers = flood(lambda: greedy.post("/api/v1/hooks/nudge", json=body), DEFAULTS["NUDGES_PER_MINUTE"])
            assert_refused_after_the_limit(answers, DEFAULTS["NUDGES_PER_MINUTE"], s.postgresql, "nudges")
            assert ana.post("/api/v1/hooks/nudge", json=body).status_code == 202


def test_one_flow_past_the_cap_answers_409_in_portuguese(database_url):
    with stage(database_url, worker=False, MAX_FLOWS_PER_USER=3) as s:
        connection = s.connect(GREEDY_LOGIN, GREEDY)
        sheet = s.sheet("Vendas do Mallory")
        flows = [s.sale_flow(connection, sheet) for _ in range(3)]
        with s.api(GREEDY) as greedy:
            assert greedy.post(f"/api/v1/flows/{flows[0]}/pause").status_code == 200  # a paused flow counts too
            one_more = greedy.post("/api/v1/flows", json={
                "connection_id": connection.id, "name": "Mais um", "kind": "sale", "spreadsheet_id": sheet,
                "worksheet": "Vendas", "trigger_column": "Enviar?", "mapping": MAPPING, "enabled": True})
            listed = greedy.get("/api/v1/flows").json()["flows"]

        assert one_more.status_code == 409
        assert one_more.json()["error"] == {"code": "flow_limit_reached",
                                            "message": messages.FLOW_LIMIT_REACHED.format(limit=3)}
        assert sorted(flow["id"] for flow in listed) == sorted(flows)


def test_a_request_meeting_googles_quota_answers_503_with_retry_after_at_once_and_the_run_says_why(database_url):
    with stage(database_url, worker=False) as s:  # the Sheets stand-in at Google's quotas: 60 reads a minute
        anas_sheet = s.sheet("Vendas da Ana", [sale_row("P-1", "Joana Prado", "529.982.247-25", "PF-KG", "1", "18,90")])
        anas_flow = s.sale_flow(s.connect((DEMO_EMAIL, DEMO_PASSWORD), ANA), anas_sheet)
        eat_the_service_accounts_reads(anas_sheet)
        before = s.quota_refusals()

        with s.api(ANA) as ana:
            answers = [ana.get(f"/api/v1/spreadsheets/{anas_sheet}"), ana.post(f"/api/v1/flows/{anas_flow}/preview"),
                       ana.post(f"/api/v1/flows/{anas_flow}/run")]
            runs = ana.get(f"/api/v1/flows/{anas_flow}/runs").json()["runs"]

        for answer in answers:
            assert answer.status_code == 503 and answer.headers["Retry-After"] == "60"  # Google sent none: its minute
            assert answer.json()["error"] == {"code": "sheets_quota_exhausted",
                                              "message": messages.SHEETS_QUOTA_EXHAUSTED.format(seconds=60)}
        assert s.quota_refusals() - before == 3, "a request was tried again instead of answered at once"
        assert "sheets request failed, retrying" not in s.deployment.logs()
        assert [(run["trigger"], run["problem"]) for run in runs] == [
            ("manual", messages.SHEETS_QUOTA_EXHAUSTED.format(seconds=60))]  # recorded like any stopped run


def eat_the_service_accounts_reads(spreadsheet_id: str) -> None:
    """Another program on the backend's Google account reads until Google refuses it for the minute."""
    google = sheets_client(current_settings()).http_client
    for _ in range(1000):
        try:
            google.values_get(spreadsheet_id, "A1")
        except APIError as error:
            assert error.code == 429
            return
    raise AssertionError("the Sheets stand-in never refused a read")


GREEDY_FLOWS = 40  # their first runs alone want more than the minute holds (2 reads each)


def test_another_persons_nudged_flow_runs_before_the_greedy_persons_backlog_drains(database_url):
    with stage(database_url, worker=True) as s:  # one worker; the Sheets stand-in and the budget at Google's 60/min
        greedy_sheet, anas_sheet = s.sheet("Vendas do Mallory"), s.sheet("Vendas da Ana")
        greedy_connection = s.connect(GREEDY_LOGIN, GREEDY)
        greedy = [s.sale_flow(greedy_connection, greedy_sheet) for _ in range(GREEDY_FLOWS)]  # all on one tab
        anas_flow = s.sale_flow(s.connect((DEMO_EMAIL, DEMO_PASSWORD), ANA), anas_sheet)
        wait_until(lambda: {run.flow_id for run in s.runs()} >= {*greedy, anas_flow}, "every flow's first run", 300)

        with s.api(GREEDY) as mallory, s.api(ANA) as ana:
            # 1. The greedy person nudges their tab: every one of their flows is due at once; and once
            #    the worker is at it, again, so the whole backlog is due when Ana comes.
            greedy_tab = {"spreadsheet_id": greedy_sheet, "sheet": "Vendas"}
            assert sorted(mallory.post("/api/v1/hooks/nudge", json=greedy_tab).json()["nudged"]) == sorted(greedy)
            wait_until(lambda: len(nudge_runs(s.runs(), greedy)) >= 2, "the greedy backlog under way", 300)
            backlog_due = utcnow()
            assert mallory.post("/api/v1/hooks/nudge", json=greedy_tab).status_code == 202
            # 2. Ana fills a row; the add-on nudges her flow.
            s.deployment.sheets.type_cells(anas_sheet, "Vendas!A2", [
                sale_row("A-1", "Joana Prado", "529.982.247-25", "PF-KG", "1", "18,90")])
            anas_nudge = utcnow()
            assert ana.post("/api/v1/hooks/nudge", json={"spreadsheet_id": anas_sheet, "sheet": "Vendas"}).status_code == 202
            anas_run = wait_until(lambda: next(iter(nudge_runs(s.runs(), [anas_flow], since=anas_nudge)), None),
                                  "Ana's run", 300)

        greedy_runs = nudge_runs(s.runs(), greedy, since=backlog_due)
        started_meanwhile = [run for run in greedy_runs if anas_nudge <= run.started_at < anas_run.started_at]
        assert len(started_meanwhile) <= 1, f"{len(started_meanwhile)} greedy runs started before Ana's"
        assert len([run for run in greedy_runs if run.started_at < anas_run.started_at]) < GREEDY_FLOWS
        assert anas_run.counts["created"] == 1
        assert s.quota_refusals() == 0, "the worker spent the service account's minute into Google's 429s"


def nudge_runs(runs: list[FlowRun], flow_ids: list[int], since=None) -> list[FlowRun]:
    return [run for run in runs if run.flow_id in flow_ids and run.trigger == "nudge"
            and (since is None or run.started_at >= since)]
