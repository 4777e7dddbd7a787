# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Tags, looked up through the Asset Management API (``/qps/rest/2.0/search/am/tag``), shaped like sample
tag-search-demisto-2 (names without CDATA there)."""

from __future__ import annotations

from ..criteria import at
from ..schema import Group, Leaf
from ..values import DATETIME, LONG, TEXT
from .base import ObjectType
from .common import ID

SPEC = Group(
    "Tag",
    (
        ID,
        Leaf("name"),
        Leaf("created", DATETIME, writable=False),
        Leaf("modified", DATETIME, writable=False),
        Leaf("ruleType", writable=False),
    ),
)

TAG = ObjectType(
    spec=SPEC,
    path="tag",
    module="am",
    api_version="2.0",
    searchable={"id": at("id", LONG), "name": at("name", TEXT)},
    operations=frozenset(("search",)),
)
