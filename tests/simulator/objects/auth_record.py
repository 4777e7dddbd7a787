# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""WebAppAuthRecord: element tree per the reference (section 4.3) and seed 003; secrets masked per permission."""

from __future__ import annotations

from typing import List

from .. import masking, permissions
from ..change import Change
from ..criteria import Searchable, at, values_at
from ..schema import Group, Leaf, QList
from ..store import Record, Store
from ..values import BOOLEAN, DATETIME, LONG, Keyword
from .base import READS, WRITES, ObjectType
from .common import AUDIT, COMMENTS, ID, NAME, OWNER, TAGS, common_searchable, tag_searchable

FIELD_OPERATIONS = ("set", "add", "remove", "update")
OAUTH2_GRANTS = ("AUTH_CODE", "IMPLICIT", "PASSWORD", "CLIENT_CREDS")
CONTENTS = Keyword(
    "FORM_STANDARD",
    "FORM_CUSTOM",
    "FORM_SELENIUM",
    "SERVER_BASIC",
    "SERVER_DIGEST",
    "SERVER_NTLM",
    "CERTIFICATE",
    *(f"OAUTH2_{grant}" for grant in OAUTH2_GRANTS),
)

SELENIUM_SCRIPT = Group(
    "seleniumScript",
    (
        Leaf("name", cdata=True),
        Leaf("data", cdata=True, mask=masking.SELENIUM_TYPED_VALUES),
        Leaf("regex", cdata=True),
    ),
)

FORM_RECORD = Group(
    "formRecord",
    (
        Leaf("type", Keyword("STANDARD", "CUSTOM", "SELENIUM", "NONE")),
        Leaf("sslOnly", BOOLEAN),
        SELENIUM_SCRIPT,
        QList(
            "fields",
            Group(
                "WebAppAuthFormRecordField",
                (
                    Leaf("id", LONG),
                    Leaf("name", cdata=True),
                    Leaf("secured", BOOLEAN),
                    Leaf("value", cdata=True, mask=masking.SECURED_FIELD_VALUE),
                ),
            ),
            ops=FIELD_OPERATIONS,
            new_item_id=True,
        ),
    ),
)

SERVER_RECORD = Group(
    "serverRecord",
    (
        Leaf("sslOnly", BOOLEAN),
        Group(
            "certificate",
            (
                Leaf("name", cdata=True),
                Leaf("contents", cdata=True, mask=masking.PASSWORD),
                Leaf("passphrase", cdata=True, mask=masking.PASSWORD),
            ),
        ),
        QList(
            "fields",
            Group(
                "WebAppAuthServerRecordField",
                (
                    Leaf("id", LONG),
                    Leaf("type", Keyword("BASIC", "DIGEST", "NTLM")),
                    Leaf("domain", cdata=True),
                    Leaf("username", cdata=True),
                    Leaf("password", cdata=True, mask=masking.PASSWORD),
                ),
            ),
            ops=FIELD_OPERATIONS,
            new_item_id=True,
        ),
    ),
)

OAUTH2_RECORD = Group(
    "oauth2Record",
    (
        Leaf("grantType", Keyword("NONE", *OAUTH2_GRANTS)),
        SELENIUM_SCRIPT,
        Leaf("redirectUrl", cdata=True),
        Leaf("accessTokenUrl", cdata=True),
        Leaf("username", cdata=True),
        Leaf("password", cdata=True, mask=masking.PASSWORD),
        Leaf("clientId", cdata=True),
        Leaf("clientSecret", cdata=True, mask=masking.PASSWORD),
        Leaf("scope", cdata=True),
        Leaf("accessTokenExpiredMsgPattern", cdata=True),
    ),
)

# search_auth.htm: the status of the record's authentication in the last scan that used it.
AUTH_STATUS = Keyword("NONE", "NOT_USED", "SUCCESSFUL", "FAILED", "PARTIAL")

SPEC = Group(
    "WebAppAuthRecord",
    (
        ID,
        NAME,
        OWNER,
        FORM_RECORD,
        SERVER_RECORD,
        OAUTH2_RECORD,
        TAGS,
        COMMENTS,
        *AUDIT,
        # Searchable (search_auth.htm); its place and shape in a response are not recorded, so it is not shown.
        Group("lastScan", (Leaf("date", DATETIME), Leaf("authStatus", AUTH_STATUS)), writable=False, hidden=True),
    ),
)

# Sample webappauthrecord-search-trolldbois-1: a search without verbose returns this much.
SUMMARY = SPEC.only(
    "id", "name", "owner", "tags", "createdDate", "updatedDate", tags=QList("tags", TAGS.item, count_only=True)
)


def contents(record: Record) -> List[str]:
    """The kinds of credentials a record holds, as the ``contents`` criterion names them."""
    found = []
    form_type = record.get("formRecord", {}).get("type")
    if form_type:
        found.append(f"FORM_{form_type}")
    server = record.get("serverRecord", {})
    found.extend(f"SERVER_{field['type']}" for field in server.get("fields", ()))
    if "certificate" in server:
        found.append("CERTIFICATE")
    grant = record.get("oauth2Record", {}).get("grantType")
    if grant:
        found.append(f"OAUTH2_{grant}")
    return found


def _auth_status(record: Record, store: Store) -> List[str]:
    # A record no scan has used yet has the status NONE.
    return values_at(record, "lastScan.authStatus") or ["NONE"]


def _used(record: Record, store: Store) -> List[bool]:
    """Whether a schedule's target names the record (search_auth.htm isUsed)."""
    schedules = store.all("WasScanSchedule")
    return [any(record["id"] in values_at(schedule, "target.webAppAuthRecord.id") for schedule in schedules)]


def type_none_clears(change: Change) -> None:
    """Sending formRecord/type or oauth2Record/grantType NONE removes that part (reference, update sample 2)."""
    for part, selector in (("formRecord", "type"), ("oauth2Record", "grantType")):
        if change.record.get(part, {}).get(selector) == "NONE":
            del change.record[part]


AUTH_RECORD = ObjectType(
    spec=SPEC,
    path="webappauthrecord",
    summary=SUMMARY,
    # search_auth.htm; "tags" is a tag id as in qualysdk's filter_mappings.py. owner.id is not documented here.
    searchable={
        **{name: field for name, field in common_searchable().items() if name != "owner.id"},
        **tag_searchable(),
        "tags": at("tags.id", LONG, multi=True),
        "lastScan.date": at("lastScan.date", DATETIME),
        "lastScan.authStatus": Searchable(AUTH_STATUS, _auth_status),
        "isUsed": Searchable(BOOLEAN, _used),
        "contents": Searchable(CONTENTS, lambda record, store: contents(record), multi=True),
    },
    operations=READS | WRITES,
    permissions={
        "create": permissions.CREATE_AUTH_RECORD,
        "update": permissions.EDIT_AUTH_RECORD,
        "delete": permissions.DELETE_AUTH_RECORD,
    },
    defaults={"tags": [], "comments": []},
    required=("name",),
    derivations=(type_none_clears,),
)
