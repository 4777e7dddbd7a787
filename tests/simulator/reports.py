# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The life of a report on the simulated clock, and its download (README "Reports", "Lifecycle").

A report keeps its plan: when it was created, how long it generates and the failure it ends with, if any; its
status follows from the plan, the clock and the report_status setting, so that moving the clock moves every report
along. Its file is made when it is created.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, Dict

from .errors import QpsError, invalid_request
from .report_files import FILES
from .responses import Outcome
from .settings import Settings
from .store import Record, Store

REPORT = "Report"
SUBMITTED_FOR = timedelta(seconds=10)  # report_status "submitted"
# The HTTP status of a download before COMPLETE, per report_early_download.
EARLY_DOWNLOAD_STATUS = {"http_error": 400, "qps_error": 200}


class NotYetComplete(QpsError):
    """A download before COMPLETE: INVALID_REQUEST, with the HTTP status ``status``."""

    def __init__(self, report_id: int, status: int) -> None:
        super().__init__(
            "INVALID_REQUEST", f"Report {report_id} is not yet complete.", "Wait until the report status is COMPLETE."
        )
        self.status = status


def plan(now: datetime, settings: Settings) -> Dict[str, Any]:
    """What a report created now will do: the settings in force at its creation decide it."""
    return {"created": now, "duration": settings.report_duration, "failure": settings.report_failure or None}


def state(report_plan: Dict[str, Any], now: datetime, settings: Settings) -> str:
    elapsed = now - report_plan["created"]
    if elapsed >= timedelta(seconds=report_plan["duration"]):
        return "ERROR" if report_plan["failure"] else "COMPLETE"
    if settings.report_status == "submitted" and elapsed < SUBMITTED_FOR:
        return "SUBMITTED"
    return "RUNNING"


def advance(store: Store, now: datetime, settings: Settings) -> None:
    """Brings every report up to ``now``: its status, and its size or its message once it has ended."""
    for report in store.all(REPORT):
        report_plan = report["_plan"]
        report["status"] = state(report_plan, now, settings)
        report.pop("size", None)
        report.pop("message", None)
        if report["status"] == "COMPLETE":
            report["size"] = len(report["_file"])
        elif report["status"] == "ERROR":
            report["message"] = report_plan["failure"]


def stored_bytes(store: Store) -> int:
    return sum(len(report["_file"]) for report in store.all(REPORT))


def download(report: Record, now: datetime, settings: Settings) -> Outcome:
    """The file of a COMPLETE report; a failed one answers its failure's words, one still generating is refused as
    report_early_download says."""
    if report["status"] == "ERROR":
        raise invalid_request(report["_plan"]["failure"], "Create the report again.")
    if report["status"] != "COMPLETE":
        raise NotYetComplete(report["id"], EARLY_DOWNLOAD_STATUS[settings.report_early_download])
    report["downloadCount"] = report.get("downloadCount", 0) + 1
    report["lastDownloadDate"] = now
    content_type, extension = FILES[report["format"]]
    return Outcome(
        1, file=report["_file"], content_type=content_type, filename=f"WAS_Report_{report['id']}.{extension}"
    )
