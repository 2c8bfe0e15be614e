"""The backend as an operator runs it, against both stand-ins: `flask --app app db upgrade`, then
gunicorn with the repository's gunicorn.conf.py and `flask --app app worker`, as child processes.

The stand-ins serve from threads of this process; the Conta Azul one sends the browser back to
gunicorn's callback. The gunicorn test and the nudge latency benchmark share this.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from dataclasses import fields
from pathlib import Path
from typing import IO
from urllib.parse import parse_qs, urlparse

import httpx

from sandbox.contaazul import DEMO_EMAIL, DEMO_PASSWORD, SandboxServer, SandboxSettings
from sandbox.sheets import SheetsSandboxServer
from sheets_addon.config import Settings
from tests.helpers import free_ports

ROOT = Path(__file__).resolve().parents[1]
CALLBACK_PATH = "/api/v1/connections/contaazul/callback"
# What the children must not inherit from whoever runs this: they get exactly the settings below.
_NOT_INHERITED = {field.name for field in fields(Settings)} | {
    "AZULEJO_INSTANCE_PATH", "AZULEJO_BIND", "AZULEJO_THREADS", "PORT", "WEB_CONCURRENCY",
    "GUNICORN_CMD_ARGS", "FLASK_APP"}


class Deployment(ExitStack):
    """A scratch instance folder, both stand-ins, gunicorn on a free port and (with `worker`) a worker.

    `env` adds or overrides the backend's settings (environment variables) for every process.
    """

    def __init__(self, *, worker: bool = True, env: dict[str, str] | None = None,
                 contaazul_settings: SandboxSettings | None = None, startup_seconds: float = 60) -> None:
        super().__init__()
        self.with_worker, self.extra_env, self.startup_seconds = worker, dict(env or {}), startup_seconds
        self.port = free_ports(1)[0]
        self.url = f"http://127.0.0.1:{self.port}"
        self.contaazul_settings = contaazul_settings or SandboxSettings(redirect_uri=self.url + CALLBACK_PATH)
        self._processes: list[subprocess.Popen] = []

    def __enter__(self) -> Deployment:
        super().__enter__()
        try:
            self.workdir = Path(self.enter_context(tempfile.TemporaryDirectory(prefix="azulejo-deploy-")))
            self.contaazul = self.enter_context(SandboxServer(self.contaazul_settings))
            self.sheets = self.enter_context(SheetsSandboxServer())
            self.callback(self._stop_processes)
            self._flask("db", "upgrade")
            self.gunicorn = self._start("gunicorn", [sys.executable, "-m", "gunicorn", "-c",
                                                     str(ROOT / "gunicorn.conf.py"), "app:create_app()"])
            self._wait_until_serving()
            if self.with_worker:
                self.worker = self._start("worker", [sys.executable, "-m", "flask", "--app", "app", "worker"])
        except BaseException:
            self.close()
            raise
        return self

    @property
    def environment(self) -> dict[str, str]:
        """The settings every process of this deployment gets, as an operator would export them."""
        stand_in = self.contaazul.settings
        instance = self.workdir / "instance"
        return {"AZULEJO_INSTANCE_PATH": str(instance),
                "DATABASE_URL": f"sqlite:///{instance / 'azulejo.db'}",
                "AZULEJO_BIND": f"127.0.0.1:{self.port}",
                "PUBLIC_BASE_URL": self.url,
                "LOG_LEVEL": "INFO",
                "CONTAAZUL_API_BASE_URL": self.contaazul.url,
                "CONTAAZUL_AUTH_BASE_URL": self.contaazul.url,
                "CONTAAZUL_CLIENT_ID": stand_in.client_id,
                "CONTAAZUL_CLIENT_SECRET": stand_in.client_secret,
                "CONTAAZUL_REDIRECT_URI": stand_in.redirect_uri,
                "SHEETS_API_BASE_URL": self.sheets.url,
                "GOOGLE_SERVICE_ACCOUNT_FILE": self.sheets.service_account_file(),
                "GOOGLE_CERTS_URL": self.sheets.certs_url,
                **self.extra_env}

    def log_path(self, name: str, stream: str) -> Path:
        """Where a process's `stdout` or `stderr` goes (gunicorn's access log is its stdout)."""
        return self.workdir / f"{name}.{stream}.log"

    def logs(self) -> str:
        """Everything every process has written so far."""
        return "\n".join(path.read_text(encoding="utf-8", errors="replace")
                         for path in sorted(self.workdir.glob("*.log")))

    def signed_in(self, email: str = DEMO_EMAIL) -> dict[str, str]:
        """The headers the add-on sends: a Google ID token minted by the Sheets stand-in."""
        return {"Authorization": f"Bearer {self.sheets.mint_id_token(email)}"}

    def connect_company(self, email: str = DEMO_EMAIL, login: tuple[str, str] = (DEMO_EMAIL, DEMO_PASSWORD)) -> dict:
        """`email` connects the Conta Azul company of `login` the whole way round: the start call,
        Conta Azul's sign-in form, and the browser sent back to gunicorn's callback."""
        with httpx.Client(base_url=self.url, timeout=30) as browser:
            started = browser.post("/api/v1/connections/contaazul/start", headers=self.signed_in(email))
            started.raise_for_status()
            state = parse_qs(urlparse(started.json()["authorize_url"]).query)["state"][0]
            code = self.contaazul.authorize(*login, state=state)
            page = browser.get(CALLBACK_PATH, params={"code": code, "state": state})
            if page.status_code != 200:
                raise RuntimeError(f"the callback answered {page.status_code}")
            listed = browser.get("/api/v1/connections", headers=self.signed_in(email)).json()
        return listed["connections"][-1]

    def _flask(self, *command: str) -> None:
        subprocess.run([sys.executable, "-m", "flask", "--app", "app", *command], cwd=ROOT,
                       env=self._child_environment(), check=True, capture_output=True, timeout=120)

    def _start(self, name: str, command: list[str]) -> subprocess.Popen:
        out: IO = self.enter_context(self.log_path(name, "stdout").open("wb"))
        err: IO = self.enter_context(self.log_path(name, "stderr").open("wb"))
        process = subprocess.Popen(command, cwd=ROOT, env=self._child_environment(), stdout=out, stderr=err,
                                   start_new_session=True)
        self._processes.append(process)
        return process

    def _child_environment(self) -> dict[str, str]:
        inherited = {name: value for name, value in os.environ.items() if name not in _NOT_INHERITED}
        # gunicorn's control socket goes into $XDG_RUNTIME_DIR: one per deployment, so two never meet
        return {**inherited, "XDG_RUNTIME_DIR": str(self.workdir), **self.environment}

    def _wait_until_serving(self) -> None:
        deadline = time.monotonic() + self.startup_seconds
        while time.monotonic() < deadline:
            if self.gunicorn.poll() is not None:
                raise RuntimeError(f"gunicorn exited ({self.gunicorn.returncode}):\n{self.logs()[-3000:]}")
            try:
                if httpx.get(f"{self.url}/health", timeout=2).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.1)
        raise RuntimeError(f"gunicorn did not answer /health in {self.startup_seconds:g} s:\n{self.logs()[-3000:]}")

    def _stop_processes(self) -> None:
        """SIGTERM, as systemd stops them; a process still there after 30 s is killed."""
        for process in reversed(self._processes):
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in reversed(self._processes):
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
