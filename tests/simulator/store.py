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
        # The ids of each kind in ascending order, kept until a record of the kind is added or deleted: searches
        # walk them at every call, and there may be 100,000 findings.
        self._ordered: Dict[str, List[int]] = {}
        self._next_id = 0
        self.reset()

    def reset(self) -> None:
        with self.lock:
            self._records = copy.deepcopy(self._initial)
            self._ordered = {}
            # One id sequence for everything created at run time, above every id in the fixture: new objects
            # sort after existing ones, as the service's growing ids do.
            self._next_id = _largest_id(list(list(kind.values()) for kind in self._initial.values())) + 1

    def new_id(self) -> int:
        with self.lock:
            self._next_id += 1
            return self._next_id - 1

    def new_ids(self, count: int) -> range:
        """``count`` consecutive new ids at once (seeding many findings)."""
        with self.lock:
            self._next_id += count
            return range(self._next_id - count, self._next_id)

    def get(self, kind: str, object_id: int) -> Optional[Record]:
        return self._records.get(kind, {}).get(object_id)

    def ids(self, kind: str) -> List[int]:
        """The ids of every record of a kind, ascending; the caller must not change the list."""
        ordered = self._ordered.get(kind)
        if ordered is None:
            ordered = self._ordered[kind] = sorted(self._records.get(kind, {}))
        return ordered

    def all(self, kind: str) -> List[Record]:
        records = self._records.get(kind, {})
        return [records[object_id] for object_id in self.ids(kind)]

    def put(self, kind: str, record: Record) -> None:
        records = self._records.setdefault(kind, {})
        if record["id"] not in records:
            self._ordered.pop(kind, None)
        records[record["id"]] = record

    def delete(self, kind: str, object_id: int) -> None:
        if self._records.get(kind, {}).pop(object_id, None) is not None:
            self._ordered.pop(kind, None)
