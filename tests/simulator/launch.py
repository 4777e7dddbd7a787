# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Starting and stopping a simulator, in-process (tests) or from the command line."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Optional, Union

from .app import Application
from .fixture import DEFAULT_FIXTURE, load_fixture
from .server import SimulatorServer
from .settings import Settings
from .tls import server_context
from .values import DATETIME


@dataclass(frozen=True)
class Options:
    host: str = "127.0.0.1"
    port: int = 18443  # 0 picks a free port
    tls: bool = False
    ca_out: Optional[Path] = None  # where --tls writes its CA certificate
    fixture: Path = DEFAULT_FIXTURE
    now: Optional[datetime] = None  # the simulated clock's start; None: real time
    settings: Settings = field(default_factory=Settings)
    access_log: bool = False


class Simulator:
    """A running simulator: ``url`` to call it, ``stop()`` to end it."""

    def __init__(self, options: Options) -> None:
        self.application = Application(load_fixture(options.fixture), options.settings, options.now)
        tls = server_context({options.host, "127.0.0.1", "localhost"}, options.ca_out) if options.tls else None
        self.server = SimulatorServer(options.host, options.port, self.application, tls, options.access_log)
        self._thread = None

    @property
    def url(self) -> str:
        return self.server.url

    def start(self) -> "Simulator":
        self._thread = self.server.serve_in_background()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self._thread.join()


def start_simulator(
    port: int = 0,
    host: str = "127.0.0.1",
    tls: bool = False,
    ca_out: Optional[Union[str, Path]] = None,
    fixture: Optional[Union[str, Path]] = None,
    now: Optional[Union[str, datetime]] = None,
    access_log: bool = False,
    **settings,
) -> Simulator:
    """Starts a simulator in a background thread. ``settings`` are the fields of ``Settings`` (settings.py),
    e.g. ``search_shape="full"``, ``last_day_order=5``, ``latency=0.2``; ``now`` may be an ISO-8601 string."""
    options = Options(
        host=host,
        port=port,
        tls=tls,
        ca_out=Path(ca_out) if ca_out else None,
        fixture=Path(fixture) if fixture else DEFAULT_FIXTURE,
        now=DATETIME.parse(now) if isinstance(now, str) else now,
        settings=Settings(**settings),
        access_log=access_log,
    )
    return Simulator(options).start()
