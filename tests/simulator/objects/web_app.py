# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""WebApp lookups: search (non-verbose shape of the webapp-search samples) and get."""

from __future__ import annotations

from ..criteria import at
from ..schema import Group, Leaf, QList, Ref
from ..values import BOOLEAN, DATETIME, TEXT
from .base import ObjectType
from .common import ID, ID_AND_NAME, NAME, OWNER, TAGS, USER, common_searchable, tag_searchable

SPEC = Group(
    "WebApp",
    (
        ID,
        NAME,
        Leaf("url", cdata=True),
        OWNER,
        TAGS,
        Ref("defaultProfile", "OptionProfile", show=ID_AND_NAME),
        Leaf("isScanned", BOOLEAN, hidden=True),
        Leaf("createdDate", DATETIME, writable=False),
        Leaf("updatedDate", DATETIME, writable=False),
    ),
)

SUMMARY = SPEC.only(
    "id",
    "name",
    "url",
    "owner",
    "tags",
    "createdDate",
    "updatedDate",
    owner=Ref("owner", USER.name),
    tags=QList("tags", TAGS.item, count_only=True),
)

WEB_APP = ObjectType(
    spec=SPEC,
    path="webapp",
    summary=SUMMARY,
    searchable={
        **common_searchable(),
        **tag_searchable(),
        "url": at("url", TEXT),
        "isScanned": at("isScanned", BOOLEAN),
    },
)
