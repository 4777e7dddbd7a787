# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The findings a CI format is written from, read from what was_finding_info or was_scan_info returned.

Two inputs, each as a whole registered result or as its list: was_finding_info's ``findings`` (each record names
its web app) and was_scan_info's ``scans`` (each scan's ``results.findings``, the web app from the scan's target).
A scan of several web apps, or of tags, does not say which web app a finding is in: its findings belong to the scan.
Whatever the input, each finding becomes one record of the same shape, with the *subject* a report groups it by.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple

from ansible.module_utils.parsing.convert_bool import boolean

SEVERITIES = (1, 2, 3, 4, 5)
INFORMATION_GATHERED = "information_gathered"

# A subject is ("web_app", id, name) or, where a scan's target names no single web app, ("scan", id, name).
Subject = Tuple[str, Optional[int], Optional[str]]


class InputError(ValueError):
    """Input that is none of the shapes the filters read; the filter says so in the task's error."""


def _int(value: Any, what: str) -> Optional[int]:
    if value is None or isinstance(value, bool):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        raise InputError("%s is %r, not a number" % (what, value)) from None


def _text(value: Any) -> Optional[str]:
    return None if value is None else str(value)


def _reference(value: Any) -> Optional[Mapping[str, Any]]:
    return value if isinstance(value, Mapping) and value.get("id") is not None else None


def fingerprint(web_app_id: Optional[int], qid: int, url: Optional[str], param: Optional[str]) -> str:
    """The same for the same finding in every run and from either input: the web app, the QID, the URL, the
    parameter (was_scan_info gives no unique id, so the unique id cannot be it)."""
    key = json.dumps([web_app_id, qid, url, param], separators=(",", ":"))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def _record(finding: Any, subject: Subject, web_app: Optional[Mapping[str, Any]]) -> Dict[str, Any]:
    if not isinstance(finding, Mapping):
        raise InputError("a finding is %s, not a dict" % type(finding).__name__)
    qid = _int(finding.get("qid"), "a finding's qid")
    if qid is None:
        raise InputError("a finding has no qid: %s" % ", ".join(sorted(str(key) for key in finding)))
    web_app_id = _int(web_app.get("id"), "a web app's id") if web_app else None
    url, param = _text(finding.get("url")), _text(finding.get("param"))
    return {
        "qid": qid,
        "title": _text(finding.get("title")) or "QID %d" % qid,
        "type": _text(finding.get("type")) or "vulnerability",
        "severity": _int(finding.get("severity"), "a finding's severity"),
        "potential": finding.get("potential"),
        "url": url,
        "param": param,
        "status": _text(finding.get("status")),
        "ignored": bool(finding.get("ignored")),
        "id": _int(finding.get("id"), "a finding's id"),
        "unique_id": _text(finding.get("unique_id")),
        "subject": subject,
        "fingerprint": fingerprint(web_app_id, qid, url, param),
    }


def _web_app_subject(web_app: Mapping[str, Any]) -> Subject:
    return ("web_app", _int(web_app.get("id"), "a web app's id"), _text(web_app.get("name")))


def _scan_subjects(scan: Mapping[str, Any]) -> Tuple[Subject, List[Subject]]:
    """Whom the scan's findings belong to, and the subjects it judged (those with no finding included)."""
    target = scan.get("target") if isinstance(scan.get("target"), Mapping) else {}
    web_apps = [_reference(target.get("web_app"))] if target.get("web_app") else list(target.get("web_apps") or [])
    web_apps = [web_app for web_app in web_apps if _reference(web_app)]
    if len(web_apps) == 1:
        subject = _web_app_subject(web_apps[0])
        return subject, [subject]
    subject = ("scan", _int(scan.get("id"), "a scan's id"), _text(scan.get("name")))
    return subject, [subject]


def _scan_records(scan: Mapping[str, Any]) -> Tuple[List[Dict[str, Any]], List[Subject]]:
    results = scan.get("results")
    if not isinstance(results, Mapping):
        return [], []  # still running, or read without results: it has judged nothing yet
    subject, judged = _scan_subjects(scan)
    web_app = {"id": subject[1]} if subject[0] == "web_app" else None
    return [_record(finding, subject, web_app) for finding in results.get("findings") or []], judged


def _items(data: Any) -> Sequence[Any]:
    if isinstance(data, Mapping):
        for key in ("findings", "scans"):
            if key in data:
                return _items(data[key])
        raise InputError(
            "expected the result of was_finding_info or was_scan_info, or its findings or scans; got a dict with %s"
            % (", ".join(sorted(str(key) for key in data)) or "no keys")
        )
    if isinstance(data, (str, bytes)) or not isinstance(data, Sequence):
        raise InputError("expected a list of findings or scans, got %s" % type(data).__name__)
    return data


def read(data: Any) -> Tuple[List[Dict[str, Any]], List[Subject]]:
    """Every finding of ``data``, and every subject it judged in order of first appearance, findings or none."""
    findings: List[Dict[str, Any]] = []
    subjects: Dict[Subject, None] = {}
    for item in _items(data):
        if isinstance(item, Mapping) and ("results" in item or "target" in item):
            records, judged = _scan_records(item)
        else:
            web_app = _reference(item.get("web_app")) if isinstance(item, Mapping) else None
            subject = _web_app_subject(web_app) if web_app else ("web_app", None, None)
            records, judged = [_record(item, subject, web_app)], [subject]
        findings.extend(records)
        subjects.update((subject, None) for subject in judged)
    return findings, list(subjects)


def severity_option(value: Any, name: str) -> int:
    number = None if isinstance(value, bool) else _int_or_none(value)
    if number not in SEVERITIES:
        raise InputError("%s must be a severity from 1 to 5, not %r" % (name, value))
    return number


def _int_or_none(value: Any) -> Optional[int]:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def flag_option(value: Any, name: str) -> bool:
    try:
        return boolean(value, strict=True)
    except TypeError:
        raise InputError("%s must be true or false, not %r" % (name, value)) from None


def effective_severity(finding: Mapping[str, Any]) -> int:
    """A severity no record gave counts as the lowest, 1: shown, but above no threshold but 1."""
    return finding["severity"] or 1


def selected(
    findings: Iterable[Dict[str, Any]], minimum_severity: int, information_gathered: bool, ignored: bool
) -> List[Dict[str, Any]]:
    """The findings a report shows: at ``minimum_severity`` or above, information gathered and ignored findings
    only when asked for."""
    return [
        finding
        for finding in findings
        if effective_severity(finding) >= minimum_severity
        and (information_gathered or finding["type"] != INFORMATION_GATHERED)
        and (ignored or not finding["ignored"])
    ]


def describe(finding: Mapping[str, Any]) -> str:
    """One line a developer reads: what, how severe, where."""
    kind = finding["type"].replace("_", " ")
    if finding["potential"]:
        kind = "potential " + kind
    severity = "severity %d" % finding["severity"] if finding["severity"] else "unknown severity"
    where = " at %s" % finding["url"] if finding["url"] else ""
    if finding["param"]:
        where += " (parameter %s)" % finding["param"]
    return "QID %d %s: %s, %s%s" % (finding["qid"], finding["title"], kind, severity, where)


def subject_name(subject: Subject) -> str:
    kind, number, name = subject
    label = "web app" if kind == "web_app" else "scan"
    if number is None:
        return name or "unknown %s" % label
    return "%s (%s %d)" % (name, label, number) if name else "%s %d" % (label, number)
