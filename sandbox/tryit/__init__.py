"""The try-it page: the real Azulejo add-on running beside a spreadsheet, on the stand-ins.

Mounted by `flask --app app demo` at /sandbox; the browser tests (tests/browser/) drive it.
It imports nothing of ours but the other stand-ins: it is Google's side of the add-on.
"""
from .app import TryIt, create_tryit_app

__all__ = ["TryIt", "create_tryit_app"]
