# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The simulated subscription's objects, kept in memory and restored from the fixture on reset.

Records are dicts keyed by element name, grouped by kind (the object's element name, e.g. ``WebApp``).
Callers hold ``lock`` for a whole QPS call, so that every call sees and leaves a consistent state.
"""

from __future__ import annotations

import copy
import threading
from typing import Any, Dict, Iterable, List, Optional

Record = Dict[str, Any]


def _largest_id(value: Any) -> int:
    if isinstance(value, dict):
        own = value.get("id") if isinstance(value.get("id"), int) else 0
        return max([own] + [_largest_id(child) for child in value.values()])
    if isinstance(value, list):
        return max([0] + [_largest_id(child) for child in value])
    return 0


class Store:
    def __init__(self, initial: Dict[str, Iterable[Record]]) -> None:
        self.lock = threading.RLock()
        self._initial = {kind: {record["id"]: record for record in records} for kind, records in initial.items()}
        self._records: Dict[str, Dict[int, Record]] = {}
        self._next_id = 0
        self.reset()

    def reset(self) -> None:
        with self.lock:
            self._records = copy.deepcopy(self._initial)
            # One id sequence for everything created at run time, above every id in the fixture: new objects
            # sort after existing ones, as the service's growing ids do.
            self._next_id = _largest_id(list(list(kind.values()) for kind in self._initial.values())) + 1

    def new_id(self) -> int:
        with self.lock:
            self._next_id += 1
            return self._next_id - 1

    def get(self, kind: str, object_id: int) -> Optional[Record]:
        return self._records.get(kind, {}).get(object_id)

    def all(self, kind: str) -> List[Record]:
        return sorted(self._records.get(kind, {}).values(), key=lambda record: record["id"])

    def put(self, kind: str, record: Record) -> None:
        self._records.setdefault(kind, {})[record["id"]] = record

    def delete(self, kind: str, object_id: int) -> None:
        self._records.get(kind, {}).pop(object_id, None)
