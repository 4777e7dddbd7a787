# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""A create or update in progress: what was sent and the record being built from it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Dict, FrozenSet, Optional

from .settings import Settings
from .store import Store


@dataclass
class Change:
    operation: str  # "create" or "update"
    patch: Dict[str, Any]
    record: Dict[str, Any]
    store: Store
    user_id: int
    now: datetime
    settings: Settings
    scope_tags: Optional[FrozenSet[int]] = None  # the caller's scan scope (auth.Caller)

    @property
    def creating(self) -> bool:
        return self.operation == "create"

    def sent(self, *path: str) -> bool:
        """Whether the request carried the element at ``path``."""
        node: Any = self.patch
        for name in path:
            if not isinstance(node, dict) or name not in node:
                return False
            node = node[name]
        return True
