"""An HTTP-level stand-in of the Google Sheets API v4 (the part gspread uses) and the Drive files
calls gspread makes, in a pt_BR spreadsheet's behaviour. It imports nothing of ours."""
from .app import create_app
from .server import SheetsSandboxServer
from .settings import SheetsSandboxSettings

__all__ = ["SheetsSandboxServer", "SheetsSandboxSettings", "create_app"]
