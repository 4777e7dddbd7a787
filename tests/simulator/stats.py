# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Call counters, so that tests and the benchmark can check how many API calls a task made."""

from __future__ import annotations

import threading
from collections import Counter
from typing import Any, Dict, List

WRITE_OPERATIONS = frozenset(("create", "update", "delete", "activate", "deactivate", "launch", "cancel", "ignore"))


class Stats:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._by_call: Counter = Counter()
        self._criteria: Counter = Counter()
        self._limited = 0
        self._faulted = 0

    def reset(self) -> None:
        with self._lock:
            self._by_call.clear()
            self._criteria.clear()
            self._limited = self._faulted = 0

    def count_call(self, call_key: str, criteria: List[str]) -> None:
        """Every QPS call that reached the simulator, whatever its outcome, keyed ``<op>/<object>``, and each
        Criteria it carried, keyed ``<op>/<object> <field> <OPERATOR>``, so that tests can prove which
        operators a client sends."""
        with self._lock:
            self._by_call[call_key] += 1
            self._criteria.update(f"{call_key} {criterion}" for criterion in criteria)

    def count_limited(self) -> None:
        with self._lock:
            self._limited += 1

    def count_fault(self) -> None:
        with self._lock:
            self._faulted += 1

    def snapshot(self) -> Dict[str, Any]:
        with self._lock:
            return {
                "total": sum(self._by_call.values()),
                "writes": sum(n for key, n in self._by_call.items() if key.split("/")[0] in WRITE_OPERATIONS),
                "by_call": dict(sorted(self._by_call.items())),
                "criteria": dict(sorted(self._criteria.items())),
                "limited": self._limited,
                "faulted": self._faulted,
            }
