# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""What a report create must satisfy, and what the server fills in (README "Reports", "Create request").

No report error text is recorded, so the refusals' words are the simulator's own, worded as its other refusals;
the storage limit's are the 2014 WAS 3.3 release blog's (survey section 5).
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Dict, List, Optional

from .. import reports
from ..change import Change
from ..criteria import values_at
from ..errors import invalid_request, not_found
from ..report_files import Content, WebAppSection, report_file
from ..store import Record, Store
from .scan import selected_web_apps

ALL_FORMATS = ("PDF", "PDF_ENCRYPTED", "HTML_ZIPPED", "HTML_BASE64", "CSV", "CSV_V2", "XML", "WORD")
# Which formats each type takes: scorecard_report.htm lists nine for the scorecard, and not all suit every type;
# the split is the simulator's, and POWERPOINT is refused everywhere because it makes no valid presentation.
FORMATS = {
    "WAS_WEBAPP_REPORT": ALL_FORMATS,
    "WAS_SCAN_REPORT": ALL_FORMATS,
    "WAS_SCORECARD_REPORT": ALL_FORMATS,
    "WAS_CATALOG_REPORT": ("CSV", "XML"),
}
CONFIG = {
    "WAS_WEBAPP_REPORT": "webAppReport",
    "WAS_SCAN_REPORT": "scanReport",
    "WAS_SCORECARD_REPORT": "scorecardReport",
    "WAS_CATALOG_REPORT": None,
}
ENCRYPTED = "PDF_ENCRYPTED"
MEGABYTE = 1024 * 1024
# The findings a file holds at most, the first by web app and id: files stay small and quick to make when a web app
# has the tens of thousands of findings of the scale tests (README "Reports", "Bodies per format").
MOST_FINDINGS = 1000


def scan_config_as_web_app(change: Change) -> None:
    """report_scan_config "webapp": a WAS_SCAN_REPORT sent with webAppReport (as DUSTY sends it) is made as a web
    app report."""
    record = change.record
    lenient = change.settings.report_scan_config == "webapp"
    if lenient and record["type"] == "WAS_SCAN_REPORT" and set(record.get("config", {})) == {"webAppReport"}:
        record["type"] = "WAS_WEBAPP_REPORT"


def config_of_type(change: Change) -> None:
    report_type = change.record["type"]
    expected = CONFIG[report_type]
    if sorted(change.record.get("config", {})) != ([expected] if expected else []):
        if expected is None:
            raise invalid_request(f"Report type {report_type} takes no config.", "Leave config out.")
        raise invalid_request(f"Report type {report_type} takes config/{expected}.", f"Send config/{expected} only.")


def format_of_type(change: Change) -> None:
    report_type, report_format = change.record["type"], change.record["format"]
    if report_format not in FORMATS[report_type]:
        raise invalid_request(
            f"Format {report_format} is not supported for report type {report_type}.",
            f"Use one of: {', '.join(FORMATS[report_type])}.",
        )


def password_for_encrypted(change: Change) -> None:
    """PDF_ENCRYPTED needs a password, with the VM API's pdf_password rules: 8 to 32 characters, letters and
    digits; no other format takes one."""
    password = change.record.get("password")
    if change.record["format"] != ENCRYPTED:
        if password is not None:
            raise invalid_request("Report/password is only accepted with format PDF_ENCRYPTED.", "Leave it out.")
        return
    if not password:
        raise invalid_request("A password is required for format PDF_ENCRYPTED.", "Add Report/password.")
    if not (8 <= len(password) <= 32 and re.search("[A-Za-z]", password) and re.search("[0-9]", password)):
        raise invalid_request(
            "The password must have 8 to 32 characters, with letters and digits.", "Choose another password."
        )


def template_of_type(change: Change) -> None:
    template_id = values_at(change.record, "template.id")
    if not template_id:
        return
    template = change.store.get("ReportTemplate", template_id[0])
    if template is None:
        raise not_found("ReportTemplate", template_id[0])
    if template["type"] != change.record["type"]:
        raise invalid_request(
            f"Template {template['id']} is a {template['type']} template; the report type is "
            f"{change.record['type']}.",
            "Use a template of the report type.",
        )


def _exist(store: Store, kind: str, ids: List[int]) -> None:
    for object_id in ids:
        if store.get(kind, object_id) is None:
            raise not_found(kind, object_id)


def targets_exist(change: Change) -> None:
    config, store = change.record.get("config", {}), change.store
    target = config.get("webAppReport", {}).get("target")
    if target is not None and ("webapps" in target) == ("tags" in target):
        raise invalid_request("The target takes exactly one of webapps or tags.", "Send target/webapps or target/tags.")
    _exist(store, "WebApp", values_at(config, "webAppReport.target.webapps.id"))
    _exist(store, "Tag", values_at(config, "webAppReport.target.tags.included.tagList.id"))
    _exist(store, "Tag", values_at(config, "webAppReport.target.tags.excluded.tagList.id"))
    _exist(store, "Tag", values_at(config, "scorecardReport.target.tags.included.tagList.id"))
    _exist(store, "Tag", values_at(config, "scorecardReport.target.tags.excluded.tagList.id"))
    scan_ids = values_at(config, "scanReport.target.scans.id")
    if "scanReport" in config and not scan_ids:
        raise invalid_request("The target names no scan.", "Send target/scans/WasScan/id.")
    _exist(store, "WasScan", scan_ids)
    for scan_id in scan_ids:
        if not store.get("WasScan", scan_id)["_plan"].get("settled"):
            raise invalid_request(f"Scan {scan_id} has no results yet.", "Wait until the scan has finished.")


def _in_scope(web_app: Record, scope_tags: Optional[frozenset]) -> bool:
    return scope_tags is None or bool(set(values_at(web_app, "tags.id")) & scope_tags)


def covered_web_apps(record: Record, store: Store, scope_tags: Optional[frozenset] = None) -> List[int]:
    """The web apps a report covers: those it names, those its tags or its scans select; with no target (a catalog,
    a scorecard without tags) every web app the caller may see."""
    config = record.get("config", {})
    if "scanReport" in config:
        scans = [store.get("WasScan", scan_id) for scan_id in values_at(config, "scanReport.target.scans.id")]
        return sorted({app["webApp"] for scan in scans for app in scan["_plan"]["apps"]})
    target = config.get("webAppReport", config.get("scorecardReport", {})).get("target", {})
    if "webapps" in target:
        return sorted({web_app["id"] for web_app in target["webapps"]})
    if target.get("tags", {}).get("included"):
        return selected_web_apps({"tags": target["tags"]}, store)
    return [web_app["id"] for web_app in store.all("WebApp") if _in_scope(web_app, scope_tags)]


def tags_select_web_apps(change: Change) -> None:
    config = change.record.get("config", {})
    tags = values_at(config, "webAppReport.target.tags") + values_at(config, "scorecardReport.target.tags")
    if tags and not covered_web_apps(change.record, change.store, change.scope_tags):
        raise invalid_request("No web application matches the target tags.", "Check target/tags.")


def web_apps_in_scope(change: Change) -> None:
    # As for scans: a web app outside the caller's scope is refused in the words of an unknown one.
    for web_app_id in covered_web_apps(change.record, change.store, change.scope_tags):
        if not _in_scope(change.store.get("WebApp", web_app_id), change.scope_tags):
            raise not_found("WebApp", web_app_id)


def within_storage(change: Change) -> None:
    limit = change.settings.report_storage_mb
    if reports.stored_bytes(change.store) >= limit * MEGABYTE:
        raise invalid_request(
            f"Your subscription storage limit of {limit:.1f} Mb has been reached.",
            "Delete existing reports and try again.",
        )


def _content(change: Change, report_id: int) -> Content:
    record, store = change.record, change.store
    covered = covered_web_apps(record, store, change.scope_tags)
    findings: Dict[int, List[Record]] = defaultdict(list)
    for finding in store.all("Finding"):
        findings[finding["webApp"]["id"]].append(finding)
    sections, room = [], MOST_FINDINGS
    for web_app_id in covered:
        sections.append(WebAppSection(store.get("WebApp", web_app_id), findings[web_app_id][:room]))
        room -= len(sections[-1].findings)
    qids = {f["qid"]: store.get("Qid", f["qid"]) for section in sections for f in section.findings}
    return Content(
        report_id=report_id,
        name=record["name"],
        root="WAS_SCAN_REPORT" if record["type"] == "WAS_SCAN_REPORT" else "WAS_WEBAPP_REPORT",
        generated=change.now,
        user=store.get("User", change.user_id) or {},
        sections=sections,
        qids={qid: entry for qid, entry in sorted(qids.items()) if entry},
    )


def generated(change: Change) -> None:
    """The server's part: the creation date, and the file and the plan of its generation on the clock."""
    record = change.record
    record["creationDate"] = change.now
    record["_file"] = report_file(record["format"], _content(change, record["id"]), record.get("password"))
    record["_plan"] = reports.plan(change.now, change.settings)
    record["status"] = reports.state(record["_plan"], change.now, change.settings)


RULES = (
    scan_config_as_web_app,
    config_of_type,
    format_of_type,
    password_for_encrypted,
    template_of_type,
    targets_exist,
    tags_select_web_apps,
    web_apps_in_scope,
    within_storage,
)
