# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The simulated clock: real time, or a chosen instant that then moves on at the real pace or ``speed`` times it.

Replaying the seed requests, dated 2017, needs "now" in 2017: a create checks that the start date is not
in the past, and created/updated dates are stamped from this clock. A speed above 1 lets a client wait for a scan
of hours in seconds, polling as it would (the benchmark's waits).
"""

from __future__ import annotations

import threading
from datetime import datetime, timezone
from typing import Optional


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


class Clock:
    def __init__(self, start: Optional[datetime] = None) -> None:
        self._lock = threading.Lock()
        self._anchor_real = utc_now()
        self._anchor = self._anchor_real
        self._speed = 1.0
        self._simulated = False
        self.set(start)

    def set(self, instant: Optional[datetime], speed: float = 1.0) -> None:
        """Moves "now" to ``instant`` (an aware datetime), from where it runs ``speed`` times as fast as real time;
        None: back to real time (speed 1)."""
        with self._lock:
            self._anchor_real = utc_now()
            self._anchor = instant or self._anchor_real
            self._speed = speed if instant else 1.0
            self._simulated = instant is not None

    @property
    def speed(self) -> float:
        return self._speed

    @property
    def simulated(self) -> bool:
        return self._simulated

    def now(self) -> datetime:
        with self._lock:
            return (self._anchor + (utc_now() - self._anchor_real) * self._speed).replace(microsecond=0)
