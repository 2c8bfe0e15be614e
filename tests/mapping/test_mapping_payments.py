"""Payment conditions ("À vista", "3x", "30/60/90") and installment schedules."""
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sheets_addon.mapping.errors import ParseError
from sheets_addon.mapping.parsers import (CASH, PaymentCondition, add_months, due_dates,
                                          installment_schedule, parse_installment_count,
                                          parse_payment_condition, split_amount)


@pytest.mark.parametrize("cell, option, count, offsets", [
    ("À vista", "À vista", 1, ()),
    ("a vista", "À vista", 1, ()),
    ("avista", "À vista", 1, ()),
    ("A VISTA", "À vista", 1, ()),
    ("1x", "À vista", 1, ()),
    ("3x", "3x", 3, ()),
    ("3 X", "3x", 3, ()),
    ("3 vezes", "3x", 3, ()),
    ("em 10x sem juros", "10x", 10, ()),
    ("12 parcelas", "12x", 12, ()),
    ("30/60/90", "30, 60, 90", 3, (30, 60, 90)),
    ("30, 60, 90", "30, 60, 90", 3, (30, 60, 90)),
    ("30 60 90", "30, 60, 90", 3, (30, 60, 90)),
    ("30/60/90 dias", "30, 60, 90", 3, (30, 60, 90)),
    ("0/30/60", "0, 30, 60", 3, (0, 30, 60)),
    ("28 dias", "28", 1, (28,)),
])
def test_conditions(cell, option, count, offsets):
    assert parse_payment_condition(cell) == PaymentCondition(option, count, offsets)


@pytest.mark.parametrize("cell, hint", [
    ("30", '"3x" para 3 parcelas'),        # 30 days or 30 installments? Ask.
    (3, '"3x" para 3 parcelas'),
    ("90/60/30", "ordem crescente"),
    ("30/30", "ordem crescente"),
    ("0x", "de 1 a 360"),
    ("400x", "de 1 a 360"),
    ("1+2", "à vista"),
    ("30/60/9000", "até 3650 dias"),
    ("quando der", "à vista"),
])
def test_condition_mistakes(cell, hint):
    with pytest.raises(ParseError, match="Condição de pagamento") as caught:
        parse_payment_condition(cell)
    assert hint in caught.value.hint


@pytest.mark.parametrize("cell, expected", [("3", 3), (3, 3), ("3x", 3), ("3 parcelas", 3), (12.0, 12)])
def test_installment_counts(cell, expected):
    assert parse_installment_count(cell) == expected


@pytest.mark.parametrize("cell", [0, "0", 361, 2.5, "três"])
def test_installment_count_mistakes(cell):
    with pytest.raises(ParseError, match="parcelas"):
        parse_installment_count(cell)


SALE = date(2026, 1, 31)


def test_cash_is_due_on_the_first_due_date_or_the_base_date():
    assert due_dates(CASH, SALE) == (SALE,)
    assert due_dates(CASH, SALE, date(2026, 2, 10)) == (date(2026, 2, 10),)


def test_monthly_installments_start_a_month_later_and_keep_the_day_when_they_can():
    three = parse_payment_condition("3x")
    assert due_dates(three, SALE) == (date(2026, 2, 28), date(2026, 3, 31), date(2026, 4, 30))
    assert due_dates(three, SALE, date(2026, 2, 10)) == (
        date(2026, 2, 10), date(2026, 3, 10), date(2026, 4, 10))


def test_day_offsets_count_from_the_base_date():
    offsets = parse_payment_condition("30/60/90")
    assert due_dates(offsets, SALE) == (date(2026, 3, 2), date(2026, 4, 1), date(2026, 5, 1))
    assert due_dates(offsets, SALE, date(2026, 3, 2))[0] == date(2026, 3, 2)
    with pytest.raises(ParseError, match="já definem os vencimentos"):
        due_dates(offsets, SALE, date(2026, 3, 10))


def test_remainder_cents_go_to_the_first_installment():
    assert split_amount(Decimal("100.00"), 3) == [Decimal("33.34"), Decimal("33.33"), Decimal("33.33")]
    assert split_amount(Decimal("0.02"), 3) == [Decimal("0.02"), Decimal("0.00"), Decimal("0.00")]
    schedule = installment_schedule(Decimal("45.00"), due_dates(parse_payment_condition("3x"), SALE))
    assert [(i.number, i.amount) for i in schedule] == [(1, Decimal("15.00")), (2, Decimal("15.00")),
                                                         (3, Decimal("15.00"))]


def test_add_months_clamps_to_the_end_of_short_months():
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2028, 1, 31), 1) == date(2028, 2, 29)
    assert add_months(date(2026, 12, 15), 1) == date(2027, 1, 15)
    assert add_months(date(2026, 11, 30), 15) == date(2028, 2, 29)


@given(st.integers(min_value=0, max_value=10**13).map(lambda c: Decimal(c).scaleb(-2)),
       st.integers(min_value=1, max_value=360))
def test_installments_always_add_up_to_the_total_in_whole_non_negative_cents(total, count):
    parts = split_amount(total, count)
    assert len(parts) == count
    assert sum(parts) == total
    assert all(part >= 0 and part == part.quantize(Decimal("0.01")) for part in parts)
    assert max(parts) - min(parts) < Decimal("0.01") * count  # the remainder is less than a cent each
    assert parts[1:] == [parts[-1]] * (count - 1)


@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2120, 12, 31)),
       st.integers(min_value=1, max_value=360))
def test_monthly_due_dates_increase_one_month_at_a_time(start, count):
    dates = due_dates(PaymentCondition(f"{count}x", count), start, start)
    assert len(dates) == count and dates[0] == start
    assert all((b.year * 12 + b.month) - (a.year * 12 + a.month) == 1 for a, b in zip(dates, dates[1:]))
