# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The simulated clock: real time, or a chosen instant that then moves on at the real pace.

Replaying the seed requests, dated 2017, needs "now" in 2017: a create checks that the start date is not
in the past, and created/updated dates are stamped from this clock.
"""

from __future__ import annotations

import threading
from datetime import datetime, timedelta, timezone
from typing import Optional


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


class Clock:
    def __init__(self, start: Optional[datetime] = None) -> None:
        self._lock = threading.Lock()
        self._offset = timedelta(0)
        self._simulated = False
        self.set(start)

    def set(self, instant: Optional[datetime]) -> None:
        """Moves "now" to ``instant`` (an aware datetime), or back to real time with None."""
        with self._lock:
            self._offset = instant - utc_now() if instant else timedelta(0)
            self._simulated = instant is not None

    @property
    def simulated(self) -> bool:
        return self._simulated

    def now(self) -> datetime:
        with self._lock:
            return (utc_now() + self._offset).replace(microsecond=0)
