"""The attacks of issue 14, each written as the attacker's steps, through real HTTP: gunicorn and a
worker as an operator runs them (`tests/deployment.py`), both stand-ins, and, where the database
matters, SQLite and PostgreSQL (tests/databases.py runs this folder on both).
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from sandbox.contaazul import DEMO_EMAIL, DEMO_PASSWORD, OTHER_EMAIL, OTHER_PASSWORD
from sheets_addon.db import make_engine
from sheets_addon.models import SpreadsheetAccess, User, utcnow
from tests.add_on import prove_access, write_as_person
from tests.deployment import Deployment

VICTIM = DEMO_EMAIL                    # ana, of Padaria Aurora: the sheet is hers
COLLEAGUE = "caixa@padariaaurora.com.br"  # an editor she shares it with
VIEWER = "contador@escritorio.com.br"  # her accountant: may look, may not edit
FORMER = "fabio@padariaaurora.com.br"  # an editor until she removes him
STRANGER = "mallory@example.com"       # knows the sheet's id (it is in every link), nothing more
AURORA, IPE = (DEMO_EMAIL, DEMO_PASSWORD), (OTHER_EMAIL, OTHER_PASSWORD)  # Conta Azul sign-ins


@dataclass
class Person:
    """Someone with a Google account calling the API as the add-on does, through gunicorn."""

    email: str
    deployment: Deployment

    @property
    def headers(self) -> dict[str, str]:
        return self.deployment.signed_in(self.email)

    def call(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        kwargs.setdefault("headers", self.headers)
        return httpx.request(method, self.deployment.url + path, timeout=60, **kwargs)

    def post(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.call("POST", path, **kwargs)

    def prove(self, spreadsheet_id: str) -> httpx.Response:
        """The add-on's proof: the challenge written into the sheet as this person, then checked."""
        return prove_access(self.post, self.headers, self.deployment.sheets.url, self.email, spreadsheet_id)

    def write_metadata(self, spreadsheet_id: str, key: str, value: str) -> None:
        write_as_person(self.deployment.sheets.url, self.email, spreadsheet_id, key, value)

    def connect(self, login: tuple[str, str]) -> dict:
        return self.deployment.connect_company(self.email, login)


@pytest.fixture
def deployment(database_url) -> Iterator[Deployment]:
    """gunicorn and a worker on this test's database (proofs hold their default day)."""
    with Deployment(env={"DATABASE_URL": database_url, "WORKER_IDLE_SECONDS": "0.2"}) as running:
        running.database_url = database_url
        yield running


def let_a_day_pass(deployment: Deployment, email: str) -> None:
    """Time passes for the person's proofs: they were written a day and a minute ago."""
    engine = make_engine(deployment.database_url)
    try:
        with Session(engine) as session, session.begin():
            user_id = session.scalar(select(User.id).where(User.email == email))
            session.execute(update(SpreadsheetAccess).where(SpreadsheetAccess.user_id == user_id)
                            .values(proved_at=utcnow() - timedelta(days=1, minutes=1)))
    finally:
        engine.dispose()


@pytest.fixture
def person(deployment):
    return lambda email: Person(email, deployment)


def service_account_email(deployment: Deployment) -> str:
    with open(deployment.sheets.service_account_file(), encoding="utf-8") as key:
        return json.load(key)["client_email"]
