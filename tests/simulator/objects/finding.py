# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Finding: what scans found, one record per web app, QID, URL and parameter, in the non-verbose shape and order
of the recorded finding search (survey section 3.1, JupiterOne 2022), with the verbose elements of the aegis
structs and the Elastic fixture; and Qid, the catalogue scans draw from."""

from __future__ import annotations

from typing import List

from .. import permissions
from ..scans import IGNORED
from ..criteria import Searchable, at, joined, values_at
from ..store import Record, Store
from ..schema import Group, Leaf, QList, Ref
from ..values import BOOLEAN, DATETIME, LONG, TEXT, Keyword
from .base import READS, ObjectType
from .common import ID, NAME, TAGS, user
from .finding_ignores import REASONS, activate, ignore

FINDING_TYPE = Keyword("VULNERABILITY", "SENSITIVE_CONTENT", "INFORMATION_GATHERED")
# search_finding.htm; CISA's report XML adds BURP and BUGCROWD.
GROUP = Keyword("XSS", "SQL", "INFO", "PATH", "CC", "SSN_US", "CUSTOM", "BURP", "BUGCROWD")

# The fixture's catalogue of QIDs: titles as recorded where a recording has them (README "Scans").
QID = Group(
    "Qid",
    (
        ID,
        Leaf("title", cdata=True),
        Leaf("type", FINDING_TYPE),
        Leaf("severity", LONG),
        Leaf("group", GROUP),
        Leaf("owasp"),
        Leaf("wasc"),
    ),
)

WEB_APP_SHOWN = (Leaf("id", LONG), NAME, Leaf("url", cdata=True))
IGNORED_REASON = Keyword(*REASONS)

SPEC = Group(
    "Finding",
    (
        ID,
        Leaf("uniqueId"),
        Leaf("qid", LONG),
        Leaf("name", cdata=True),
        Leaf("type", FINDING_TYPE),
        Leaf("potential", BOOLEAN),
        Leaf("findingType", Keyword("QUALYS", "MANUAL", "BURP")),
        Leaf("param", cdata=True),
        Leaf("severity", LONG),
        Leaf("url", cdata=True),
        Leaf("status", Keyword("NEW", "ACTIVE", "REOPENED", "PROTECTED", "FIXED")),
        Leaf("firstDetectedDate", DATETIME),
        Leaf("lastDetectedDate", DATETIME),
        Leaf("lastTestedDate", DATETIME),
        Leaf("timesDetected", LONG),
        # Verbose: the web app's tags too (aegis, Elastic).
        Ref("webApp", "WebApp", show=(*WEB_APP_SHOWN, QList("tags", TAGS.item))),
        Leaf("isIgnored", BOOLEAN),
        # Verbose only, in the aegis order; set by an ignore, removed by an activate.
        Leaf("ignoredReason", IGNORED_REASON),
        user("ignoredBy"),
        Leaf("ignoredDate", DATETIME),
        Leaf("ignoredComment", cdata=True),
        # Searchable (search_finding.htm), not in the non-verbose shape.
        Leaf("group", GROUP, hidden=True),
    ),
    writable=False,
)
# The recorded non-verbose search shape (JupiterOne 2022): no ignored* elements, the web app without its tags.
SUMMARY = SPEC.only(
    *(child.name for child in SPEC.children if child.name not in IGNORED),
    webApp=Ref("webApp", "WebApp", show=WEB_APP_SHOWN),
)


def _web_app_id(record: Record) -> List[int]:
    return values_at(record, "webApp.id")


def _web_app_tag_names(record: Record, store: Store) -> List[str]:
    web_apps = [store.get("WebApp", web_app_id) for web_app_id in _web_app_id(record)]
    tags = [store.get("Tag", tag_id) for web_app in web_apps if web_app for tag_id in values_at(web_app, "tags.id")]
    return [tag["name"] for tag in tags if tag]


FINDING = ObjectType(
    spec=SPEC,
    path="finding",
    searchable={
        "id": at("id", LONG),
        "uniqueId": at("uniqueId", TEXT),
        "qid": at("qid", LONG),
        "name": at("name", TEXT),
        "type": at("type", FINDING_TYPE),
        "url": at("url", TEXT),
        "param": at("param", TEXT),
        "status": at("status", SPEC.child("status").type),
        "severity": at("severity", LONG),
        "potential": at("potential", BOOLEAN),
        "isIgnored": at("isIgnored", BOOLEAN),
        "ignoredReason": at("ignoredReason", IGNORED_REASON),
        "ignoredDate": at("ignoredDate", DATETIME),
        "group": at("group", GROUP),
        "findingType": at("findingType", SPEC.child("findingType").type),
        "timesDetected": at("timesDetected", LONG),
        "firstDetectedDate": at("firstDetectedDate", DATETIME),
        "lastDetectedDate": at("lastDetectedDate", DATETIME),
        "lastTestedDate": at("lastTestedDate", DATETIME),
        "webApp.id": at("webApp.id", LONG),
        "webApp.name": joined(_web_app_id, "WebApp", "name", TEXT),
        "webApp.tags.id": joined(_web_app_id, "WebApp", "tags.id", LONG),
        "webApp.tags.name": Searchable(TEXT, _web_app_tag_names, multi=True),
    },
    summary=SUMMARY,
    operations=READS | {"ignore", "activate"},
    # ignore_finding.htm and activate_finding.htm name the same permission.
    permissions={"ignore": permissions.IGNORE_FINDINGS, "activate": permissions.IGNORE_FINDINGS},
    handlers={"ignore": ignore, "activate": activate},
)
