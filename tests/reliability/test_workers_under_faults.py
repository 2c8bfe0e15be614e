"""The big fault run: four `flask --app app worker` processes on PostgreSQL work 20 flows of four
bakeries (customers, two sales tabs, bills, a sales log each; 2,000 rows in all) while the Conta
Azul stand-in answers about 5 % of calls with a 5xx and enforces its per-company rate limit, a
random worker is SIGKILLed (and another started) every few seconds, and the people nudge their
tabs through the API. The companies were connected, and the flows created, through gunicorn's
callback and API, signed in with Google ID tokens, as the add-on does it.

At the end every row has exactly one Conta Azul record and a ✔ status, no record exists twice, no
sale is logged twice, no flow ran under two workers at once. Then the logs of every process of the
run (gunicorn's and every worker's, the killed ones too) are searched for every secret the run
handled, and the tokens stored in PostgreSQL are checked unreadable without the key.

`AZULEJO_FAULT_SEED=<seed>` replays the same sheets and the same schedule of kills and nudges.
"""
from __future__ import annotations

import json
import random
import secrets
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import psycopg
import pytest
from cryptography.fernet import Fernet
from psycopg import sql
from sqlalchemy.engine import make_url

from contaazul import RateLimit
from sandbox.contaazul import SandboxSettings
from sheets_addon.db import get_session
from sheets_addon.crypto import SecretBox
from tests.add_on import prove_access
from tests.deployment import CALLBACK_PATH, Deployment
from tests.postgres import PostgresServer
from tests.reliability.audit import Audit
from tests.reliability.fault_run import Every, KillWorkers, OnSchedule, fault_seed, run_until_settled
from tests.reliability.fault_stage import Company, FaultStage, longest_run_seconds, summary
from tests.scaleout.workers import WorkerPool, overlapping_runs

pytestmark = pytest.mark.postgresql
COMPANIES, ROWS, WORKERS = 4, 2000, 4
ERROR_RATE = 0.05
RATE_PER_SECOND = 20          # per company, at the stand-in and in each worker's own limiter
LEASE_SECONDS = 20            # kept alive while a run goes on; a killed worker's flow waits this long
KILL_EVERY, MAX_KILLS = (2.0, 6.0), 20
NUDGE_EVERY = (2.0, 6.0)


@dataclass
class Web:
    """The people at their sheets: the add-on's calls to gunicorn, each with a fresh ID token."""

    deployment: Deployment
    id_tokens: list[str] = field(default_factory=list)

    def headers(self, email: str) -> dict[str, str]:
        self.id_tokens.append(self.deployment.sheets.mint_id_token(email))
        return {"Authorization": f"Bearer {self.id_tokens[-1]}"}

    def connect(self, company: Company) -> None:
        """Start, the begin page, Conta Azul's sign-in form, the browser sent back to gunicorn's callback."""
        connection = self.deployment.connect_company(company.person, login=(company.login, company.password),
                                                     headers=self.headers(company.person))
        company.connection_id = connection["id"]

    def create_flows(self, company: Company) -> None:
        with httpx.Client(base_url=self.deployment.url, timeout=30) as api:
            proof = prove_access(api.post, self.headers(company.person), self.deployment.sheets.url, company.person,
                                 company.spreadsheet_id)
            assert proof.status_code == 200, proof.text
            for description in company.flow_descriptions():
                answer = api.post("/api/v1/flows", headers=self.headers(company.person),
                                  json={**description, "connection_id": company.connection_id})
                assert answer.status_code == 201, answer.text
                assert answer.json()["enabled"]
                company.flow_ids.append(answer.json()["id"])

    def nudge(self, company: Company, rng: random.Random) -> None:
        """What the edit trigger sends when someone ticks a few rows of a tab."""
        tab = rng.choice(company.tabs)
        rows = sorted(rng.sample(range(2, len(tab.rows) + 1), min(3, len(tab.rows) - 1)))
        answer = httpx.post(f"{self.deployment.url}/api/v1/hooks/nudge", headers=self.headers(company.person),
                            json={"spreadsheet_id": company.spreadsheet_id, "sheet": tab.title, "rows": rows},
                            timeout=30)
        assert answer.status_code in (202, 429), answer.text


def private_key_lines(key_file: str) -> list[str]:
    """The base64 lines of a service account's private key: any of them in a log is a leak."""
    private_key = json.loads(Path(key_file).read_text())["private_key"]
    return [line for line in private_key.splitlines() if line and not line.startswith("-----")]


def readable(value: object) -> str:
    """A stored value as someone reading the database sees it: bytes as text, whatever they hold."""
    if isinstance(value, (bytes, memoryview)):
        return bytes(value).decode("utf-8", errors="replace")
    return str(value)


@dataclass
class FaultRun:
    """What the run did and left behind, for the tests of this module."""

    seed: int
    stage: FaultStage
    found: Audit
    seconds: float
    kills: int
    overlapping: list
    logs: str
    database_url: str
    secrets: dict[str, list[str]]


@pytest.fixture(scope="module")
def fault_run(postgres_server: PostgresServer) -> Iterator[FaultRun]:
    seed = fault_seed()
    print(f"\nfault run seed={seed}; replay with AZULEJO_FAULT_SEED={seed}")
    rng = random.Random(seed)
    database_url = postgres_server.create_database(template=postgres_server.migrated_template())
    key, secret_key = Fernet.generate_key().decode(), secrets.token_urlsafe(24)
    limit = RateLimit(per_second=RATE_PER_SECOND, per_minute=RATE_PER_SECOND * 60)
    settings = {"TOKEN_ENCRYPTION_KEY": key, "SECRET_KEY": secret_key, "WORKER_LEASE_SECONDS": LEASE_SECONDS,
                "CONTAAZUL_RATE_PER_SECOND": limit.per_second, "CONTAAZUL_RATE_PER_MINUTE": limit.per_minute,
                "CONTAAZUL_PROTOCOL_POLL_SECONDS": 0.1}
    deployment = Deployment(worker=False, env={"DATABASE_URL": database_url, **{k: str(v) for k, v in settings.items()}})
    deployment.contaazul_settings = SandboxSettings(redirect_uri=deployment.url + CALLBACK_PATH,
                                                    protocol_delay_seconds=0.05)
    try:
        with deployment:
            contaazul, sheets = deployment.contaazul, deployment.sheets
            stage = FaultStage.build(database_url, contaazul, sheets, deployment.workdir / "instance",
                                     rate_per_second=RATE_PER_SECOND, **settings)  # Google's quotas: their own test
            config, web = stage.config, Web(deployment)
            for index in range(COMPANIES):
                company = stage.add_company(ROWS // COMPANIES + (index < ROWS % COMPANIES), seed)
                web.connect(company)
                web.create_flows(company)
            contaazul.configure_faults(error_rate=ERROR_RATE)
            with WorkerPool(config, deployment.workdir) as pool:
                pool.start(WORKERS)
                killer = KillWorkers(pool, Every(rng, *KILL_EVERY, times=MAX_KILLS))
                nudger = OnSchedule(lambda: web.nudge(rng.choice(stage.companies), rng),
                                    Every(rng, *NUDGE_EVERY, times=10_000))
                seconds = run_until_settled(stage, pool, [killer, nudger])
                pool.stop()
            contaazul.configure_faults(error_rate=0)
            found = stage.audit()
            with stage.context():
                overlapping, longest = overlapping_runs(get_session()), longest_run_seconds(get_session())
            run = FaultRun(seed, stage, found, seconds, killer.kills, overlapping, deployment.logs(), database_url, {
                "Conta Azul access and refresh tokens": contaazul.issued_tokens(),
                "Google ID tokens": web.id_tokens,
                "Google access tokens": list(sheets.world.oauth.access_tokens),
                "OAuth client secrets": [contaazul.settings.client_secret, sheets.settings.oauth_client_secret],
                "the service account's private key": private_key_lines(config["GOOGLE_SERVICE_ACCOUNT_FILE"]),
                "the token encryption key": [key],
                "Flask's secret key": [secret_key],
                "the database password": [make_url(database_url).password],
            })
            print(summary(f"fault run seed={seed}", stage, found, seconds, workers=WORKERS, kills=killer.kills,
                          nudges=nudger.schedule.done, longest_cycle=f"{longest:.0f}s"))
            yield run
    finally:
        postgres_server.drop_database(make_url(database_url).database)


def test_every_row_has_exactly_one_record_after_kills_5xx_and_rate_limits(fault_run):
    found, seed = fault_run.found, fault_run.seed
    assert not found.problems, f"seed={seed}:\n" + "\n".join(found.problems[:20])
    assert (found.rows, found.duplicates, found.lost) == (fault_run.stage.rows, 0, 0)
    assert found.records == found.units and found.logged > 0
    assert not fault_run.overlapping, f"seed={seed}: a flow ran under two workers at once: {fault_run.overlapping[:3]}"
    stats = fault_run.stage.contaazul.stats()
    assert fault_run.kills > 0 and stats["injected_errors"] > 0, "a fault never happened: nothing was tested"
    assert stats["unexpected_errors"] == 0 and fault_run.stage.sheets.stats()["unexpected_errors"] == 0


def test_no_secret_of_the_run_is_in_any_log(fault_run):
    logs = fault_run.logs
    assert "flow run settled" in logs and "worker started" in logs  # the logs really are the run's
    found = {what: sum(secret in logs for secret in values) for what, values in fault_run.secrets.items()}
    assert all(fault_run.secrets.values()), "nothing to look for"
    assert not any(found.values()), f"secrets in the logs: {found}"


def test_tokens_in_postgresql_are_ciphertext_only(fault_run):
    tokens = fault_run.secrets["Conta Azul access and refresh tokens"]
    key = fault_run.secrets["the token encryption key"][0]
    conninfo = make_url(fault_run.database_url).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(conninfo) as connection:
        tables = connection.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'").fetchall()
        everything = "\n".join(readable(value) for (table,) in tables for row in connection.execute(
            sql.SQL("SELECT * FROM {}").format(sql.Identifier(table))) for value in row)
        stored = [bytes(value) for (value,) in connection.execute(
            "SELECT encrypted_tokens FROM contaazul_connections WHERE encrypted_tokens IS NOT NULL")]

    assert len(stored) == COMPANIES
    assert not [token for token in tokens if token in everything], "a token is readable in the database"
    for ciphertext in stored:
        with pytest.raises(ValueError):
            SecretBox(Fernet.generate_key()).open(ciphertext)
        assert SecretBox(key.encode()).open(ciphertext)["access_token"] in tokens  # it does hold the tokens
