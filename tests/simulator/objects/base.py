# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""What the simulator needs to know about one QPS object, as a table rather than as handler code."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Dict, FrozenSet, Optional, Tuple

from ..change import Change
from ..criteria import Searchable
from ..schema import Group

Rule = Callable[[Change], None]

READS = frozenset(("search", "count", "get"))
WRITES = frozenset(("create", "update", "delete"))


@dataclass(frozen=True)
class ObjectType:
    spec: Group  # the full shape: get, create response, verbose search
    path: str  # the name in URLs, e.g. "wasscanschedule"
    searchable: Dict[str, Searchable]
    operations: FrozenSet[str] = READS
    module: str = "was"
    api_version: str = "3.0"
    summary: Optional[Group] = None  # the non-verbose search shape, where the service has one
    # True where no source shows what a verbose search returns: the get shape only under search_shape "full".
    verbose_unsettled: bool = False
    permissions: Dict[str, str] = field(default_factory=dict)  # write operation -> permission it needs
    defaults: Dict[str, Any] = field(default_factory=dict)  # top-level values a create starts from
    alternate_defaults: Dict[str, Any] = field(default_factory=dict)  # replace some under profile_defaults
    required: Tuple[str, ...] = ()  # element paths ("scheduling/startDate") a create must end up with
    preparations: Tuple[Rule, ...] = ()  # adjust the starting record before the patch is merged into it
    rules: Tuple[Rule, ...] = ()  # business rules; each raises QpsError when the change breaks it
    derivations: Tuple[Rule, ...] = ()  # server-side values computed after the rules passed
    # Operations that set one element, addressed like a delete: operation -> (element, value it sets).
    toggles: Dict[str, Tuple[str, Any]] = field(default_factory=dict)
    # Operations of this object alone (a scan's launch, status, cancel, download): operation -> handler(call).
    handlers: Dict[str, Callable[[Any], Any]] = field(default_factory=dict)
    # Called before every QPS call, with the store locked: (store, now, settings), to bring state up to the clock.
    advance: Optional[Callable[[Any, Any, Any], None]] = None
    # The full shape where a setting chooses it (settings -> Group), in place of ``spec`` in answers.
    variant: Optional[Callable[[Any], Group]] = None

    def full(self, settings: Any) -> Group:
        return self.variant(settings) if self.variant else self.spec

    @property
    def kind(self) -> str:
        return self.spec.name
