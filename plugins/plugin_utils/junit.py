# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Findings as a JUnit XML report, as Jenkins' JUnit plugin and GitLab's ``artifacts:reports:junit`` read it.

One test case per web app (or per scan whose target names no single web app): it fails when a finding is at the
threshold or above. Both readers show one failure per test case (Jenkins' JUnit plugin reads a test case's first
``failure`` only), so the failure says how many findings broke the threshold and its text lists them, one a
line; the findings below it are listed in the test case's ``system-out``. Information gathered never fails.
The document is built with ElementTree, which escapes markup; characters XML 1.0 cannot carry at all (control
characters, lone surrogates) are replaced first, so that no title or URL can break the document.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any, Dict, Iterable, List, Mapping

from ansible_collections.qualys.was.plugins.plugin_utils.ci_findings import (
    INFORMATION_GATHERED,
    Subject,
    describe,
    effective_severity,
    subject_name,
)

SUITE = "Qualys WAS findings"
CLASSNAMES = {"web_app": "qualys.was.web_apps", "scan": "qualys.was.scans"}

# Everything outside XML 1.0's Char production (tab, newline and carriage return are in it).
NOT_XML = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    return NOT_XML.sub("\ufffd", text)


def _failing(finding: Mapping[str, Any], threshold: int) -> bool:
    return finding["type"] != INFORMATION_GATHERED and effective_severity(finding) >= threshold


def _case(subject: Subject, findings: List[Mapping[str, Any]], threshold: int) -> ET.Element:
    case = ET.Element("testcase", classname=CLASSNAMES[subject[0]], name=xml_text(subject_name(subject)), time="0")
    failing = [finding for finding in findings if _failing(finding, threshold)]
    passing = [finding for finding in findings if not _failing(finding, threshold)]
    if failing:
        failure = ET.SubElement(
            case,
            "failure",
            message="%d finding%s of severity %d or more" % (len(failing), "" if len(failing) == 1 else "s", threshold),
            type="severity %d" % max(effective_severity(finding) for finding in failing),
        )
        failure.text = xml_text("\n".join(describe(finding) for finding in failing))
    if passing:
        ET.SubElement(case, "system-out").text = xml_text(
            "Below severity %d:\n%s" % (threshold, "\n".join(describe(finding) for finding in passing))
        )
    return case


def junit_report(findings: Iterable[Mapping[str, Any]], subjects: Iterable[Subject], threshold: int) -> str:
    by_subject: Dict[Subject, List[Mapping[str, Any]]] = {subject: [] for subject in subjects}
    for finding in findings:
        by_subject.setdefault(finding["subject"], []).append(finding)
    cases = [_case(subject, by_subject[subject], threshold) for subject in by_subject]
    failures = str(sum(1 for case in cases if case.find("failure") is not None))
    counts = {"tests": str(len(cases)), "failures": failures, "errors": "0"}
    suites = ET.Element("testsuites", name=SUITE, time="0", **counts)
    suite = ET.SubElement(suites, "testsuite", name=SUITE, skipped="0", time="0", **counts)
    suite.extend(cases)
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n%s\n' % ET.tostring(suites, encoding="unicode")
