# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""A scan's results: its download (``download/was/wasscan/<id>``) reduced, as it arrives, to a compact shape.

The download is a bare ``<WasScan>`` document (recorded downloads of 2020). Each finding is kept as one small
record and everything bulky - payloads, responses, base64 data, the options - is passed over unread, so that the
memory a scan of 10,000 findings needs depends on the compact result, not on the document. The recorded 2020 XML
gives no severity and no potential flag per finding (only counts by severity); the 2024 download the GitHub Action
tests with gives both. Where the download lacks them, one finding search per 1000 findings of the scan's QIDs and
web apps fills them in (search_finding.htm; ``qid IN`` and ``webApp.id IN`` as production clients send them).
"""

from __future__ import annotations

from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Set, Tuple

from ansible_collections.qualys.was.plugins.module_utils.client import QualysClient
from ansible_collections.qualys.was.plugins.module_utils.codec import Criterion
from ansible_collections.qualys.was.plugins.module_utils.endpoints import SCAN
from ansible_collections.qualys.was.plugins.module_utils.fields import text_of
from ansible_collections.qualys.was.plugins.module_utils.finding_records import finding_records, scan_scope
from ansible_collections.qualys.was.plugins.module_utils.scan_fields import RESOURCE as SCAN_RECORD
from ansible_collections.qualys.was.plugins.module_utils.scan_gate import good_scan

LEVELS = (5, 4, 3, 2, 1)

# Where each kind of finding is listed in the download, and its prefix in stats.global (nbVulnsLevel5 ...).
KINDS = (
    ("vulns/list", "vulnerability", "vulns", "vulnerabilities"),
    ("sensitiveContents/list", "sensitive_content", "scs", "sensitive_contents"),
    ("igs/list", "information_gathered", "igs", "information_gathered"),
)

# What the compact shape does not need; read past without being kept. The instances of a finding are counted, not
# listed; information gathered holds base64 data and SSL details.
SKIPPED = (
    "options",
    "stats/byGroup",
    "stats/byOwasp",
    "stats/byWasc",
    "vulns/list/*/instances/list",
    "sensitiveContents/list/*/instances/list",
    "igs/list/*/data",
    "igs/list/*/sslData",
)

Key = Tuple[Optional[int], Optional[str], Optional[str]]
Known = Tuple[Optional[int], Optional[bool]]


def _int(value: Any) -> Optional[int]:
    text = text_of(value)
    try:
        return int(text) if text not in (None, "") else None
    except ValueError:
        return None


def _bool(value: Any) -> Optional[bool]:
    text = (text_of(value) or "").strip().lower()
    return {"true": True, "false": False}.get(text)


def _finding(kind: str, item: Any) -> Dict[str, Any]:
    """One listed finding (``WasScanVuln``, ``WasScanIg``, a sensitive content) in the compact shape."""
    item = item if isinstance(item, Mapping) else {}
    listed = kind != "information_gathered"  # information gathered has no URL and no instances
    instances = item.get("instances")
    return {
        "qid": _int(item.get("qid")),
        "title": text_of(item.get("title")),
        "type": kind,
        "severity": _int(item.get("severity")),
        "potential": _bool(item.get("potential")) if kind == "vulnerability" else None,
        "url": text_of(item.get("uri")) if listed else None,
        "param": text_of(item.get("param")),
        "instances": _int(instances.get("count")) if listed and isinstance(instances, Mapping) else None,
    }


class _Collector:
    """The findings of one attempt at the download; a repeated download starts them over."""

    def __init__(self) -> None:
        self.findings: List[Dict[str, Any]] = []

    def start(self) -> Dict[str, Any]:
        self.findings = []
        return {path: self._adder(kind) for path, kind, _prefix, _key in KINDS}

    def _adder(self, kind: str):
        return lambda item: self.findings.append(_finding(kind, item))


def _stats(state: Mapping[str, Any]) -> Dict[str, Dict[str, Optional[int]]]:
    counts = ((state.get("stats") or {}).get("global")) or {}
    stats = {}
    for _path, _kind, prefix, key in KINDS:
        stats[key] = {"total": counts.get("nb_%s_total" % prefix)}
        stats[key].update(("level_%d" % level, counts.get("nb_%s_level%d" % (prefix, level))) for level in LEVELS)
    return stats


def _agreed(values: Iterable[Any]) -> Any:
    """The value every record gives, or None when they disagree or give none."""
    found = {value for value in values if value is not None}
    return found.pop() if len(found) == 1 else None


def _fill_from_findings(client: QualysClient, findings: List[Dict[str, Any]], scope: Optional[Criterion]) -> None:
    """Severity and potential of the listed findings the download gave without them, from the finding search.

    A finding record matches by QID, URL and parameter; where none does (the record may name the URL otherwise),
    the QID's records give the severity (the highest, should an edited severity make them differ) and the
    potential flag when they all agree. What no record gives stays null.
    """
    wanted = [
        f
        for f in findings
        if (f["type"] == "vulnerability" and None in (f["severity"], f["potential"]))
        or (f["type"] == "sensitive_content" and f["severity"] is None)
    ]
    qids = sorted({f["qid"] for f in wanted if f["qid"] is not None})
    if not qids or scope is None:
        return
    criteria = [Criterion("qid", "IN", qids), scope]
    # What each page tells is kept small, (severity, potential) for the findings wanted and per QID, and the page
    # dropped: the records of a web app's earlier scans may outnumber the scan's own findings many times.
    keys = {(f["qid"], f["url"], f["param"]) for f in wanted}
    exact: Dict[Key, Known] = {}
    by_qid: Dict[Optional[int], Set[Known]] = {}
    for record in finding_records(client, criteria):
        known = (record["severity"], record["potential"])
        key = (record["qid"], record["url"], record["param"])
        if key in keys:
            exact.setdefault(key, known)
        by_qid.setdefault(key[0], set()).add(known)
    for finding in wanted:
        match = exact.get((finding["qid"], finding["url"], finding["param"]))
        group = by_qid.get(finding["qid"], set())
        severities = [severity for severity, _potential in group if severity is not None]
        if finding["severity"] is None:
            finding["severity"] = match[0] if match else (max(severities) if severities else None)
        if finding["potential"] is None and finding["type"] == "vulnerability":
            finding["potential"] = match[1] if match else _agreed(potential for _severity, potential in group)


def read_scan_results(client: QualysClient, scan_id: int, web_app_ids: Sequence[int] = ()) -> Dict[str, Any]:
    """The results of scan ``scan_id`` in the compact documented shape: id, name, status, results and
    authentication status, counts by severity, and one record per listed finding.

    ``web_app_ids`` are the web apps whose finding records may fill in what the download leaves out; without them
    the download's target tells. Costs one download, plus a finding search per 1000 records when needed.
    """
    collector = _Collector()
    record = client.download(SCAN, scan_id, collector.start, SKIPPED)
    state = SCAN_RECORD.normalise(record)
    findings = collector.findings
    _fill_from_findings(client, findings, scan_scope(record, web_app_ids))
    summary = state.get("summary") or {}
    return {
        "id": _int(record.get("id")),
        "name": state.get("name"),
        "status": state.get("status"),
        "results_status": summary.get("results_status"),
        "auth_status": summary.get("auth_status"),
        "stats": _stats(state),
        "findings": findings,
    }


def scanned_web_app_ids(state: Mapping[str, Any]) -> List[int]:
    target = state.get("target") or {}
    apps = [target["web_app"]] if target.get("web_app") else list(target.get("web_apps") or ())
    return [app["id"] for app in apps if app and app.get("id") is not None]


def merged_results(results: Sequence[Mapping[str, Any]]) -> Dict[str, Any]:
    """The results of the scans one launch started (one per web app, where Qualys answers so) judged as one: every
    finding, counts added up, and the status of the first scan that did not end well, if any."""
    if len(results) == 1:
        return dict(results[0])
    shown = next((one for one in results if not good_scan(one)), results[0])
    stats: Dict[str, Dict[str, Any]] = {}
    for one in results:
        for kind, counts in (one.get("stats") or {}).items():
            into = stats.setdefault(kind, {})
            for key, value in (counts or {}).items():
                into[key] = (into.get(key) or 0) + (value or 0)
    return {
        "id": None,
        "name": shown.get("name"),
        "status": shown.get("status"),
        "results_status": shown.get("results_status"),
        "auth_status": shown.get("auth_status"),
        "stats": stats,
        "findings": [finding for one in results for finding in one.get("findings") or ()],
    }


def read_results(client: QualysClient, states: Sequence[Mapping[str, Any]]) -> Dict[str, Any]:
    """The results of ``states``, the scans of one launch, read and judged as one."""
    return merged_results([read_scan_results(client, state["id"], scanned_web_app_ids(state)) for state in states])
