# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""WebApp: the element tree of webapp.xsd (2018) for the elements the collection manages; search in the
non-verbose shape of the webapp-search samples, get, create, update and delete."""

from __future__ import annotations

from .. import permissions
from ..criteria import at
from ..schema import Group, Leaf, QList, Ref
from ..values import BOOLEAN, DATETIME, LONG, TEXT, Keyword
from .base import READS, WRITES, ObjectType
from .common import AUDIT, COMMENTS, ID, ID_AND_NAME, NAME, OWNER, TAGS, USER, common_searchable, tag_searchable

# webapp.xsd: every collection below is a QList taking set, add, remove and update (authRecords: no update).
ALL_OPERATIONS = ("set", "add", "remove", "update")


def url_entries(name: str) -> QList:
    """webapp.xsd UrlEntryList: CDATA entries with an optional ``regex`` attribute, false by default (sample
    webapp-update-paragbaxi-1 sends ``<UrlEntry regex="true">``)."""
    entry = Group("UrlEntry", (Leaf("#text", cdata=True), Leaf("@regex", BOOLEAN)))
    return QList(name, entry, ops=ALL_OPERATIONS)


def texts(name: str, item: str) -> QList:
    """A QList of CDATA texts (webapp.xsd DomainList, UrlList, WebAppHeaderList)."""
    return QList(name, Leaf(item, cdata=True), ops=ALL_OPERATIONS)


# How a scan of this web app goes (README "Scans"): fixture data only, never rendered nor taken from requests.
SCAN_OUTCOME = Group(
    "scanOutcome",
    (
        Leaf(
            "resultsStatus",
            Keyword(
                "SUCCESSFUL",
                "NO_HOST_ALIVE",
                "NO_WEB_SERVICE",
                "SERVICE_ERROR",
                "SCAN_INTERNAL_ERROR",
                "SCAN_RESULTS_INVALID",
                "ERROR",
                "SCANNER_NOT_AVAILABLE",
                "SCAN_NOT_LAUNCHED",
            ),
        ),
        Leaf("crawlDuration", LONG),
        Leaf("testDuration", LONG),
        Leaf("linksCrawled", LONG),
        QList(
            "findings",
            Group(
                "Finding",
                (Leaf("qid", LONG), Leaf("url"), Leaf("param"), Leaf("form"), Leaf("potential", BOOLEAN)),
            ),
        ),
    ),
    writable=False,
    hidden=True,
)

AUTH_RECORD_REF = Ref("WebAppAuthRecord", "WebAppAuthRecord", show=ID_AND_NAME)

# webapp.xsd WebApp is an xs:all; responses follow its order of declaration.
SPEC = Group(
    "WebApp",
    (
        ID,
        NAME,
        Leaf("url", cdata=True),
        OWNER,
        Leaf("scope", Keyword("ALL", "LIMIT", "SUBDOMAIN", "DOMAINS")),
        Leaf("subDomain", cdata=True),
        texts("domains", "Domain"),
        texts("uris", "Url"),
        # The XSD does not say what identifies an attribute for remove or update: set and add only.
        QList(
            "attributes", Group("Attribute", (Leaf("name", cdata=True), Leaf("value", cdata=True))), ops=("set", "add")
        ),
        Ref("defaultProfile", "OptionProfile", show=ID_AND_NAME),
        Group("defaultScanner", (Leaf("type", Keyword("EXTERNAL", "INTERNAL")), Leaf("friendlyName", cdata=True))),
        QList("defaultScannerTags", TAGS.item),
        url_entries("urlBlacklist"),
        url_entries("urlWhitelist"),
        url_entries("postDataBlacklist"),
        url_entries("logoutRegexList"),
        QList("authRecords", AUTH_RECORD_REF),
        Leaf("useRobots", Keyword("IGNORE", "ADD_PATHS", "BLACKLIST")),
        Leaf("useSitemap", BOOLEAN),
        texts("headers", "WebAppHeader"),
        Leaf("malwareMonitoring", BOOLEAN),
        TAGS,
        COMMENTS,
        Leaf("isScanned", BOOLEAN, hidden=True),
        SCAN_OUTCOME,
        *AUDIT,
        # webapp.xsd WebAppConfig: the web app's default authentication record.
        Group("config", (Ref("defaultAuthRecord", "WebAppAuthRecord", show=ID_AND_NAME),)),
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
        "createdDate": at("createdDate", DATETIME),
    },
    operations=READS | WRITES,
    permissions={
        "create": permissions.CREATE_WEB_ASSET,
        "update": permissions.EDIT_WEB_ASSET,
        "delete": permissions.DELETE_WEB_ASSET,
    },
    # webapp.xsd defaults: scope ALL, useRobots IGNORE, useSitemap false; a new web app has not been scanned.
    defaults={
        "scope": "ALL",
        "useRobots": "IGNORE",
        "useSitemap": False,
        "tags": [],
        "comments": [],
        "isScanned": False,
    },
    required=("name", "url"),
)
