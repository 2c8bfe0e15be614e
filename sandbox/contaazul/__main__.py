"""`python -m sandbox.contaazul --port PORT`: serve the stand-in for the demo and for benchmarks."""
from __future__ import annotations

import argparse
import logging

from werkzeug.serving import run_simple

from .app import create_app
from .demo import DEMO_EMAIL, DEMO_PASSWORD, OTHER_EMAIL, OTHER_PASSWORD
from .settings import SandboxSettings


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m sandbox.contaazul",
                                     description="Conta Azul API + OAuth stand-in (settings also from "
                                                 "SANDBOX_CONTAAZUL_* variables; flags win).")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--token-ttl", dest="token_ttl_seconds", type=int)
    parser.add_argument("--error-rate", dest="error_rate", type=float)
    parser.add_argument("--latency-ms", dest="latency_ms", type=int)
    parser.add_argument("--rate-per-second", dest="rate_per_second", type=int)
    parser.add_argument("--rate-per-minute", dest="rate_per_minute", type=int)
    parser.add_argument("--seed", dest="seed", type=int)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    overrides = {key: value for key, value in vars(args).items() if key not in ("host", "port")}
    settings = SandboxSettings.from_env(**overrides)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    log = logging.getLogger(__name__)
    log.info("contaazul sandbox on http://%s:%s client_id=%s redirect_uri=%s", args.host, args.port,
             settings.client_id, settings.redirect_uri)
    log.info("demo logins: %s / %s and %s / %s", DEMO_EMAIL, DEMO_PASSWORD, OTHER_EMAIL, OTHER_PASSWORD)
    run_simple(args.host, args.port, create_app(settings), threaded=True, use_reloader=False)


if __name__ == "__main__":
    main()
