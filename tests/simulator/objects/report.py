# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Report: create, status, get, search, count, delete and download (README "Reports").

The record's elements and order are the Saint-Gobain Qualys starter's Report bean; the create request is the one
CISA, DUSTY, the GitHub Action and VulnWhisperer send. What a create must satisfy and what the server fills in are
``report_rules.py``; the life of a report on the clock is ``reports.py``, its file ``report_files``.
"""

from __future__ import annotations

from .. import permissions, reports
from ..criteria import at
from ..operations import Call
from ..responses import Outcome
from ..schema import Group, Leaf, Ref, Repeated
from ..settings import Settings
from ..values import BOOLEAN, DATETIME, LONG, TEXT, Keyword
from . import report_rules
from .base import READS, ObjectType
from .common import ID, NAME, OWNER
from .report_template import REPORT_TYPE
from .scan import AUTH_STATUS

FORMAT = Keyword("WORD", "HTML_ZIPPED", "HTML_BASE64", "PDF", "PDF_ENCRYPTED", "CSV", "CSV_V2", "XML", "POWERPOINT")
STATUS = Keyword("SUBMITTED", "RUNNING", "COMPLETE", "ERROR")
SCORECARD_CONTENTS = ("DESCRIPTION", "SUMMARY", "GRAPHS", "RESULTS", "INDIVIDUAL_RECORDS")  # scorecard_report.htm


def _contents(item: str, *values: str) -> Repeated:
    return Repeated("contents", Leaf(item, Keyword(*values) if values else TEXT))


def _tag_selection(name: str) -> Group:
    # CISA's was_report.xml: tagList/Tag without a set wrapper.
    return Group(name, (Leaf("option", Keyword("ALL", "ANY")), Repeated("tagList", Ref("Tag", "Tag"))))


TAGS = Group("tags", (_tag_selection("included"), _tag_selection("excluded")))
WEB_APP_REPORT = Group(
    "webAppReport",
    (
        Group("target", (Repeated("webapps", Ref("WebApp", "WebApp")), TAGS)),
        # RESULTS and INDIVIDUAL_RECORDS are the values seen; others are not known, so any text is taken.
        Group("display", (_contents("WebAppReportContent"),)),
    ),
)
SCAN_REPORT = Group(
    "scanReport",
    (
        Group("target", (Repeated("scans", Ref("WasScan", "WasScan")),)),
        Group(
            "display",
            (
                _contents(
                    "ScanReportContent",
                    *("DESCRIPTION", "SUMMARY", "GRAPHS", "RESULTS", "INDIVIDUAL_RECORDS", "RECORD_DETAILS"),
                    *("ALL_RESULTS", "APPENDIX"),
                ),
                Repeated("graphs", Leaf("ScanReportGraph")),
                Repeated("groups", Leaf("ScanReportGroup", Keyword("GROUP", "STATUS", "QID"))),
                Group("options", (Leaf("rawLevels", BOOLEAN),)),
            ),
        ),
    ),
)
SCORECARD_REPORT = Group(
    "scorecardReport",
    (
        Group("target", (TAGS,)),
        Group(
            "filters",
            (
                Repeated("searchlists", Group("SearchList", (Leaf("id", LONG),))),
                Group("scanDate", (Leaf("startDate", DATETIME), Leaf("endDate", DATETIME))),
                Leaf("scanStatus"),
                Leaf("scanAuthStatus", AUTH_STATUS),
            ),
        ),
        Group("display", (_contents("ScorecardReportContent", *SCORECARD_CONTENTS),)),
    ),
)


def _report(message: bool) -> Group:
    return Group(
        "Report",
        (
            ID,
            NAME,
            Leaf("description", cdata=True),
            OWNER,
            Leaf("type", REPORT_TYPE),
            Leaf("format", FORMAT),
            Leaf("status", STATUS, writable=False),
            Leaf("message", cdata=True, writable=False, hidden=not message),
            Leaf("size", LONG, writable=False),
            Leaf("creationDate", DATETIME, writable=False),
            Leaf("lastDownloadDate", DATETIME, writable=False),
            Leaf("downloadCount", LONG, writable=False),
            Group("config", (WEB_APP_REPORT, SCAN_REPORT, SCORECARD_REPORT)),
            # Sent, never shown: no source shows either in an answer.
            Group("template", (Leaf("id", LONG),), hidden=True),
            Leaf("password", cdata=True, hidden=True, raw=True),
        ),
    )


SHAPES = {"message": _report(True), "none": _report(False)}


def shape(settings: Settings) -> Group:
    return SHAPES[settings.report_error_detail]


def status(call: Call) -> Outcome:
    return Outcome(1, [call.render(call.existing(), shape(call.settings).only("id", "status", "message"))])


def download(call: Call) -> Outcome:
    return reports.download(call.existing(), call.now, call.settings)


REPORT = ObjectType(
    spec=SHAPES["message"],
    path="report",
    variant=shape,
    searchable={
        "id": at("id", LONG),
        "name": at("name", TEXT),
        "type": at("type", REPORT_TYPE),
        "format": at("format", FORMAT),
        "status": at("status", STATUS),
        "size": at("size", LONG),
        "downloadCount": at("downloadCount", LONG),
        "creationDate": at("creationDate", DATETIME),
        "lastDownloadDate": at("lastDownloadDate", DATETIME),
        "owner.id": at("owner.id", LONG),
    },
    operations=READS | {"create", "status", "delete", "download"},
    permissions={"create": permissions.CREATE_REPORT, "delete": permissions.DELETE_REPORT},
    defaults={"format": "PDF", "downloadCount": 0},
    required=("name", "type"),
    rules=report_rules.RULES,
    derivations=(report_rules.generated,),
    handlers={"status": status, "download": download},
    advance=reports.advance,
)
