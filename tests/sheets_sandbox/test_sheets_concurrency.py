"""Many clients at once: the one lock keeps every append and every counter."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from google.oauth2.credentials import Credentials

from sheets_addon.google_endpoints import gspread_client


def test_concurrent_appends_lose_nothing(sheets_sandbox):
    book_id = sheets_sandbox.create_spreadsheet("Log", {"Log": [["quem", "n"]]})
    sheets_sandbox.configure_quotas(read_per_minute=0, write_per_minute=0)

    def worker(number: int) -> None:
        tab = gspread_client(Credentials(token=f"worker-{number}"), sheets_sandbox.url).open_by_key(book_id).sheet1
        for n in range(15):
            tab.append_row([f"w{number}", n])

    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(worker, range(8)))
    rows = sheets_sandbox.read(book_id, "Log!A2:B")
    assert len(rows) == 120
    assert sorted(map(tuple, rows)) == sorted((f"w{w}", str(n)) for w in range(8) for n in range(15))
    stats = sheets_sandbox.stats()
    assert stats["by_method"]["values.append"] == 120 and len(stats["by_user"]) == 8
