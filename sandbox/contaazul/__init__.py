"""An HTTP-level stand-in of the Conta Azul API and its OAuth server, with demo companies.

It imports nothing from `contaazul/` or `sheets_addon/`: it is the outside world.
"""
from .app import create_app
from .demo import DEMO_EMAIL, DEMO_PASSWORD, OTHER_EMAIL, OTHER_PASSWORD
from .server import SandboxLoginError, SandboxServer, oauth_params
from .settings import SandboxSettings

__all__ = ["SandboxServer", "SandboxSettings", "SandboxLoginError", "create_app", "DEMO_EMAIL", "DEMO_PASSWORD",
           "OTHER_EMAIL", "OTHER_PASSWORD", "oauth_params"]
