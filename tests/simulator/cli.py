# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The command line: parse options, start the simulator, announce it, and stop cleanly on SIGTERM/SIGINT."""

from __future__ import annotations

import argparse
import os
import signal
import sys
from pathlib import Path
from typing import List, Optional

from .fixture import DEFAULT_FIXTURE
from .launch import Options, Simulator
from .settings import CHOICES, Settings
from .values import DATETIME


def _instant(text: str):
    try:
        return DATETIME.parse(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an ISO-8601 date and time: {text!r}") from None


def _parser() -> argparse.ArgumentParser:
    defaults = Settings()
    parser = argparse.ArgumentParser(prog="python -m tests.simulator", description="Qualys WAS API simulator.")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default: %(default)s)")
    parser.add_argument(
        "--port",
        type=int,
        default=int(os.environ.get("SIM_PORT", "18443")),
        help="port to listen on, 0 for any free one (default: $SIM_PORT or 18443)",
    )
    parser.add_argument("--tls", action="store_true", help="serve HTTPS with a certificate made at start-up")
    parser.add_argument("--ca-out", type=Path, help="with --tls: write the CA certificate (PEM) to this file")
    parser.add_argument("--fixture", type=Path, default=DEFAULT_FIXTURE, help="JSON fixture to load")
    parser.add_argument("--now", type=_instant, help="start the simulated clock at this instant (default: real time)")
    parser.add_argument("--rate-limit", type=int, default=defaults.rate_limit, help="calls allowed per window")
    parser.add_argument("--rate-window", type=int, default=defaults.rate_window, help="rate window in seconds")
    parser.add_argument("--concurrency-limit", type=int, default=defaults.concurrency_limit, help="calls at once")
    parser.add_argument("--scan-concurrency", type=int, default=defaults.scan_concurrency, help="scans running at once")
    parser.add_argument("--latency", type=float, default=defaults.latency, help="seconds added to every QPS call")
    parser.add_argument(
        "--token-lifetime", type=float, default=defaults.token_lifetime, help="seconds a token from /auth/oidc lives"
    )
    for name, allowed in CHOICES.items():
        parser.add_argument(
            "--" + name.replace("_", "-"),
            type=type(allowed[0]),
            choices=allowed,
            default=allowed[0],
            help="see README, 'Unsettled behaviours' (default: %(default)s)",
        )
    parser.add_argument("--access-log", action="store_true", help="log each request to standard error")
    return parser


def main(argv: Optional[List[str]] = None) -> int:
    parser = _parser()
    arguments = parser.parse_args(argv)
    if arguments.ca_out and not arguments.tls:
        parser.error("--ca-out needs --tls")
    try:
        settings = Settings(
            rate_limit=arguments.rate_limit,
            rate_window=arguments.rate_window,
            concurrency_limit=arguments.concurrency_limit,
            scan_concurrency=arguments.scan_concurrency,
            latency=arguments.latency,
            token_lifetime=arguments.token_lifetime,
            **{name: getattr(arguments, name) for name in CHOICES},
        )
        options = Options(
            host=arguments.host,
            port=arguments.port,
            tls=arguments.tls,
            ca_out=arguments.ca_out,
            fixture=arguments.fixture,
            now=arguments.now,
            settings=settings,
            access_log=arguments.access_log,
        )
        simulator = Simulator(options)
    except (OSError, ValueError) as error:  # an unreadable or invalid fixture, a port in use, a bad setting
        parser.exit(2, f"{parser.prog}: error: {error}\n")

    # The stop signals are blocked, before any thread starts so that every thread inherits the mask, and taken
    # with sigwait: no Python handler runs, so none can interrupt the main thread while it holds a lock and then
    # wait for that lock itself. A handler that set a threading.Event did that when two signals came close
    # together (a process group's SIGTERM, then the process's own): the second handler, run inside the first
    # one's Event.set(), waited for the Event's lock forever. Later signals stay pending, so the exit status is 0.
    stop_signals = {signal.SIGTERM, signal.SIGINT}
    signal.pthread_sigmask(signal.SIG_BLOCK, stop_signals)
    simulator.start()
    sys.stdout.write(f"listening on {simulator.url}\n")
    sys.stdout.flush()
    signal.sigwait(stop_signals)
    simulator.stop()
    return 0
