# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Findings as a SARIF 2.1.0 log, as GitHub code scanning reads it.

One run of one tool, one rule per QID, one result per finding. What GitHub reads beyond the OASIS schema (its
"SARIF support for code scanning" page): a rule's ``security-severity`` property (a score of 0.1 to 10.0 that it
buckets into low, medium, high and critical, and that makes the alert a security alert), ``partialFingerprints``
to tell the same result in two uploads, and a physical location with ``region.startLine`` on every result
(Microsoft's SARIF validator checks the last as rule GH1003). A URL has no lines: line 1 stands for the page.
The web app (or the scan) is the location's logical location.
"""

from __future__ import annotations

from typing import Any, Dict, Iterable, List, Mapping

from ansible_collections.qualys.was.plugins.plugin_utils.ci_findings import (
    INFORMATION_GATHERED,
    describe,
    effective_severity,
    subject_name,
)

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
# The findings are Qualys WAS's; the version is that of the collection that wrote them out.
TOOL = "Qualys WAS"
FULL_NAME = "Qualys Web Application Scanning, through the qualys.was Ansible collection"
INFORMATION_URI = "https://www.qualys.com/apps/web-app-scanning/"

# Qualys severities (5 urgent, 4 critical, 3 serious, 2 medium, 1 minimal) as SARIF levels, and as the scores GitHub
# buckets: 9.5 critical, 8.0 high, 5.5 medium, 3.0 and 1.0 low.
LEVELS = {5: "error", 4: "error", 3: "warning", 2: "note", 1: "note"}
SECURITY_SEVERITY = {5: "9.5", 4: "8.0", 3: "5.5", 2: "3.0", 1: "1.0"}


def _level(finding: Mapping[str, Any]) -> str:
    # Information gathered reports what the scan learnt, no problem: SARIF's kind "informational", whose level is
    # "none" (SARIF 2.1.0 3.27.9 and 3.27.10).
    return "none" if finding["type"] == INFORMATION_GATHERED else LEVELS[effective_severity(finding)]


def _rule(qid: int, findings: List[Mapping[str, Any]]) -> Dict[str, Any]:
    # A QID's severity is the knowledge base's; an edited finding may differ, so the rule takes the highest.
    severity = max(effective_severity(finding) for finding in findings)
    first = findings[0]
    properties: Dict[str, Any] = {"severity": severity, "type": first["type"], "tags": ["security", first["type"]]}
    if first["type"] != INFORMATION_GATHERED:
        properties["security-severity"] = SECURITY_SEVERITY[severity]
    level = "none" if first["type"] == INFORMATION_GATHERED else LEVELS[severity]
    return {
        "id": str(qid),
        "name": first["title"],
        "shortDescription": {"text": first["title"]},
        "defaultConfiguration": {"level": level},
        "properties": properties,
    }


def _location(finding: Mapping[str, Any]) -> Dict[str, Any]:
    return {
        "physicalLocation": {"artifactLocation": {"uri": finding["url"]}, "region": {"startLine": 1}},
        "logicalLocations": [{"name": subject_name(finding["subject"]), "kind": "resource"}],
    }


def _result(finding: Mapping[str, Any], rule_index: int) -> Dict[str, Any]:
    result: Dict[str, Any] = {
        "ruleId": str(finding["qid"]),
        "ruleIndex": rule_index,
        "level": _level(finding),
        "message": {"text": "%s, in %s." % (describe(finding), subject_name(finding["subject"]))},
        "locations": [_location(finding)],
        "partialFingerprints": {"qualysWasFinding/v1": finding["fingerprint"]},
        "properties": {
            key: finding[key]
            for key in ("severity", "potential", "status", "param", "id", "unique_id")
            if finding[key] is not None
        },
    }
    if finding["type"] == INFORMATION_GATHERED:
        result["kind"] = "informational"
    return result


def sarif_log(findings: Iterable[Mapping[str, Any]], version: str) -> Dict[str, Any]:
    # GitHub refuses the whole log when one result has no physical location ("locationFromSarifResult: expected at
    # least one location", "expected a physical location"; codeql-action issues 1738 and 2459): a finding without a
    # URL, as information gathered is, has none to give, and is left out.
    findings = [finding for finding in findings if finding["url"]]
    by_qid: Dict[int, List[Mapping[str, Any]]] = {}
    for finding in findings:
        by_qid.setdefault(finding["qid"], []).append(finding)
    qids = sorted(by_qid)
    index = {qid: number for number, qid in enumerate(qids)}
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": TOOL,
                        "fullName": FULL_NAME,
                        "informationUri": INFORMATION_URI,
                        "version": version,
                        "rules": [_rule(qid, by_qid[qid]) for qid in qids],
                    }
                },
                "results": [_result(finding, index[finding["qid"]]) for finding in findings],
            }
        ],
    }
