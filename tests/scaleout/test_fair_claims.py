"""`claim_next` with owners taking turns and the service account's Sheets minute kept: one person's
many due flows never stand before another's one, an owner past their share waits while another
owner waits, nothing of the account is claimed once the minute is spent, and a person with their
own Google access is never held back. On SQLite (the minute in memory) and PostgreSQL (in the table)."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import update

from sheets_addon.db import get_engine, get_session
from sheets_addon.models import Flow, GoogleConnection, utcnow
from sheets_addon.sheets_quota import RUN_COST, Quota, Requests, usage_for
from sheets_addon.sync.scheduling import claim_next
from tests import wiring
from tests.scaleout.workers import sale_flows

pytestmark = pytest.mark.engines("sqlite", "postgresql")
LEASE = 60
BUDGET = Requests(reads=60, writes=60)
SECOND_PERSON = "dona@padariaestrela.com.br"


@pytest.fixture
def second_connection(backend, contaazul_sandbox):
    contaazul_sandbox.add_company("financeiro@padariaestrela.com.br", "estrela-1", "Padaria Estrela Ltda")
    return wiring.connect_demo_company(contaazul_sandbox, ("financeiro@padariaestrela.com.br", "estrela-1"),
                                       SECOND_PERSON)


@pytest.fixture
def greedy_and_ana(connection, second_connection, sheets_sandbox) -> tuple[list[int], list[int]]:
    """The greedy person's six flows, all nudged, and Ana's two, never run (due, not nudged)."""
    greedy = [flow.id for flow in sale_flows(second_connection, sheets_sandbox, 6)]
    ana = [flow.id for flow in sale_flows(connection, sheets_sandbox, 2)]
    session = get_session()
    session.execute(update(Flow).where(Flow.id.in_(greedy)).values(nudged_at=utcnow()))
    session.commit()
    return greedy, ana


def quota() -> Quota:
    return Quota(BUDGET, usage_for(get_engine()))


def spend(owner: int, reads: int) -> None:
    usage = usage_for(get_engine())
    for _ in range(reads):
        usage.record(owner, "read")


def claims(count: int, **options) -> list[int | None]:
    now = utcnow()
    return [claim_next(get_engine(), f"worker-{n}", now, lease_seconds=LEASE, **options) for n in range(count)]


def owner_of(flow_id: int) -> int:
    return get_session().get(Flow, flow_id).user_id


def test_owners_take_turns_so_one_persons_many_nudged_flows_never_stand_before_anothers_one(greedy_and_ana):
    greedy, ana = greedy_and_ana
    # the greedy's nudged flow first (the due order); then each claim goes to whoever ran less
    assert claims(4) == [greedy[0], ana[0], greedy[1], ana[1]]


def test_the_owner_holding_less_of_the_minute_goes_first_and_one_past_their_share_waits(greedy_and_ana):
    greedy, ana = greedy_and_ana
    spend(owner_of(greedy[0]), 31)  # past half the minute: two owners waiting, 30 reads each

    assert claims(3, quota=quota()) == [ana[0], ana[1], greedy[0]]  # Ana has no more due: the room is the greedy's


def test_runs_under_way_hold_their_part_of_the_minute(greedy_and_ana):
    greedy, ana = greedy_and_ana
    now = utcnow()
    running = [claim_next(get_engine(), "greedy-worker", now, lease_seconds=LEASE, skip=ana) for _ in range(4)]
    assert running == greedy[:4]
    spend(owner_of(greedy[0]), BUDGET.reads - 4 * RUN_COST.reads)  # with the four runs under way: 60 of 60

    assert claims(1, quota=quota()) == [None]


def test_past_their_share_the_greedy_leaves_one_runs_room_for_a_person_active_this_minute(greedy_and_ana):
    greedy, ana = greedy_and_ana
    session = get_session()
    session.execute(update(Flow).where(Flow.id.in_(ana)).values(next_run_at=utcnow() + timedelta(hours=1)))
    session.commit()
    spend(owner_of(greedy[0]), 40)
    spend(owner_of(ana[0]), 4)  # Ana's flows ran a moment ago: she is not waiting, but active this minute

    # 44 used, then 3 a run: the greedy goes on while 3 reads stay free for Ana's next run
    assert claims(5, quota=quota()) == [*greedy[:4], None]
    session.execute(update(Flow).where(Flow.id == ana[0]).values(nudged_at=utcnow()))  # Ana edits a row
    session.commit()
    assert claims(1, quota=quota()) == [ana[0]]


def test_nothing_of_the_service_account_is_claimed_once_the_minute_is_spent_but_own_access_runs(
        greedy_and_ana, connection):
    greedy, ana = greedy_and_ana
    spend(owner_of(greedy[0]), BUDGET.reads - RUN_COST.reads + 1)
    assert claims(1, quota=quota()) == [None]

    session = get_session()  # Ana connects her own Google account: her sheets draw on her own quota
    session.add(GoogleConnection(user_id=connection.user_id, google_email="ana@padariaaurora.com.br",
                                 scopes="https://www.googleapis.com/auth/spreadsheets"))
    session.commit()
    assert claims(3, quota=quota()) == [ana[0], ana[1], None]
