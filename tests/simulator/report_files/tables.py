# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The report formats that are tables: CSV, in the sectioned layout VulnWhisperer parses, and CSV_V2."""

from __future__ import annotations

import csv
import io
from typing import List

from ..store import Record
from .content import Content, is_gathered, report_date


def _qid_row(qid: Record) -> List[str]:
    category = (
        "Information Gathered" if qid["type"] == "INFORMATION_GATHERED" else qid["type"].title().replace("_", " ")
    )
    return [str(qid["id"]), str(qid["id"]), qid["title"], category, str(qid["severity"]), qid.get("group", "")]


def sectioned(content: Content) -> bytes:
    """The sectioned layout VulnWhisperer parses: a block per part, each opened by its header row."""
    buffer = io.StringIO()
    out = csv.writer(buffer, lineterminator="\n")
    out.writerow([content.name])
    out.writerow(["Report generated", report_date(content.generated)])
    out.writerow([])
    out.writerow(["Web Application Name", "URL", "Owner", "Scope", "Operating System"])
    for section in content.sections:
        out.writerow([section.web_app["name"], section.web_app["url"], content.user.get("username", ""), "ALL", ""])
    out.writerow([])
    out.writerow(
        ["Web Application Name", "VULNERABILITY", "ID", "QID", "Url", "Param", "Status", "Ignored"]
        + ["First Time Detected", "Last Time Detected", "Last Time Tested", "Times Detected"]
    )
    for web_app, finding in content.findings:
        if not is_gathered(finding):
            out.writerow(
                [
                    web_app["name"],
                    finding["type"],
                    finding["id"],
                    finding["qid"],
                    finding.get("url", ""),
                    finding.get("param", ""),
                    finding.get("status", ""),
                    str(finding.get("isIgnored", False)).lower(),
                    report_date(finding.get("firstDetectedDate")),
                    report_date(finding.get("lastDetectedDate")),
                    report_date(finding.get("lastTestedDate")),
                    finding.get("timesDetected", ""),
                ]
            )
    out.writerow([])
    out.writerow(["Web Application Name", "INFORMATION_GATHERED", "ID", "QID", "Results", "Detection Date"])
    for web_app, finding in content.findings:
        if is_gathered(finding):
            out.writerow(
                [
                    web_app["name"],
                    "INFORMATION_GATHERED",
                    finding["id"],
                    finding["qid"],
                    finding.get("name", ""),
                    report_date(finding.get("lastDetectedDate")),
                ]
            )
    out.writerow([])
    out.writerow(["QID", "Id", "Title", "Category", "Severity Level", "Groups"])
    for qid in content.qids.values():
        out.writerow(_qid_row(qid))
    return buffer.getvalue().encode()


V2_HEADER = [
    "Web Application Name",
    "Web Application URL",
    "ID",
    "QID",
    "Title",
    "Type",
    "Severity",
    "Status",
    "Url",
    "Param",
    "First Detected",
    "Last Detected",
    "Times Detected",
]


def flat(content: Content) -> bytes:
    buffer = io.StringIO()
    out = csv.writer(buffer, lineterminator="\n")
    out.writerow(V2_HEADER)
    for web_app, finding in content.findings:
        out.writerow(
            [
                web_app["name"],
                web_app["url"],
                finding["id"],
                finding["qid"],
                finding.get("name", ""),
                finding["type"],
                finding.get("severity", ""),
                finding.get("status", ""),
                finding.get("url", ""),
                finding.get("param", ""),
                report_date(finding.get("firstDetectedDate")),
                report_date(finding.get("lastDetectedDate")),
                finding.get("timesDetected", ""),
            ]
        )
    return buffer.getvalue().encode()
