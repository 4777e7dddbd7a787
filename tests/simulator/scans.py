# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The life of a scan on the simulated clock (README "Scans").

A launched scan keeps its plan: when it was launched, the outcome and durations of each of its web apps (the
fixture's hidden ``scanOutcome``), its time limit, and a cancel if one came. Everything else (status, summary,
results, the findings it records) follows from the plan, the clock and the settings, so that moving the clock
moves every scan along. Results and findings are made once, when a scan settles, and dated when it ended.
"""

from __future__ import annotations

import base64
import math
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Dict, List, Optional, Tuple

from .settings import Settings
from .store import Record, Store

SCAN = "WasScan"
FINDING = "Finding"
SUBMITTED_FOR = timedelta(seconds=60)
PROCESSING_STEP = timedelta(seconds=60)  # each of TO_BE_PROCESSED and PROCESSING
# A web app without a scanOutcome (one created at run time): a clean scan of ten minutes.
DEFAULT_OUTCOME: Dict[str, Any] = {
    "resultsStatus": "SUCCESSFUL",
    "crawlDuration": 120,
    "testDuration": 480,
    "linksCrawled": 10,
    "findings": [{"qid": 6}, {"qid": 45038}],
}
GOOD = "SUCCESSFUL"
# Ends that come with status FINISHED (DUSTY reads them once a scan is FINISHED).
FINISHED_FAILURES = ("NO_HOST_ALIVE", "NO_WEB_SERVICE", "SERVICE_ERROR", "SCAN_INTERNAL_ERROR", "SCAN_RESULTS_INVALID")
TIME_LIMIT = "TIME_LIMIT_EXCEEDED"
NEVER_RUN = ("SCANNER_NOT_AVAILABLE", "SCAN_NOT_LAUNCHED")
# Ends that sources give as a status or only as a resultsStatus: the scan_failure_status setting.
STATUS_OR_RESULT = (TIME_LIMIT, *NEVER_RUN)
CANCELED = "CANCELED"
CANCELED_WITH_RESULTS = "CANCELED_WITH_RESULTS"
# A multi-scan's outcome is its worst web app's, worst first; CISA rolls up SERVICE_ERROR, NO_WEB_SERVICE, good.
ROLL_UP = ("ERROR", *NEVER_RUN, "SERVICE_ERROR", "SCAN_INTERNAL_ERROR", "SCAN_RESULTS_INVALID", "NO_HOST_ALIVE")
ROLL_UP += ("NO_WEB_SERVICE", GOOD)
WITHOUT_RESULTS = ("ERROR", *NEVER_RUN, CANCELED)
RUNNING_STATUSES = ("SUBMITTED", "RUNNING", "PROCESSING")
IGNORED = ("ignoredReason", "ignoredBy", "ignoredDate", "ignoredComment")


@dataclass(frozen=True)
class Timeline:
    running_from: datetime
    ended: datetime
    settled: datetime  # results are ready: the end, or the end of the processing phases
    outcome: str
    share: float  # of the findings, kept by a scan cut short


def web_app_plan(web_app: Record) -> Dict[str, Any]:
    outcome = web_app.get("scanOutcome") or DEFAULT_OUTCOME
    return {"webApp": web_app["id"], **{**DEFAULT_OUTCOME, **outcome}}


def timeline(plan: Dict[str, Any], settings: Settings) -> Timeline:
    running_from = plan["launched"] + SUBMITTED_FOR
    outcome = min((app["resultsStatus"] for app in plan["apps"]), key=ROLL_UP.index)
    seconds = 0 if outcome in NEVER_RUN else max(app["crawlDuration"] + app["testDuration"] for app in plan["apps"])
    share = 1.0
    limit = plan.get("cancelAfterNHours")
    if limit and seconds > limit * 3600:
        share, seconds, outcome = limit * 3600 / seconds, limit * 3600, TIME_LIMIT
    ended = running_from + timedelta(seconds=seconds)
    canceled = plan.get("canceled")
    if canceled and canceled < ended:
        ran = max(0.0, (canceled - running_from).total_seconds())
        kept = plan.get("withResults", False) and ran > 0
        share = share * ran / seconds if kept else 0.0
        outcome, ended = (CANCELED_WITH_RESULTS if kept else CANCELED), canceled
    processed = settings.scan_processing != "none" and outcome not in (*WITHOUT_RESULTS, CANCELED_WITH_RESULTS)
    settled = ended + 2 * PROCESSING_STEP if processed else ended
    return Timeline(running_from, ended, settled, outcome, share)


def final_state(outcome: str, settings: Settings) -> Tuple[str, str]:
    if outcome == GOOD:
        return "FINISHED", settings.scan_good_results
    if outcome == "ERROR":
        return "ERROR", "SCAN_INTERNAL_ERROR"
    if outcome in STATUS_OR_RESULT:
        return (outcome if settings.scan_failure_status == "status" else "FINISHED"), outcome
    if outcome in (CANCELED, CANCELED_WITH_RESULTS):
        return settings.scan_canceled, outcome
    return "FINISHED", outcome


def state(line: Timeline, now: datetime, settings: Settings) -> Tuple[str, Optional[str]]:
    """The scan's status and summary.resultsStatus (None: no summary yet) at ``now``."""
    if now < line.ended:
        return ("SUBMITTED" if now < line.running_from else "RUNNING"), None
    if now < line.settled:
        if settings.scan_processing == "status":
            return "PROCESSING", None
        return "FINISHED", ("TO_BE_PROCESSED" if now < line.ended + PROCESSING_STEP else "PROCESSING")
    return final_state(line.outcome, settings)


def is_running(scan: Record) -> bool:
    return scan.get("status") in RUNNING_STATUSES


def advance(store: Store, now: datetime, settings: Settings) -> None:
    """Brings every scan up to ``now``: status, summary and end; results and findings once it settles."""
    for scan in store.all(SCAN):
        plan = scan["_plan"]
        line = timeline(plan, settings)
        status, results_status = state(line, now, settings)
        scan["status"] = status
        if now >= line.ended:
            scan["endScanDate"] = line.ended
            scan["scanDuration"] = int((line.ended - plan["launched"]).total_seconds())
        else:
            for name in ("endScanDate", "scanDuration", "summary"):
                scan.pop(name, None)
        if results_status is not None:
            scan["summary"] = _summary(plan, line, results_status, now >= line.settled)
        else:
            scan.pop("summary", None)
        if now >= line.settled and not plan.get("settled"):
            _settle(store, scan, line, settings)
            plan["settled"] = True


def _summary(plan: Dict[str, Any], line: Timeline, results_status: str, settled: bool) -> Dict[str, Any]:
    auth = {"authStatus": plan["authStatus"]}
    if not (settled and line.outcome in (GOOD, TIME_LIMIT, CANCELED_WITH_RESULTS)):
        # A scan that failed shows only these two (REAL download 5170635).
        return {"resultsStatus": results_status, **auth}
    crawl = max(app["crawlDuration"] for app in plan["apps"])
    test = int(max(app["testDuration"] for app in plan["apps"]) * line.share)
    return {
        "crawlDuration": crawl,
        "testDuration": test,
        "linksCrawled": sum(app["linksCrawled"] for app in plan["apps"]),
        "nbRequests": crawl + test,
        "resultsStatus": results_status,
        **auth,
        "os": "Linux 3.10",
    }


def _catalogued(store: Store, findings: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    """The findings whose QID the catalogue has: the fixture refuses others in a scanOutcome, so only the default
    outcome's information gathered can be missing, in a fixture without a catalogue."""
    return [finding for finding in findings if store.get("Qid", finding["qid"])]


def _kept(app: Dict[str, Any], line: Timeline) -> List[Dict[str, Any]]:
    """The findings of one web app a scan keeps: none after an error or a cancel without results, the share that
    was tested of a scan cut short; a failed web app keeps what it gathered (REAL 5170635 lists its IGs)."""
    if line.outcome in WITHOUT_RESULTS or app["resultsStatus"] not in (GOOD, *FINISHED_FAILURES):
        return []
    return app["findings"][: math.ceil(len(app["findings"]) * line.share)]


def _settle(store: Store, scan: Record, line: Timeline, settings: Settings) -> None:
    kept = []
    drop_ignores = settings.finding_ignore_rescan == "dropped"
    for app in scan["_plan"]["apps"]:
        findings = _catalogued(store, _kept(app, line))
        whole = app["resultsStatus"] == GOOD and line.outcome == GOOD
        record_findings(store, app["webApp"], findings, line.ended, whole, drop_ignores)
        kept.extend(findings)
    scan.update(results(store, kept))


def _encoded(text: str) -> Dict[str, Any]:
    return {"#text": base64.b64encode(text.encode()).decode(), "@base64": True}


def results(store: Store, findings: List[Dict[str, Any]]) -> Dict[str, Any]:
    """The download's stats, vulns, sensitiveContents and igs for the findings a scan kept."""
    lists: Dict[str, List[Dict[str, Any]]] = {"VULNERABILITY": [], "SENSITIVE_CONTENT": [], "INFORMATION_GATHERED": []}
    rows: Dict[str, List[Record]] = {name: [] for name in lists}
    for finding in findings:
        qid = store.get("Qid", finding["qid"])
        rows[qid["type"]].append(qid)
        item: Dict[str, Any] = {"qid": qid["id"], "title": qid["title"], "severity": qid["severity"]}
        if qid["type"] == "INFORMATION_GATHERED":
            item["data"] = _encoded(f"{qid['title']}: detected")
        else:
            item["uri"] = finding.get("url", "")
            item.update({"param": finding["param"]} if finding.get("param") else {})
            item["potential"] = finding.get("potential", False)
            instance: Dict[str, Any] = {"authenticated": False}
            instance.update({"form": finding["form"]} if finding.get("form") else {})
            instance["payloads"] = [{"payload": "N/A", "result": _encoded(f"{qid['title']} at {item['uri']}")}]
            item["instances"] = [instance]
        lists[qid["type"]].append(item)
    return {
        "stats": _stats(rows),
        "vulns": lists["VULNERABILITY"],
        "sensitiveContents": lists["SENSITIVE_CONTENT"],
        "igs": lists["INFORMATION_GATHERED"],
    }


def _levels(prefix: str, qids: List[Record], total: int) -> Dict[str, int]:
    counts = {f"{prefix}Total": total}
    for level in range(5, 0, -1):
        counts[f"{prefix}Level{level}"] = sum(1 for qid in qids if qid["severity"] == level)
    return counts


def _by(key: str, qids: List[Record]) -> List[Dict[str, Any]]:
    names = sorted({qid[key] for qid in qids if qid.get(key)})
    counted = {name: [qid for qid in qids if qid.get(key) == name] for name in names}
    return [{key: name, **_levels("nb", counted[name], len(counted[name]))} for name in names]


def _stats(rows: Dict[str, List[Record]]) -> Dict[str, Any]:
    vulns, scs, igs = rows["VULNERABILITY"], rows["SENSITIVE_CONTENT"], rows["INFORMATION_GATHERED"]
    grouped = vulns + scs
    # Every recorded download counts one information gathered more than it lists, at level 1 (survey section 8
    # q14: 4 counted, 3 listed in 5170635).
    gathered = _levels("nbIgs", igs, len(igs) + 1)
    gathered["nbIgsLevel1"] += 1
    return {
        "global": {**_levels("nbVulns", vulns, len(vulns)), **_levels("nbScs", scs, len(scs)), **gathered},
        "byGroup": _by("group", grouped),
        "byOwasp": _by("owasp", grouped),
        "byWasc": _by("wasc", grouped),
    }


def record_findings(
    store: Store,
    web_app_id: int,
    findings: List[Dict[str, Any]],
    detected: datetime,
    whole: bool,
    drop_ignores: bool = False,
) -> None:
    """Records what a scan of one web app found; after a whole good scan, what it no longer finds is FIXED.
    With ``drop_ignores`` (finding_ignore_rescan "dropped") a finding detected again is no longer ignored."""
    held = {_key(record): record for record in store.all(FINDING) if record["webApp"]["id"] == web_app_id}
    seen = set()
    for finding in findings:
        qid = store.get("Qid", finding["qid"])
        key = (web_app_id, qid["id"], finding.get("url"), finding.get("param"))
        seen.add(key)
        record = held.get(key)
        if record is None:
            record = new_finding(store, web_app_id, qid, finding, detected)
        else:
            record["lastDetectedDate"] = record["lastTestedDate"] = detected
            if "timesDetected" in record:
                record["timesDetected"] += 1
                record["status"] = {"NEW": "ACTIVE", "FIXED": "REOPENED"}.get(record["status"], record["status"])
            if drop_ignores and record.get("isIgnored"):
                clear_ignore(record)
        store.put(FINDING, record)
    if whole:
        for key, record in held.items():
            if key not in seen and "status" in record:
                record["status"], record["lastTestedDate"] = "FIXED", detected


def clear_ignore(record: Record) -> None:
    """An activate, or a scan that detects again under finding_ignore_rescan "dropped" (README "Findings")."""
    record["isIgnored"] = False
    for name in IGNORED:
        record.pop(name, None)


def _key(record: Record) -> Tuple[Any, ...]:
    return (record["webApp"]["id"], record["qid"], record.get("url"), record.get("param"))


def new_finding(
    store: Store,
    web_app_id: int,
    qid: Record,
    finding: Dict[str, Any],
    detected: datetime,
    finding_id: Optional[int] = None,
) -> Record:
    """A finding first detected at ``detected``; ``finding_id`` where the caller took the id already."""
    name = f"{web_app_id}/{qid['id']}/{finding.get('url')}/{finding.get('param')}"
    record: Record = {
        "id": finding_id if finding_id is not None else store.new_id(),
        "uniqueId": str(uuid.uuid5(uuid.NAMESPACE_URL, name)),
        "qid": qid["id"],
        "name": qid["title"],
        "type": qid["type"],
        "potential": finding.get("potential", False),
        "findingType": "QUALYS",
    }
    if finding.get("param"):
        record["param"] = finding["param"]
    record["severity"] = qid["severity"]
    # Information gathered has no url, status, timesDetected or isIgnored (REAL finding search).
    gathered = qid["type"] == "INFORMATION_GATHERED"
    if not gathered:
        record.update(url=finding.get("url", ""), status="NEW")
    record.update(firstDetectedDate=detected, lastDetectedDate=detected, lastTestedDate=detected)
    if not gathered:
        record["timesDetected"] = 1
    record["webApp"] = {"id": web_app_id}
    if not gathered:
        record["isIgnored"] = False
    if qid.get("group"):
        record["group"] = qid["group"]
    return record
