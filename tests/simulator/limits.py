# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""API limits as the Qualys documents describe them: every response carries ``X-RateLimit-*`` and
``X-Concurrency-Limit-*`` headers, and a call over a limit is refused with HTTP 409. Concurrency is checked
first and takes precedence. The rate window slides over real (not simulated) time."""

from __future__ import annotations

import math
import threading
import time
from collections import deque
from dataclasses import dataclass
from typing import Deque, Dict, Optional

from .settings import Settings


@dataclass(frozen=True)
class Admission:
    headers: Dict[str, str]
    refusal: Optional[str] = None  # why the call was refused (an errorMessage), None when admitted

    @property
    def admitted(self) -> bool:
        return self.refusal is None


class Limits:
    def __init__(self, clock=time.monotonic) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._calls: Deque[float] = deque()
        self._running = 0

    def reset(self) -> None:
        with self._lock:
            self._calls.clear()

    def admit(self, settings: Settings) -> Admission:
        """Admits a call (which must then ``release``) or refuses it; headers describe the state either way."""
        with self._lock:
            now = self._clock()
            while self._calls and self._calls[0] <= now - settings.rate_window:
                self._calls.popleft()
            running = self._running + 1
            to_wait = 0
            refusal = None
            if running > settings.concurrency_limit:
                running = self._running
                refusal = (
                    f"This API cannot be run again until {running - settings.concurrency_limit + 1} "
                    "currently running instance(s) have finished."
                )
            elif len(self._calls) >= settings.rate_limit:
                running = self._running
                to_wait = max(1, math.ceil(self._calls[0] + settings.rate_window - now))
                refusal = f"This API cannot be run again for another {to_wait} second(s)."
            else:
                self._calls.append(now)
                self._running = running
            headers = {
                "X-RateLimit-Limit": str(settings.rate_limit),
                "X-RateLimit-Window-Sec": str(settings.rate_window),
                "X-RateLimit-Remaining": str(max(0, settings.rate_limit - len(self._calls))),
                "X-RateLimit-ToWait-Sec": str(to_wait),
                "X-Concurrency-Limit-Limit": str(settings.concurrency_limit),
                "X-Concurrency-Limit-Running": str(running),
            }
            return Admission(headers, refusal)

    def release(self) -> None:
        with self._lock:
            self._running -= 1
