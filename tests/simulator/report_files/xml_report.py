# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The XML report: root WAS_WEBAPP_REPORT or WAS_SCAN_REPORT, as CISA and DefectDojo read them (survey section 5)."""

from __future__ import annotations

import base64
import xml.etree.ElementTree as ET
from typing import List

from ..store import Record
from .content import Content, is_gathered, report_date


def _element(parent: ET.Element, tag: str, text: object = None) -> ET.Element:
    child = ET.SubElement(parent, tag)
    if text is not None:
        child.text = text if isinstance(text, str) else str(text).lower() if isinstance(text, bool) else str(text)
    return child


def _results(parent: ET.Element, findings: List[Record]) -> None:
    vulns = _element(parent, "VULNERABILITY_LIST")
    gathered = _element(parent, "INFORMATION_GATHERED_LIST")
    for finding in findings:
        if is_gathered(finding):
            item = _element(gathered, "INFORMATION_GATHERED")
            for tag, value in (("ID", finding["id"]), ("QID", finding["qid"])):
                _element(item, tag, value)
            _element(item, "LAST_TIME_DETECTED", report_date(finding.get("lastDetectedDate")))
            _element(item, "DATA", base64.b64encode(finding.get("name", "").encode()).decode()).set("base64", "true")
            continue
        item = _element(vulns, "VULNERABILITY")
        for tag, key in (("ID", "id"), ("UNIQUE_ID", "uniqueId"), ("QID", "qid"), ("URL", "url"), ("PARAM", "param")):
            _element(item, tag, finding.get(key, ""))
        for tag, key in (
            ("FIRST_TIME_DETECTED", "firstDetectedDate"),
            ("LAST_TIME_DETECTED", "lastDetectedDate"),
            ("LAST_TIME_TESTED", "lastTestedDate"),
        ):
            _element(item, tag, report_date(finding.get(key)))
        for tag, key in (("TIMES_DETECTED", "timesDetected"), ("POTENTIAL", "potential"), ("STATUS", "status")):
            _element(item, tag, finding.get(key, ""))


def _levels(stat: ET.Element, findings: List[Record]) -> None:
    for level in range(1, 6):
        _element(stat, f"LEVEL{level}", sum(1 for f in findings if not is_gathered(f) and f.get("severity") == level))


def _risk(findings: List[Record]) -> str:
    worst = max((f.get("severity", 0) for f in findings if not is_gathered(f)), default=0)
    return "High" if worst >= 4 else "Medium" if worst == 3 else "Low"


def document(content: Content) -> bytes:
    """CISA's reading of WAS_WEBAPP_REPORT and DefectDojo's of WAS_SCAN_REPORT (survey section 5)."""
    root = ET.Element(content.root)
    header = _element(root, "HEADER")
    _element(header, "NAME", content.name)
    _element(header, "GENERATION_DATETIME", report_date(content.generated))
    _element(_element(header, "COMPANY_INFO"), "NAME", "Simulated Company")
    user = _element(header, "USER_INFO")
    _element(user, "NAME", f"{content.user.get('firstName', '')} {content.user.get('lastName', '')}".strip())
    _element(user, "USERNAME", content.user.get("username", ""))
    everything = [finding for _web_app, finding in content.findings]
    summary = _element(root, "SUMMARY")
    overall = _element(summary, "GLOBAL_SUMMARY")
    _element(overall, "SECURITY_RISK", _risk(everything))
    _element(overall, "WEB_APPLICATIONS", len(content.sections))
    _element(overall, "VULNERABILITY", sum(1 for f in everything if f["type"] == "VULNERABILITY"))
    _element(overall, "SENSITIVE_CONTENT", sum(1 for f in everything if f["type"] == "SENSITIVE_CONTENT"))
    _element(overall, "INFORMATION_GATHERED", sum(1 for f in everything if is_gathered(f)))
    stats = _element(summary, "SUMMARY_STATS")
    for section in content.sections:
        stat = _element(stats, "SUMMARY_STAT")
        _element(stat, "WEB_APPLICATION", section.web_app["name"])
        _levels(stat, section.findings)
        _element(stat, "INFORMATION_GATHERED", sum(1 for f in section.findings if is_gathered(f)))
    results = _element(root, "RESULTS")
    if content.root == "WAS_SCAN_REPORT":
        _results(results, everything)
    for section in content.sections if content.root == "WAS_WEBAPP_REPORT" else ():
        web_app = _element(results, "WEB_APPLICATION")
        for tag in ("ID", "NAME", "URL"):
            _element(web_app, tag, section.web_app[tag.lower()])
        _results(web_app, section.findings)
    qid_list = _element(_element(root, "GLOSSARY"), "QID_LIST")
    for qid in content.qids.values():
        entry = _element(qid_list, "QID")
        for tag, key in (
            ("QID", "id"),
            ("SEVERITY", "severity"),
            ("TITLE", "title"),
            ("GROUP", "group"),
            ("OWASP", "owasp"),
            ("WASC", "wasc"),
        ):
            if qid.get(key) is not None:
                _element(entry, tag, qid[key])
    return ET.tostring(root, encoding="UTF-8", xml_declaration=True)
