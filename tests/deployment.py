"""The backend as an operator runs it, against both stand-ins: `flask --app app db upgrade`, then
gunicorn with the repository's gunicorn.conf.py and `flask --app app worker`, as child processes.

The stand-ins serve from threads of this process; both send the browser back to gunicorn's
callbacks. A `Browser` is a person's browser against it (a cookie jar of its own), following a
connect link one step at a time. The gunicorn, fault and attack tests and the nudge latency
benchmark share this.
"""
from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from dataclasses import fields
from pathlib import Path
from typing import IO

import httpx

from sandbox.backend_settings import stand_in_settings
from sandbox.contaazul import DEMO_EMAIL, DEMO_PASSWORD, SandboxServer, SandboxSettings, oauth_params
from sandbox.sheets import SheetsSandboxServer, SheetsSandboxSettings
from sheets_addon.config import CONNECT_BEGIN_PATH, GOOGLE_CALLBACK_PATH, Settings
from tests.helpers import free_ports

ROOT = Path(__file__).resolve().parents[1]
CALLBACK_PATH = "/api/v1/connections/contaazul/callback"
# What the children must not inherit from whoever runs this: they get exactly the settings below.
_NOT_INHERITED = {field.name for field in fields(Settings)} | {
    "AZULEJO_INSTANCE_PATH", "AZULEJO_BIND", "AZULEJO_THREADS", "PORT", "WEB_CONCURRENCY",
    "GUNICORN_CMD_ARGS", "FLASK_APP"}


class Deployment(ExitStack):
    """A scratch instance folder, both stand-ins, gunicorn on a free port and (with `worker`) a worker.

    `env` adds or overrides the backend's settings (environment variables) for every process. With
    `google_web_client` the backend has the Sheets stand-in's OAuth web client: people may connect
    their own Google account, and a Conta Azul connect checks the person with Google sign-in.
    """

    def __init__(self, *, worker: bool = True, env: dict[str, str] | None = None,
                 contaazul_settings: SandboxSettings | None = None, startup_seconds: float = 60,
                 google_web_client: bool = False) -> None:
        super().__init__()
        self.with_worker, self.extra_env, self.startup_seconds = worker, dict(env or {}), startup_seconds
        self.google_web_client = google_web_client
        self.port = free_ports(1)[0]
        self.url = f"http://127.0.0.1:{self.port}"
        self.contaazul_settings = contaazul_settings or SandboxSettings(redirect_uri=self.url + CALLBACK_PATH)
        self._processes: list[subprocess.Popen] = []

    def __enter__(self) -> Deployment:
        super().__enter__()
        try:
            self.workdir = Path(self.enter_context(tempfile.TemporaryDirectory(prefix="azulejo-deploy-")))
            self.contaazul = self.enter_context(SandboxServer(self.contaazul_settings))
            self.sheets = self.enter_context(SheetsSandboxServer(SheetsSandboxSettings(
                oauth_redirect_uris=self.url + GOOGLE_CALLBACK_PATH)))
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
        instance = self.workdir / "instance"
        stand_ins = {name: value for name, value in stand_in_settings(self.contaazul, self.sheets).items()
                     if self.google_web_client or not name.startswith("GOOGLE_OAUTH_")}
        return {"AZULEJO_INSTANCE_PATH": str(instance),
                "DATABASE_URL": f"sqlite:///{instance / 'azulejo.db'}",
                "AZULEJO_BIND": f"127.0.0.1:{self.port}",
                "PUBLIC_BASE_URL": self.url,
                "LOG_LEVEL": "INFO",
                **stand_ins,
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

    def start(self, provider: str = "contaazul", headers: dict[str, str] | None = None) -> str:
        """The add-on's start call (not the browser's): the connect link the sidebar opens."""
        started = httpx.post(f"{self.url}/api/v1/connections/{provider}/start",
                             headers=headers or self.signed_in(), timeout=30)
        started.raise_for_status()
        return started.json()["authorize_url"]

    def connect_company(self, email: str = DEMO_EMAIL, login: tuple[str, str] = (DEMO_EMAIL, DEMO_PASSWORD),
                        headers: dict[str, str] | None = None) -> dict:
        """`email` connects the Conta Azul company of `login` the whole way round: the start call, the
        begin page, the person's check (Google sign-in or the confirmation), Conta Azul's sign-in form,
        and the browser sent back to gunicorn's callback."""
        headers = headers or self.signed_in(email)
        with Browser(self) as browser:
            page = browser.sign_in_at_contaazul(browser.to_contaazul(self.start(headers=headers), email), *login)
            if page.status_code != 200:
                raise RuntimeError(f"the callback answered {page.status_code}")
        listed = httpx.get(f"{self.url}/api/v1/connections", headers=headers, timeout=30).json()
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


def state_of(url: str) -> str:
    """The state in a begin link's query, or in Conta Azul's sign-in URL (after its fragment's route)."""
    return oauth_params(url)["state"]


class Browser(ExitStack):
    """A person's browser against a deployment, with a cookie jar of its own, taking a connect link one
    step at a time (every answer is returned as is: redirects are followed by the caller)."""

    def __init__(self, deployment: Deployment) -> None:
        super().__init__()
        self.deployment = deployment
        self.http = self.enter_context(httpx.Client(timeout=30))

    def open(self, url: str) -> httpx.Response:
        """A link typed, clicked or opened by the sidebar: the begin page, say."""
        return self.http.get(url)

    def sign_in_at_google(self, sent_there: httpx.Response, email: str, allow: bool = True) -> httpx.Response:
        """Where the backend sent the browser: Google's page (the Sheets stand-in's), signed in as `email`
        (or cancelled); then back to the backend's Google callback, whose answer this is."""
        query = self.deployment.sheets.consent(sent_there.headers["location"], email, allow=allow)
        return self.http.get(self.deployment.url + GOOGLE_CALLBACK_PATH, params=query)

    def confirm(self, confirmation: httpx.Response, action: str = "continue") -> httpx.Response:
        """The confirmation page's Continuar (or Cancelar)."""
        state = re.search(r'name="state" value="([^"]+)"', confirmation.text).group(1)
        return self.http.post(self.deployment.url + CONNECT_BEGIN_PATH, data={"state": state, "action": action})

    def to_contaazul(self, link: str, email: str) -> str:
        """The link opened and the person checked (`email` signs in to Google, or confirms): the URL of
        Conta Azul's sign-in page the backend then sends the browser to."""
        begun = self.open(link)
        checked = self.confirm(begun) if begun.status_code == 200 else self.sign_in_at_google(begun, email)
        if checked.status_code != 303:
            raise RuntimeError(f"the person's check answered {checked.status_code}")
        return checked.headers["location"]

    def sign_in_at_contaazul(self, authorize_url: str, login: str = DEMO_EMAIL,
                             password: str = DEMO_PASSWORD) -> httpx.Response:
        """Conta Azul's sign-in page, as the backend sent the browser there, for the company of `login`;
        then back to the backend's callback with what the page sends back."""
        back = self.deployment.contaazul.sign_in(authorize_url, login, password)
        return self.http.get(self.deployment.url + CALLBACK_PATH, params=back)
