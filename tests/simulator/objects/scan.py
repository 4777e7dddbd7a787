# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""WasScan: launch, status, get, search, count, cancel, delete and the results download (README "Scans").

Element order as the recorded downloads (survey section 2.7, JupiterOne 2020); the launch request's target is the
schedule's (create_schedule.htm, launch_scan.htm). The life of a scan on the clock is ``scans.py``.
"""

from __future__ import annotations

import copy
from typing import Any, Dict, List, Optional

from .. import permissions, scans
from ..change import Change
from ..criteria import Searchable, at, joined, present, values_at
from ..decode import decode
from ..errors import invalid_request, not_found
from ..operations import Call, starting_defaults, write_record
from ..responses import Outcome
from ..schema import Bounds, Group, Leaf, QList, Ref
from ..store import Record, Store
from ..values import BOOLEAN, DATETIME, LONG, TEXT, Keyword
from ..xmlin import data_object
from ..xmlout import Node
from .base import READS, ObjectType
from .common import ID, ID_AND_NAME, NAME, user
from .schedule import TARGET, one_scanner_choice

# scan_count.htm lists these resultsStatus values; FINISHED is scan_good_results' other variant.
RESULTS_STATUS = Keyword(
    "NOT_USED",
    "TO_BE_PROCESSED",
    "NO_HOST_ALIVE",
    "NO_WEB_SERVICE",
    "SERVICE_ERROR",
    "TIME_LIMIT_REACHED",
    "SCAN_INTERNAL_ERROR",
    "SCAN_RESULTS_INVALID",
    "SUCCESSFUL",
    "PROCESSING",
    "TIME_LIMIT_EXCEEDED",
    "SCAN_NOT_LAUNCHED",
    "SCANNER_NOT_AVAILABLE",
    "SUBMITTED",
    "RUNNING",
    "FINISHED",
    "CANCELED",
    "CANCELING",
    "ERROR",
    "DELETED",
    "CANCELED_WITH_RESULTS",
)
# search_scan.htm's statuses, and those the scan_canceled and scan_failure_status settings produce.
STATUS = Keyword(
    "SUBMITTED",
    "RUNNING",
    "FINISHED",
    "ERROR",
    "CANCELED",
    "PROCESSING",
    "CANCELLED",
    "TIME_LIMIT_EXCEEDED",
    "SCAN_NOT_LAUNCHED",
    "SCANNER_NOT_AVAILABLE",
)
AUTH_STATUS = Keyword("NONE", "NOT_USED", "SUCCESSFUL", "FAILED", "PARTIAL")
LEVELS = tuple(Leaf(f"nbLevel{level}", LONG) for level in range(5, 0, -1))


def _global(prefix: str) -> tuple:
    return (Leaf(f"{prefix}Total", LONG), *(Leaf(f"{prefix}Level{level}", LONG) for level in range(5, 0, -1)))


STATS = Group(
    "stats",
    (
        Group("global", (*_global("nbVulns"), *_global("nbScs"), *_global("nbIgs"))),
        QList("byGroup", Group("GroupStat", (Leaf("group"), Leaf("nbTotal", LONG), *LEVELS))),
        QList("byOwasp", Group("OwaspStat", (Leaf("owasp"), Leaf("nbTotal", LONG), *LEVELS))),
        QList("byWasc", Group("WascStat", (Leaf("wasc"), Leaf("nbTotal", LONG), *LEVELS))),
    ),
    writable=False,
)


def _base64(name: str) -> Group:
    return Group(name, (Leaf("#text", cdata=True), Leaf("@base64", BOOLEAN)))


def _results(severity: bool) -> tuple:
    """vulns, sensitiveContents and igs; with ``severity`` each vulnerability also has severity and potential and
    each information gathered severity, as the 2024 download does (scan_vuln_severity)."""
    rated = (Leaf("severity", LONG), Leaf("potential", BOOLEAN)) if severity else ()
    payload = Group("WasScanVulnPayload", (Leaf("payload", cdata=True), _base64("result")))
    instance = Group(
        "WasScanVulnInstance",
        (Leaf("authenticated", BOOLEAN), Leaf("form", cdata=True), QList("payloads", payload)),
    )
    vuln = Group(
        "WasScanVuln",
        (
            Leaf("qid", LONG),
            Leaf("title", cdata=True),
            *rated,
            Leaf("uri", cdata=True),
            Leaf("param"),
            QList("instances", instance),
        ),
    )
    sensitive = Group(
        "WasScanSensitiveContent", (Leaf("qid", LONG), Leaf("title", cdata=True), *rated[:1], Leaf("uri", cdata=True))
    )
    ig = Group("WasScanIg", (Leaf("qid", LONG), Leaf("title", cdata=True), *rated[:1], _base64("data")))
    return (
        QList("vulns", vuln, writable=False),
        QList("sensitiveContents", sensitive, writable=False),
        QList("igs", ig, writable=False),
    )


SUMMARY = Group(
    "summary",
    (
        Leaf("crawlDuration", LONG),
        Leaf("testDuration", LONG),
        Leaf("linksCrawled", LONG),
        Leaf("nbRequests", LONG),
        Leaf("resultsStatus", RESULTS_STATUS),
        Leaf("authStatus", AUTH_STATUS),
        Leaf("os"),
    ),
    writable=False,
)


def _scan(results: tuple) -> Group:
    return Group(
        "WasScan",
        (
            ID,
            NAME,
            Leaf("reference", writable=False),
            Leaf("type", Keyword("VULNERABILITY", "DISCOVERY")),
            Leaf("mode", Keyword("ONDEMAND", "SCHEDULED", "API"), writable=False),
            Leaf("multi", BOOLEAN, writable=False),
            TARGET,
            Ref("profile", "OptionProfile", show=ID_AND_NAME, by_name=True),
            # launch_scan.htm lists ENABLED and DISABLED (schedules also take DEFAULT).
            Leaf("progressiveScanning", Keyword("ENABLED", "DISABLED")),
            QList("options", Group("WasScanOption", (Leaf("name"), Leaf("value", cdata=True))), writable=False),
            Leaf("launchedDate", DATETIME, writable=False),
            user("launchedBy"),
            Leaf("status", STATUS, writable=False),
            Leaf("endScanDate", DATETIME, writable=False),
            Leaf("scanDuration", LONG, writable=False),
            SUMMARY,
            STATS,
            *results,
            Leaf("sendMail", BOOLEAN),
            Leaf("enableWAFAuth", BOOLEAN, writable=False),
            # Sent in launches (launch_scan.htm); no recorded scan shows them.
            Leaf("cancelAfterNHours", LONG, hidden=True, bounds=Bounds(1, 24, "hours")),
            Leaf("cancelTime", hidden=True),
            Leaf("sendOneMail", BOOLEAN, hidden=True),
        ),
    )


SPEC = _scan(())
DOWNLOAD = {"absent": _scan(_results(False)), "present": _scan(_results(True))}
STATUS_SHAPE = SPEC.only("id", "status", "summary", summary=SUMMARY.only("resultsStatus", "authStatus"))
# What CISA reads from a non-verbose search (name, status, summary/resultsStatus, target/webApp/url), in the get order.
SEARCH_SUMMARY = SPEC.only(
    "id",
    "name",
    "reference",
    "type",
    "mode",
    "multi",
    "target",
    "profile",
    "launchedDate",
    "launchedBy",
    "status",
    "summary",
)
CANCEL_REQUEST = Group("WasScan", (Leaf("cancelWithResults", BOOLEAN),))
TARGETS = ("webApp", "webApps", "tags")


def selected_web_apps(target: Dict[str, Any], store: Store) -> List[int]:
    """The web apps a target names, or that its tags select: included ALL or ANY, minus excluded ALL or ANY."""
    if "webApp" in target:
        return [target["webApp"]["id"]]
    if "webApps" in target:
        return sorted({web_app["id"] for web_app in target["webApps"]})

    def matches(web_app: Record, selection: Dict[str, Any]) -> bool:
        wanted = {tag["id"] for tag in selection.get("tagList", [])}
        held = set(values_at(web_app, "tags.id"))
        return bool(wanted) and (wanted <= held if selection.get("option", "ALL") == "ALL" else bool(wanted & held))

    tags = target.get("tags", {})
    included, excluded = tags.get("included", {}), tags.get("excluded")
    return [
        web_app["id"]
        for web_app in store.all("WebApp")
        if matches(web_app, included) and not (excluded and matches(web_app, excluded))
    ]


def target_exactly_one(change: Change) -> None:
    if sum(name in change.record.get("target", {}) for name in TARGETS) != 1:
        raise invalid_request(
            "The target takes exactly one of webApp, webApps or tags.",
            "Send target/webApp, target/webApps or target/tags.",
        )


def tags_select_web_apps(change: Change) -> None:
    if not selected_web_apps(change.record["target"], change.store):
        raise invalid_request("No web application matches the target tags.", "Check target/tags.")


def web_apps_in_scope(change: Change) -> None:
    # A web app outside the caller's scope is refused in the words of an unknown one.
    if change.scope_tags is None:
        return
    for web_app_id in selected_web_apps(change.record["target"], change.store):
        web_app = change.store.get("WebApp", web_app_id)
        if not set(values_at(web_app, "tags.id")) & change.scope_tags:
            raise not_found("WebApp", web_app_id)


def within_concurrency(change: Change) -> None:
    """The recorded refusal (sample error-launch-paragbaxi-1), with the limit the scan_concurrency setting sets."""
    limit = change.settings.scan_concurrency
    per_web_app = change.settings.scan_multi_launch == "per_web_app"
    new = len(selected_web_apps(change.record["target"], change.store)) if per_web_app else 1
    running = sum(1 for scan in change.store.all(scans.SCAN) if scans.is_running(scan))
    if running + new > limit:
        raise invalid_request(
            f"You have reached the maximum number of concurrent running scans ({limit}) for your account",
            "Please wait until your previous scans have completed",
        )


def _subscription_default_profile(store: Store) -> Optional[Record]:
    return next((profile for profile in store.all("OptionProfile") if profile.get("isDefault")), None)


def _auth_record(target: Dict[str, Any], web_app: Record, store: Store) -> Optional[Record]:
    chosen = target.get("webAppAuthRecord", {})
    if "id" in chosen:
        return store.get("WebAppAuthRecord", chosen["id"])
    if chosen.get("isDefault"):
        default = values_at(web_app, "config.defaultAuthRecord.id")
        return store.get("WebAppAuthRecord", default[0]) if default else None
    return None


def _options(profile: Record, web_app: Record, scanner: Dict[str, Any], auth: Optional[Record], store: Store):
    """The 16 WasScanOption rows of the recorded downloads, valued from the profile and the web app; a custom
    intensity as seed 003 sample 4 shows it."""
    custom = profile.get("customPerformance")
    parameter_set = (
        store.get("ParameterSet", values_at(profile, "parameterSet.id")[0]) if "parameterSet" in profile else None
    )
    sensitive = profile.get("sensitiveContent", {})
    scanner_text = (
        "External" if scanner.get("type", "EXTERNAL") == "EXTERNAL" else f"Internal ({scanner.get('friendlyName', '')})"
    )
    rows = [
        ("Web Application Authentication Record Name", auth["name"] if auth else "None"),
        ("Sensitive Content: Credit Card Numbers", sensitive.get("creditCardNumber", False)),
        ("Scan Intensity", "CUSTOM" if custom else profile.get("performance", "LOW")),
        ("Scanner Appliance", scanner_text),
        ("Detection Scope", "CORE"),
        ("Option Profile Name", profile["name"]),
        ("Timeout Error Threshold", profile.get("timeoutErrorThreshold", 100)),
        ("Web Application Name", web_app["name"]),
        ("Target URL", web_app["url"]),
        ("Unexpected Error Threshold", profile.get("unexpectedErrorThreshold", 300)),
        ("Crawling Form Submissions", profile.get("formSubmission", "BOTH")),
        ("Bruteforce Settings", profile.get("bruteforceOption", "MINIMAL")),
        ("Maximum Crawling Links", profile.get("maxCrawlRequests", 300)),
        ("Request Parameter Set", parameter_set["name"] if parameter_set else "Initial Parameters"),
        ("Performance Settings", "Custom" if custom else "Pre-defined"),
        ("Sensitive Content: Social Security Numbers (US)", sensitive.get("socialSecurityNumber", False)),
    ]
    if custom:
        rows += [
            ("Delay Between Requests (ms)", custom["delayBetweenRequests"]),
            ("# of HTTP Threads", custom["numOfHttpThreads"]),
        ]
    return [
        {"name": name, "value": BOOLEAN.format(value) if isinstance(value, bool) else str(value)}
        for name, value in rows
    ]


def launched(change: Change) -> None:
    """What the server fills in on launch (README "Scans", "What the server fills in")."""
    record, store = change.record, change.store
    target = record["target"]
    web_app_ids = selected_web_apps(target, store)
    first = store.get("WebApp", web_app_ids[0])
    record["reference"] = f"was/{int(change.now.timestamp() * 1000)}.{record['id']}"
    record["mode"] = "API"
    record["multi"] = "webApp" not in target
    if record["multi"] and change.settings.scan_multi_target == "web_apps":
        target["webApps"] = [{"id": web_app_id} for web_app_id in web_app_ids]
    if "scannerAppliance" not in target and "scannerTags" not in target:
        target["scannerAppliance"] = (
            copy.deepcopy(first.get("defaultScanner"))
            if not record["multi"] and first.get("defaultScanner")
            else {"type": "EXTERNAL"}
        )
    target.setdefault("cancelOption", "SPECIFIC")
    if "profile" not in record:
        default = first.get("defaultProfile") if not record["multi"] else None
        profile = store.get("OptionProfile", default["id"]) if default else _subscription_default_profile(store)
        record["profile"] = {"id": profile["id"]}
    profile = store.get("OptionProfile", record["profile"]["id"])
    auth = _auth_record(target, first, store)
    record["options"] = _options(profile, first, target.get("scannerAppliance", {}), auth, store)
    record["launchedDate"] = change.now
    record["launchedBy"] = {"id": change.user_id}
    record["status"] = "SUBMITTED"
    record["_plan"] = {
        "launched": change.now,
        "apps": [scans.web_app_plan(store.get("WebApp", web_app_id)) for web_app_id in web_app_ids],
        "cancelAfterNHours": record.get("cancelAfterNHours"),
        "authStatus": "SUCCESSFUL" if auth else "NONE",
    }


def _ids(records: List[Record]) -> List[Node]:
    return [Node(scans.SCAN, children=[Node("id", str(record["id"]))]) for record in records]


def _one_per_web_app(call: Call, multi: Record) -> List[Record]:
    """scan_multi_launch "per_web_app": the launch becomes one single scan per web app, with the name sent."""
    call.store.delete(scans.SCAN, multi["id"])
    singles = []
    for app in multi["_plan"]["apps"]:
        single = copy.deepcopy(multi)
        single["id"] = call.store.new_id()
        single["reference"] = f"was/{int(call.now.timestamp() * 1000)}.{single['id']}"
        single["multi"] = False
        for name in TARGETS:
            single["target"].pop(name, None)
        single["target"] = {"webApp": {"id": app["webApp"]}, **single["target"]}
        single["_plan"]["apps"] = [app]
        call.store.put(scans.SCAN, single)
        singles.append(single)
    return singles


def launch(call: Call) -> Outcome:
    record = write_record(call, "create", starting_defaults(call))
    launched_scans = [record]
    if record["multi"] and call.settings.scan_multi_launch == "per_web_app":
        launched_scans = _one_per_web_app(call, record)
    return Outcome(len(launched_scans), _ids(launched_scans))


def status(call: Call) -> Outcome:
    return Outcome(1, [call.render(call.existing(), STATUS_SHAPE)])


def cancel(call: Call) -> Outcome:
    record = call.existing()
    if record["status"] not in ("SUBMITTED", "RUNNING"):
        raise invalid_request(
            f"Scan is not in a running state. Scan status: {record['status']}",
            "Verify the WasScan ID passed to the request and that this scan is still running.",
        )
    with_results = False
    if call.request.data is not None:
        with_results = decode(CANCEL_REQUEST, data_object(call.request, scans.SCAN), scans.SCAN).get(
            "cancelWithResults", False
        )
    record["_plan"].update(canceled=call.now, withResults=with_results)
    scans.advance(call.store, call.now, call.settings)
    return Outcome(1, _ids([record]))


def delete(call: Call) -> Outcome:
    """Only scans that are not running (delete_scan.htm): refused by id, left out by filters."""
    if call.object_id is not None and scans.is_running(call.existing()):
        raise invalid_request(f"Scan {call.object_id} is running and cannot be deleted.", "Cancel the scan first.")
    targets = [record for record in call.targets() if not scans.is_running(record)]
    for record in targets:
        call.store.delete(scans.SCAN, record["id"])
    return Outcome(len(targets), _ids(targets))


def download(call: Call) -> Outcome:
    record = call.existing()
    if not record["_plan"].get("settled"):
        raise invalid_request("Scan results are not available yet.", "Wait until the scan has finished.")
    document = call.render(record, DOWNLOAD[call.settings.scan_vuln_severity])
    return Outcome(1, document=document, filename=f"WAS_Results_scan_{record['id']}.xml")


def _web_app_ids(record: Record, _store: Store) -> List[int]:
    return [app["webApp"] for app in record["_plan"]["apps"]]


SCAN = ObjectType(
    spec=SPEC,
    path="wasscan",
    summary=SEARCH_SUMMARY,
    verbose_unsettled=True,
    searchable={
        "id": at("id", LONG),
        "name": at("name", TEXT),
        "reference": at("reference", TEXT),
        "webApp.id": Searchable(LONG, _web_app_ids, multi=True),
        "webApp.name": joined(lambda record: _web_app_ids(record, None), "WebApp", "name", TEXT),
        "webApp.tags": present(joined(lambda record: _web_app_ids(record, None), "WebApp", "tags.id", LONG).read),
        "webApp.tags.id": joined(lambda record: _web_app_ids(record, None), "WebApp", "tags.id", LONG),
        "launchedDate": at("launchedDate", DATETIME),
        "type": at("type", SPEC.child("type").type),
        "mode": at("mode", SPEC.child("mode").type),
        "status": at("status", STATUS),
        "authStatus": at("summary.authStatus", AUTH_STATUS),
        "resultsStatus": at("summary.resultsStatus", RESULTS_STATUS),
    },
    operations=READS | {"launch", "status", "cancel", "delete", "download"},
    permissions={
        "launch": permissions.LAUNCH_SCAN,
        "cancel": permissions.CANCEL_SCAN,
        "delete": permissions.DELETE_SCAN,
    },
    defaults={"sendMail": True, "enableWAFAuth": False},
    required=("name", "type", "target"),
    rules=(target_exactly_one, one_scanner_choice, tags_select_web_apps, web_apps_in_scope, within_concurrency),
    derivations=(launched,),
    handlers={"launch": launch, "status": status, "cancel": cancel, "delete": delete, "download": download},
    advance=scans.advance,
)
