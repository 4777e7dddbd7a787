# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The simulator's clock running fast while a playbook waits for scans (its speed factor, tests/simulator/README.md
"Control API"), so that scans of minutes or hours end in seconds while the modules poll as they would."""

from __future__ import annotations

from contextlib import contextmanager
from typing import Any, Iterator


@contextmanager
def clock_running_fast(sim: Any, speed: float) -> Iterator[None]:
    """The simulated clock ``speed`` times as fast as real time, from where it stands, while the block runs; then
    at the real pace again from where it got to."""
    sim.control("POST", "clock", {"now": sim.control("GET", "clock")["now"], "speed": speed})
    try:
        yield
    finally:
        sim.control("POST", "clock", {"now": sim.control("GET", "clock")["now"]})
