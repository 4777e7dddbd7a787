# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The ``fail_on`` gate: whether a scan's results (``scan_results.read_scan_results``) let a pipeline go on.

It covers what Qualys's own pipeline tools gate on, and keeps to their semantics where they differ:

- the Jenkins plugin (jenkinsci/qualys-was-plugin, QualysCriteria.java): per severity, fail when *more than* a
  configured number of vulnerabilities is found (``limits``); fail when any QID of a list, with ranges
  (``150001,150179-150181``), is found (``qids``); fail on a scan error (``scan_error``, true by default there),
  which here spares the ends the task accepts (``accept_end_states``), as its end check does;
- the GitHub Action (Qualys/github-action-qwas, QualysWASScanBuilder.java): fail on any vulnerability *at or
  above* a severity (``severity``); QIDs left out of the counts, with ranges (``exclude_qids``).

Both count potential vulnerabilities with confirmed ones (``potential``); neither offers to leave them out. Both
compare ``resultsStatus`` with "finished" where good scans report SUCCESSFUL, so that their scan-error check
misreads good scans: here a scan is good when it FINISHED with results SUCCESSFUL (or FINISHED, which the
documented list of results statuses also holds). Documented for modules in ``plugins/doc_fragments/scan_gate.py``.
"""

from __future__ import annotations

import re
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple

from ansible_collections.qualys.was.plugins.module_utils.errors import ValidationError

LEVELS = (5, 4, 3, 2, 1)
# A good scan: FINISHED with results SUCCESSFUL, as recorded good scans report; FINISHED is in the documented list
# of results statuses too, and what the Jenkins plugin and the GitHub Action wait for.
GOOD_STATUS = "finished"
GOOD_RESULTS = ("successful", "finished")
COUNTED_TYPES = ("vulnerability",)
TABLE_ROWS = 20  # rows of the failure message; gate_result lists every violation

# The argument spec of ``fail_on``, paired with the doc fragment qualys.was.scan_gate.
GATE_SPEC: Dict[str, Any] = {
    "type": "dict",
    "options": {
        "severity": {"type": "int", "choices": list(range(1, 6))},
        "limits": {
            "type": "dict",
            "options": {"level_%d" % level: {"type": "int"} for level in LEVELS},
        },
        "qids": {"type": "list", "elements": "str"},
        "exclude_qids": {"type": "list", "elements": "str", "default": []},
        "potential": {"type": "bool", "default": True},
        "sensitive_content": {"type": "bool", "default": False},
        "scan_error": {"type": "bool", "default": True},
    },
}

_QID = re.compile(r"^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$")

Ranges = List[Tuple[int, int]]


def _ranges(values: Optional[Sequence[Any]], option: str) -> Ranges:
    """QIDs and ranges (``150001``, ``150179-150181``) as inclusive ranges."""
    ranges = []
    for index, value in enumerate(values or ()):
        match = _QID.match(str(value))
        start, end = (int(match.group(1)), int(match.group(2) or match.group(1))) if match else (0, -1)
        if start > end:
            raise ValidationError(
                "fail_on.%s[%d] must be a QID or a range of QIDs such as 150179-150181, got %r" % (option, index, value)
            )
        ranges.append((start, end))
    return ranges


def _within(qid: Optional[int], ranges: Ranges) -> bool:
    return qid is not None and any(start <= qid <= end for start, end in ranges)


class _Gate:
    """``fail_on`` checked and parsed."""

    def __init__(self, fail_on: Mapping[str, Any]) -> None:
        self.severity: Optional[int] = fail_on.get("severity")
        if self.severity is not None and self.severity not in range(1, 6):
            raise ValidationError("fail_on.severity must be 1 to 5, got %r" % self.severity)
        self.limits: Dict[int, int] = {}
        for level in LEVELS:
            limit = (fail_on.get("limits") or {}).get("level_%d" % level)
            if limit is None:
                continue
            if limit < 0:
                raise ValidationError("fail_on.limits.level_%d must be 0 or more, got %r" % (level, limit))
            self.limits[level] = limit
        self.qids = _ranges(fail_on.get("qids"), "qids")
        self.excluded = _ranges(fail_on.get("exclude_qids"), "exclude_qids")
        self.potential = fail_on.get("potential", True) is not False
        self.types = COUNTED_TYPES + (("sensitive_content",) if fail_on.get("sensitive_content") else ())
        self.scan_error = fail_on.get("scan_error", True) is not False
        self.checked = {
            "severity": self.severity,
            "limits": {"level_%d" % level: limit for level, limit in self.limits.items()},
            "qids": [str(value) for value in fail_on.get("qids") or ()],
            "exclude_qids": [str(value) for value in fail_on.get("exclude_qids") or ()],
            "potential": self.potential,
            "sensitive_content": bool(fail_on.get("sensitive_content")),
            "scan_error": self.scan_error,
        }


def good_scan(results: Mapping[str, Any]) -> bool:
    """Whether a scan (its results, or its record's status and results status) ended as a good scan does."""
    return results.get("status") == GOOD_STATUS and results.get("results_status") in GOOD_RESULTS


def validate_gate(fail_on: Optional[Mapping[str, Any]]) -> None:
    """Raise ``ValidationError`` for a ``fail_on`` the gate cannot apply; to be called before any API call."""
    if fail_on:
        _Gate(fail_on)


def _violation(finding: Mapping[str, Any], reasons: List[str]) -> Dict[str, Any]:
    return {
        "qid": finding.get("qid"),
        "title": finding.get("title"),
        "severity": finding.get("severity"),
        "url": finding.get("url"),
        "reason": "; ".join(reasons),
    }


def accepted_end(results: Mapping[str, Any], accepted: Sequence[str]) -> bool:
    """Whether a scan ended well, or in an end the task accepts (``accept_end_states``): its status or, for a scan
    that finished, its results status (CANCELED with CANCELED_WITH_RESULTS reads as either)."""
    status, results_status = results.get("status"), results.get("results_status")
    words = {results_status} if status == GOOD_STATUS else {status, results_status}
    return good_scan(results) or bool(words & set(accepted))


def evaluate_gate(
    fail_on: Mapping[str, Any], results: Mapping[str, Any], accepted: Sequence[str] = ()
) -> Dict[str, Any]:
    """``gate_result``: whether ``results`` pass ``fail_on``, what broke it (one entry per finding, with every reason),
    and what was checked and counted. ``accepted`` are the ends the task accepts besides a good one, which the
    scan error rule lets pass as the task's end check does.

    A finding whose severity is unknown (neither the download nor the finding records gave it) breaks a severity
    rule rather than passing it unseen; a finding not known to be potential counts as confirmed.
    """
    gate = _Gate(fail_on)
    violations: List[Dict[str, Any]] = []
    status, results_status = results.get("status"), results.get("results_status")
    if gate.scan_error and not accepted_end(results, accepted):
        reason = "the scan ended %s with results %s, so its findings do not show what the web app holds" % (
            (status or "unknown").upper(),
            (results_status or "unknown").upper(),
        )
        violations.append({"qid": None, "title": None, "severity": None, "url": None, "reason": reason})

    findings = results.get("findings") or []
    kept = [f for f in findings if not _within(f.get("qid"), gate.excluded)]
    excluded = len(findings) - len(kept)
    if not gate.potential:
        considered = [f for f in kept if f.get("potential") is not True]
    else:
        considered = kept
    counted = [f for f in considered if f.get("type") in gate.types]
    counts = {level: sum(1 for f in counted if f.get("severity") == level) for level in LEVELS}
    unknown = sum(1 for f in counted if f.get("severity") not in LEVELS)

    reasons: Dict[int, List[str]] = {}
    for index, finding in enumerate(considered):
        found: List[str] = []
        severity = finding.get("severity")
        if finding.get("type") in gate.types and (gate.severity is not None or gate.limits):
            if severity not in LEVELS:
                found.append("severity unknown, so it may break the severity rules")
            elif gate.severity is not None and severity >= gate.severity:
                found.append("severity %d, at or above %d" % (severity, gate.severity))
            if severity in gate.limits and counts[severity] > gate.limits[severity]:
                found.append(
                    "%d of severity %d found, more than the %d allowed"
                    % (counts[severity], severity, gate.limits[severity])
                )
        if _within(finding.get("qid"), gate.qids):
            found.append("QID listed in fail_on.qids")
        if found:
            reasons[index] = found
    listed = sorted(reasons, key=lambda i: (-(considered[i].get("severity") or 6), considered[i].get("qid") or 0, i))
    violations.extend(_violation(considered[index], reasons[index]) for index in listed)

    checked = dict(gate.checked)
    checked.update(
        accept_end_states=sorted(accepted),
        status=status,
        results_status=results_status,
        counted=dict(
            {"total": len(counted), "unknown_severity": unknown}, **{"level_%d" % n: counts[n] for n in LEVELS}
        ),
        excluded=excluded,
        potential_left_out=len(kept) - len(considered),
    )
    return {"passed": not violations, "violations": violations, "checked": checked}


def _cell(value: Any, width: int) -> str:
    """A value on one line of its column: a title or URL the scanned site chose could hold line breaks or terminal
    escapes, which would break the table or the terminal showing it."""
    text = "-" if value is None else " ".join("".join(c if c.isprintable() else " " for c in str(value)).split())
    return text if len(text) <= width else text[: width - 1] + "…"


def gate_failure_message(gate_result: Mapping[str, Any]) -> str:
    """A short readable account of what broke the gate: one line per violation, QID, severity, title and URL."""
    violations = gate_result.get("violations") or []
    findings = [v for v in violations if v.get("qid") is not None]
    lines = [
        "The scan failed the gate (fail_on): %s."
        % "; ".join(
            [v["reason"] for v in violations if v.get("qid") is None]
            + (["%d finding%s broke it" % (len(findings), "" if len(findings) == 1 else "s")] if findings else [])
        )
    ]
    if findings:
        rows = [("QID", "Sev", "Title", "URL", "Why")] + [
            (
                _cell(v.get("qid"), 8),
                _cell(v.get("severity"), 3),
                _cell(v.get("title"), 40),
                _cell(v.get("url"), 60),
                _cell(v.get("reason"), 60),
            )
            for v in findings[:TABLE_ROWS]
        ]
        widths = [max(len(row[column]) for row in rows) for column in range(5)]
        lines.extend("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip() for row in rows)
        if len(findings) > TABLE_ROWS:
            lines.append("... and %d more (see gate_result.violations)" % (len(findings) - TABLE_ROWS))
    return "\n".join(lines)
