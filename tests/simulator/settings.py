# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Behaviour switches set on the command line and changeable at run time through ``/_sim/settings``."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace
from typing import Any, Dict

EMPTY_SHAPES = ("a", "b")


@dataclass(frozen=True)
class Settings:
    # Empty search results: "b" answers responseCode + count 0 only (the newer real shape); "a" adds
    # hasMoreRecords false and an empty data element (the older one).
    empty_shape: str = "b"
    # Defaults high enough that ordinary use never meets them; tests and demos lower them.
    rate_limit: int = 100000
    rate_window: int = 3600
    concurrency_limit: int = 100

    def __post_init__(self) -> None:
        if self.empty_shape not in EMPTY_SHAPES:
            raise ValueError(f"empty_shape must be one of {', '.join(EMPTY_SHAPES)}")
        for name in ("rate_limit", "rate_window", "concurrency_limit"):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise ValueError(f"{name} must be a positive integer")

    def changed(self, changes: Dict[str, Any]) -> "Settings":
        unknown = set(changes) - {field.name for field in fields(self)}
        if unknown:
            raise ValueError(f"unknown settings: {', '.join(sorted(unknown))}")
        return replace(self, **changes)

    def as_dict(self) -> Dict[str, Any]:
        return asdict(self)
