# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Element specs shared by several objects: ids, names, users, tags, comments and the audit trail."""

from __future__ import annotations

from ..change import Change
from ..criteria import at, joined, values_at
from ..schema import Group, Leaf, QList, Ref
from ..values import DATETIME, LONG, TEXT

ID = Leaf("id", LONG, writable=False)
NAME = Leaf("name", TEXT, cdata=True, raw=True)
ID_AND_NAME = (Leaf("id", LONG), NAME)

USER_FIELDS = (Leaf("id", LONG), Leaf("username"), Leaf("firstName", cdata=True), Leaf("lastName", cdata=True))
USER = Group("User", USER_FIELDS)
PARAMETER_SET = Group("ParameterSet", ID_AND_NAME)


def user(name: str) -> Ref:
    return Ref(name, USER.name, show=USER_FIELDS, writable=False)


OWNER = user("owner")
AUDIT = (
    Leaf("createdDate", DATETIME, writable=False),
    user("createdBy"),
    Leaf("updatedDate", DATETIME, writable=False),
    user("updatedBy"),
)

TAGS = QList("tags", Ref("Tag", "Tag", show=ID_AND_NAME))


def _comment_stamp(change: Change) -> dict:
    return {"author": {"id": change.user_id}, "createdDate": change.now}


COMMENTS = QList(
    "comments",
    Group(
        "Comment",
        (
            Leaf("contents", cdata=True),
            Ref("author", USER.name, show=USER_FIELDS[:2], writable=False),
            Leaf("createdDate", DATETIME, writable=False),
        ),
    ),
    ops=("set", "add"),
    stamp=_comment_stamp,
)


def brief(spec: Group) -> Group:
    """What a search answers for objects no source shows searched in full (search_shape "summary"): the
    elements every recorded non-verbose search shape has (sample webappauthrecord-search-trolldbois-1)."""
    return spec.only("id", "name", "owner", "createdDate", "updatedDate")


def common_searchable() -> dict:
    return {
        "id": at("id", LONG),
        "name": at("name", TEXT),
        "owner.id": at("owner.id", LONG),
        "createdDate": at("createdDate", DATETIME),
        "updatedDate": at("updatedDate", DATETIME),
    }


def tag_searchable() -> dict:
    return {
        "tags.id": at("tags.id", LONG, multi=True),
        "tags.name": joined(lambda record: values_at(record, "tags.id"), "Tag", "name", TEXT),
    }
