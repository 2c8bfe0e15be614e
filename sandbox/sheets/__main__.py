"""`python -m sandbox.sheets --port PORT`: serve the stand-in for the demo and for benchmarks."""
from __future__ import annotations

import argparse
import logging

from werkzeug.serving import run_simple

from .app import create_app
from .settings import SheetsSandboxSettings


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m sandbox.sheets",
                                     description="Google Sheets API v4 stand-in (settings also from "
                                                 "SANDBOX_SHEETS_* variables; flags win).")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8766)
    parser.add_argument("--read-per-minute", dest="read_per_minute", type=int)
    parser.add_argument("--write-per-minute", dest="write_per_minute", type=int)
    parser.add_argument("--strict-auth", dest="strict_auth", action="store_true", default=None)
    parser.add_argument("--error-rate", dest="error_rate", type=float)
    parser.add_argument("--latency-ms", dest="latency_ms", type=int)
    parser.add_argument("--seed", dest="seed", type=int)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    overrides = {key: value for key, value in vars(args).items() if key not in ("host", "port")}
    settings = SheetsSandboxSettings.from_env(**overrides)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    logging.getLogger(__name__).info("sheets sandbox on http://%s:%s (quotas %s read / %s write per minute per user)",
                                     args.host, args.port, settings.read_per_minute, settings.write_per_minute)
    run_simple(args.host, args.port, create_app(settings), threaded=True, use_reloader=False)


if __name__ == "__main__":
    main()
