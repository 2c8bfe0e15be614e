"""Small helpers shared by tests (fixtures live in conftest.py)."""
from __future__ import annotations

import socket


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
