"""Money, dates and São Paulo timestamps on the wire: exact, never through float."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from contaazul import wire

UTC = timezone.utc


def test_decimals_are_written_as_their_own_digits():
    body = {"valor": Decimal("1234.56"), "desconto": Decimal("0.10"), "grande": Decimal("1E+3")}
    assert wire.dumps(body) == '{"valor":1234.56,"desconto":0.10,"grande":1000}'


def test_a_sum_of_cents_stays_exact():
    total = sum([Decimal("0.1")] * 3, Decimal("0"))
    assert wire.dumps([total]) == "[0.3]"


def test_answers_parse_money_as_decimal_and_round_trip():
    parsed = wire.loads('{"total": 1234.56, "qtd": 3, "itens": [{"valor": 0.1}]}')
    assert parsed["total"] == Decimal("1234.56") and isinstance(parsed["total"], Decimal)
    assert parsed["qtd"] == 3 and isinstance(parsed["qtd"], int)
    assert wire.loads(wire.dumps(parsed)) == parsed


def test_floats_nan_and_unknown_types_are_refused():
    with pytest.raises(TypeError, match="Decimal"):
        wire.dumps({"valor": 0.1})
    with pytest.raises(ValueError):
        wire.dumps({"valor": Decimal("NaN")})
    with pytest.raises(TypeError):
        wire.dumps({"x": object()})


def test_dates_text_and_nesting():
    body = {"data": date(2026, 3, 1), "nome": "Café \"Açaí\"", "ok": True, "nada": None, "n": [1, 2]}
    assert wire.loads(wire.dumps(body)) == {
        "data": "2026-03-01", "nome": 'Café "Açaí"', "ok": True, "nada": None, "n": [1, 2]}


def test_utc_midnight_is_the_evening_before_in_sao_paulo():
    assert wire.sao_paulo_timestamp(datetime(2026, 1, 1, tzinfo=UTC)) == "2025-12-31T21:00:00"


def test_current_rules_have_no_daylight_saving():
    # Brazil dropped DST in 2019: January and July are both UTC-3.
    assert wire.sao_paulo_timestamp(datetime(2026, 1, 15, 12, tzinfo=UTC)) == "2026-01-15T09:00:00"
    assert wire.sao_paulo_timestamp(datetime(2026, 7, 15, 12, tzinfo=UTC)) == "2026-07-15T09:00:00"


def test_historic_daylight_saving_is_still_honoured():
    assert wire.sao_paulo_timestamp(datetime(2018, 12, 15, 12, tzinfo=UTC)) == "2018-12-15T10:00:00"


def test_milliseconds_and_offsets_are_dropped():
    moment = datetime(2026, 5, 4, 10, 30, 15, 987654, tzinfo=timezone(timedelta(hours=2)))
    assert wire.sao_paulo_timestamp(moment) == "2026-05-04T05:30:15"
    local = datetime(2026, 5, 4, 10, 0, tzinfo=ZoneInfo("America/Sao_Paulo"))
    assert wire.sao_paulo_timestamp(local) == "2026-05-04T10:00:00"


def test_naive_datetimes_are_refused():
    with pytest.raises(ValueError, match="naive"):
        wire.sao_paulo_timestamp(datetime(2026, 1, 1))
    with pytest.raises(ValueError):
        wire.query_params({"data_alteracao_de": datetime(2026, 1, 1)})


def test_zoneless_answers_are_read_as_sao_paulo_time():
    moment = wire.parse_timestamp("2026-01-01T00:00:00")
    assert moment.utcoffset() == timedelta(hours=-3)
    assert moment.astimezone(UTC) == datetime(2026, 1, 1, 3, tzinfo=UTC)
    utc_millis = datetime(2026, 1, 1, 0, 0, 0, 123000, tzinfo=UTC)
    assert wire.parse_timestamp("2026-01-01T00:00:00.123Z") == utc_millis
    assert wire.parse_timestamp("2026-01-01T00:00:00-03:00") == moment
    assert wire.parse_date("2026-02-03T10:00:00") == date(2026, 2, 3)


def test_query_params_repeat_lists_and_drop_none():
    pairs = wire.query_params({"numeros": [1, 2], "status": None, "ativo": False,
                               "de": date(2026, 1, 2), "valor": Decimal("10.50")})
    assert pairs == [("numeros", "1"), ("numeros", "2"), ("ativo", "false"),
                     ("de", "2026-01-02"), ("valor", "10.50")]
