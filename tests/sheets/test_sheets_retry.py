"""SheetsRetry against the Sheets stand-in's real quota: a quota minute is waited out whole (the
fault run found cycles giving up inside it), a Retry-After is honoured when one comes (Google's
429 carries none, the stand-in's may), a 5xx is not tried for ever."""
from __future__ import annotations

import pytest
from gspread.exceptions import APIError

from sheets_addon.sheets import FlowSheet, SheetsRetry

TAB = "Vendas"


class Time:
    """The retry's clock and sleep, moving the stand-in's clock too (its quota windows follow it)."""

    def __init__(self, sheets_sandbox) -> None:
        self.sandbox, self.now, self.waits = sheets_sandbox, 0.0, []

    def sleep(self, seconds: float) -> None:
        self.waits.append(seconds)
        self.now += seconds
        self.sandbox.advance_clock(seconds)

    def clock(self) -> float:
        return self.now


@pytest.fixture
def sheet_and_time(gspread_client, sheets_sandbox):
    spreadsheet = sheets_sandbox.create_spreadsheet("Vendas", {TAB: [["Pedido", "Enviar?"], ["P1", "sim"]]})

    def build(**retry) -> tuple[FlowSheet, Time]:
        time = Time(sheets_sandbox)
        return FlowSheet(gspread_client, spreadsheet, TAB,
                         retry=SheetsRetry(sleep=time.sleep, clock=time.clock, **retry)), time
    return build


def read(sheet: FlowSheet):
    """One read of the control columns (the layout known, as in every cycle after the first)."""
    first = sheet.read_control("Enviar?", "Status Azulejo", hint=None)
    return lambda: sheet.read_control("Enviar?", "Status Azulejo", hint=first.layout)


def test_a_quota_spent_for_the_minute_is_waited_out_as_retry_after_says(sheet_and_time, sheets_sandbox):
    sheet, time = sheet_and_time()
    again = read(sheet)
    sheets_sandbox.configure_quotas(read_per_minute=1, send_retry_after=True)  # that was the minute's read

    snapshot = again()

    assert snapshot.triggers == {2: "sim"}
    assert 59 <= sum(time.waits) <= 60 + SheetsRetry.base_delay  # as long as Retry-After said, no more


def test_without_retry_after_the_waits_grow_until_the_quota_comes_back(sheet_and_time, sheets_sandbox):
    sheet, time = sheet_and_time()
    again = read(sheet)
    sheets_sandbox.configure_quotas(read_per_minute=1)  # like Google: no Retry-After

    assert again().triggers == {2: "sim"}
    assert 60 <= sum(time.waits) <= SheetsRetry.quota_patience and len(time.waits) > 1


def test_a_quota_gone_for_longer_than_the_patience_is_an_error(sheet_and_time, sheets_sandbox):
    sheet, time = sheet_and_time(quota_patience=30)
    again = read(sheet)
    sheets_sandbox.configure_quotas(read_per_minute=1)

    with pytest.raises(APIError) as refused:
        again()

    assert refused.value.code == 429 and sum(time.waits) <= 30


def test_a_server_error_is_tried_a_few_times_then_raised(sheet_and_time, sheets_sandbox):
    sheet, time = sheet_and_time(max_attempts=3)
    sheets_sandbox.configure_faults(fail_next=5, fail_status=503)

    with pytest.raises(APIError) as failed:
        sheet.read_control("Enviar?", "Status Azulejo", hint=None)

    assert failed.value.code == 503 and len(time.waits) == 2
