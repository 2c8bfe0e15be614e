"""The expectations stay tied to what the client and the backend read (no network here)."""
from __future__ import annotations

from contaazul.paging import ITEM_KEYS, TOTAL_KEYS
from sheets_addon.contaazul_check import expectations
from sheets_addon.contaazul_check.expectations import SALE, SALES, Expectation
from sheets_addon.contaazul_check.probes import DELETE, READS, WRITES
from sheets_addon.contaazul_check.shapes import Envelope, Kind
from sheets_addon.sales_log.columns import PREDEFINED_COLUMNS, SEARCH_ROW_ROOTS

EVERY = [value for value in vars(expectations).values() if isinstance(value, Expectation)]


def described(kind: Kind, path: str) -> bool:
    """Whether an object kind describes the dotted `path` all the way down."""
    for part in path.split("."):
        fields = dict(kind.fields)
        if part not in fields:
            return False
        kind = fields[part]
    return True


def test_every_envelope_key_is_one_the_client_reads():
    envelopes = [e.answer for e in EVERY if isinstance(e.answer, Envelope)]
    assert envelopes
    assert {key for envelope in envelopes for key in envelope.rows} <= set(ITEM_KEYS)
    assert {key for envelope in envelopes for key in envelope.totals} <= set(TOTAL_KEYS)


def test_every_sales_log_column_is_described_in_the_search_row_or_the_detail():
    row = SALES.answer.row
    assert {name for name, _ in row.fields} >= SEARCH_ROW_ROOTS
    for key, (path, _) in PREDEFINED_COLUMNS.items():
        if path.split(".")[0] in ("itens", "categoria"):  # fetched on their own: sale items, category names
            continue
        assert described(row, path) or described(SALE.answer, path), key


def test_every_expectation_is_checked_once_and_says_where_it_comes_from():
    probed = [probe.expectation for probe in (*READS, *WRITES, DELETE)]
    assert len(probed) == len(set(probed))
    assert set(EVERY) - set(probed) == {expectations.TOKEN}  # checked on the sign-in's own answer
    assert all(e.source and e.name for e in EVERY)
    assert len({e.name for e in EVERY}) == len(EVERY)
