"""The service account's Sheets minute, shared between owners: who is admitted, in which order, and
what the in-memory count (SQLite) remembers. Pure: no database, no network."""
from __future__ import annotations

from sheets_addon.sheets_quota import (
    RUN_COST,
    Admission,
    Candidate,
    MemoryUsage,
    Requests,
    fair_order,
    waiting_owners,
)

BUDGET = Requests(reads=60, writes=60)
GREEDY, ANA, JOAO = 1, 2, 3


def test_nothing_is_admitted_once_the_minute_cannot_hold_one_more_run():
    room_for_one = Admission(BUDGET, {GREEDY: Requests(reads=60 - RUN_COST.reads, writes=5)})
    full = Admission(BUDGET, {GREEDY: Requests(reads=60 - RUN_COST.reads + 1, writes=5)})

    assert not room_for_one.spent and room_for_one.admits(ANA, {GREEDY, ANA})
    assert full.spent and not full.admits(ANA, {ANA}) and not full.admits(GREEDY, {GREEDY})


def test_a_refusal_from_google_spends_the_minute_whatever_was_counted():
    assert Admission(BUDGET, {}, refused=True).spent


def test_an_owner_past_their_share_waits_while_another_owner_within_theirs_waits_too():
    admission = Admission(BUDGET, {GREEDY: Requests(reads=31), ANA: Requests(reads=4)})

    assert not admission.admits(GREEDY, {GREEDY, ANA})  # two share the minute: 30 reads each, the greedy has 31
    assert admission.admits(ANA, {GREEDY, ANA})
    assert admission.admits(GREEDY, {GREEDY})  # Ana waits for nothing: the greedy takes what is left


def test_the_owner_holding_the_most_of_the_minute_leaves_its_last_runs_room_to_the_others():
    others = {ANA: Requests(reads=25), JOAO: Requests(reads=1)}  # three share the minute: 20 reads each
    fits = Admission(BUDGET, {GREEDY: Requests(reads=28), **others})  # 54 used, 3 for this run, 3 kept
    many_within = Admission(BUDGET, {GREEDY: Requests(reads=40), **{owner: Requests(reads=1) for owner in range(4, 10)}})
    too_much = Admission(BUDGET, {GREEDY: Requests(reads=29), **others})

    assert fits.admits(GREEDY, {GREEDY, ANA}) and fits.admits(ANA, {GREEDY, ANA})
    assert not too_much.spent and not too_much.admits(GREEDY, {GREEDY, ANA})
    assert too_much.admits(JOAO, {GREEDY, ANA, JOAO})  # Joao's room is there when he comes
    assert many_within.admits(GREEDY, {GREEDY})  # 46 used: one run's room is kept, not one for each of six


def test_one_person_alone_in_the_minute_leaves_its_last_runs_room_to_whoever_comes():
    alone = Admission(BUDGET, {GREEDY: Requests(reads=55)})
    assert not alone.spent and not alone.admits(GREEDY, {GREEDY})
    assert alone.admits(ANA, {GREEDY, ANA})  # Ana's first edit of the minute finds room at once
    assert Admission(Requests(reads=5, writes=5), {}).admits(GREEDY, {GREEDY})  # a tiny budget still runs


def test_an_owner_with_nothing_used_goes_before_one_past_their_share():
    admission = Admission(BUDGET, {GREEDY: Requests(reads=25), ANA: Requests(reads=25)})
    assert not admission.admits(GREEDY, {GREEDY, ANA, JOAO}) and admission.admits(JOAO, {GREEDY, ANA, JOAO})


def test_an_owner_using_just_their_share_is_not_held_back():
    busy_shop = Admission(BUDGET, {ANA: Requests(reads=30), GREEDY: Requests(reads=20)})
    assert busy_shop.admits(ANA, {ANA, GREEDY}) and busy_shop.admits(GREEDY, {ANA, GREEDY})


def test_writes_count_apart_from_reads():
    admission = Admission(BUDGET, {GREEDY: Requests(reads=2, writes=31)})
    assert not admission.admits(GREEDY, {GREEDY, ANA}) and admission.admits(ANA, {GREEDY, ANA})


def test_the_owner_served_the_fewest_runs_goes_first_then_the_one_holding_the_least_of_the_minute():
    candidates = [Candidate(flow_id=10 + n, owner=GREEDY, shared=True, rank=n + 1, position=n) for n in range(5)]
    candidates += [Candidate(20, ANA, True, 1, 5), Candidate(21, ANA, True, 2, 6), Candidate(30, JOAO, False, 1, 7)]
    admission = Admission(BUDGET, {GREEDY: Requests(reads=40), ANA: Requests(reads=3)})

    first_served = [candidate.flow_id for candidate in fair_order(candidates, {GREEDY: 12, ANA: 1}, admission)]
    equally_served = [candidate.flow_id for candidate in fair_order(candidates, {}, admission)]

    assert first_served[:3] == [30, 20, 21]  # Joao ran nothing this minute, Ana once, the greedy 12 times
    assert equally_served == [30, 20, 10, 21, 11, 12, 13, 14]  # Joao's own Google access holds none of the minute
    assert waiting_owners(candidates) == {GREEDY, ANA}


def test_without_a_quota_owners_still_take_turns_by_the_runs_they_had():
    candidates = [Candidate(1, GREEDY, True, 1, 0), Candidate(2, GREEDY, True, 2, 1), Candidate(3, ANA, True, 1, 2)]
    assert [candidate.flow_id for candidate in fair_order(candidates, {})] == [1, 3, 2]
    assert [candidate.flow_id for candidate in fair_order(candidates, {GREEDY: 1})] == [3, 1, 2]


def test_the_memory_count_keeps_a_minute_per_owner_and_a_refusal_for_a_while():
    now = [1000.0]
    usage = MemoryUsage(clock=lambda: now[0])
    usage.record(GREEDY, "read")
    usage.record(GREEDY, "write")
    now[0] += 30
    usage.record(ANA, "read")
    usage.record_refusal()

    assert usage.minute() == ({GREEDY: Requests(1, 1), ANA: Requests(1, 0)}, True)
    now[0] += 30  # the greedy's requests are a minute old, the refusal's hold is over
    assert usage.minute() == ({ANA: Requests(1, 0)}, False)
