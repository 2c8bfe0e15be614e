"""Small helpers shared by tests (fixtures live in conftest.py)."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

PROJECT_ROOT = Path(__file__).resolve().parents[1]


def free_ports(count: int) -> list[int]:
    """Distinct local ports nothing listens on right now."""
    probes = [socket.socket() for _ in range(count)]
    try:
        for probe in probes:
            probe.bind(("127.0.0.1", 0))
        return [probe.getsockname()[1] for probe in probes]
    finally:
        for probe in probes:
            probe.close()


@dataclass
class DemoProcess:
    """A running `flask --app app demo`: its ports, and everything it printed once it has stopped."""

    backend_port: int
    contaazul_port: int
    sheets_port: int
    process: subprocess.Popen
    output: str = ""

    def get(self, url: str, deadline_seconds: float = 60) -> httpx.Response:
        """GET `url` once the demo answers (it may still be starting); fails if the demo exits."""
        deadline = time.monotonic() + deadline_seconds
        while True:
            try:
                return httpx.get(url, timeout=2)
            except httpx.TransportError:
                if self.process.poll() is not None:
                    raise AssertionError(f"the demo exited early:\n{self.process.communicate()[0]}") from None
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)


@contextmanager
def running_demo(instance_path: Path) -> Iterator[DemoProcess]:
    """The README's run command on free ports until the block ends, then stopped as by Ctrl-C."""
    backend_port, contaazul_port, sheets_port = free_ports(3)
    process = subprocess.Popen(
        [sys.executable, "-m", "flask", "--app", "app", "demo", "--port", str(backend_port),
         "--contaazul-port", str(contaazul_port), "--sheets-port", str(sheets_port)],
        env={**os.environ, "AZULEJO_INSTANCE_PATH": str(instance_path)}, cwd=PROJECT_ROOT,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    demo = DemoProcess(backend_port, contaazul_port, sheets_port, process)
    try:
        yield demo
    finally:
        process.send_signal(signal.SIGINT)
        try:
            demo.output, _ = process.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            demo.output, _ = process.communicate()
