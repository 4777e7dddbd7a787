# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""A WAS scan as an action: how it is launched, how its progress and end read, and the gate on its results.

The statuses and their meanings are those tests/simulator/README.md ("Scans") lists with their sources; what no
source settles (a good scan's results status SUCCESSFUL or FINISHED, the time-limit and scanner states as status or
as results status, results still being processed, CANCELED or CANCELLED) is read here in every variant.
"""

from __future__ import annotations

from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple

from ansible_collections.qualys.was.plugins.module_utils.action import Action, Gate
from ansible_collections.qualys.was.plugins.module_utils.client import QualysClient
from ansible_collections.qualys.was.plugins.module_utils.errors import QualysApiError
from ansible_collections.qualys.was.plugins.module_utils.references import reference_key
from ansible_collections.qualys.was.plugins.module_utils.scan_fields import RESOURCE, RESULTS_STATUSES, STATUSES
from ansible_collections.qualys.was.plugins.module_utils.scan_gate import (
    GATE_SPEC,
    GOOD_RESULTS,
    evaluate_gate,
    gate_failure_message,
    good_scan,
    validate_gate,
)
from ansible_collections.qualys.was.plugins.module_utils.scan_results import read_scan_results

# Statuses of a scan that has not ended, as search criteria spell them (search_scan.htm). CANCELING is listed
# among results statuses only; read as a status it is taken as not ended yet, the safe side.
ACTIVE = ("SUBMITTED", "RUNNING", "PROCESSING")
NOT_ENDED = ("submitted", "running", "processing", "canceling")
# A FINISHED scan whose results are still being processed (DUSTY polls through both), or not reported yet.
UNSETTLED = (None, "to_be_processed", "processing")
# The recorded refusal of a launch over the subscription's limit (sample error-launch-paragbaxi-1), INVALID_REQUEST
# with HTTP 200: not a 409 or 429, so the client does not wait it out by itself.
LIMIT_CODE = "INVALID_REQUEST"
LIMIT_TEXT = "maximum number of concurrent running scans"


def end_words(state: Optional[Mapping[str, Any]]) -> Optional[Tuple[str, ...]]:
    """None while the scan runs; else the words its end reads as: the results status of a finished scan, the status
    of any other (with its results status, where it gives one: CANCELED with CANCELED_WITH_RESULTS)."""
    if not state:
        return None
    status = state.get("status")
    results = (state.get("summary") or {}).get("results_status")
    if status is None or status in NOT_ENDED:
        return None
    if status == "finished":
        return None if results in UNSETTLED else (results,)
    return (status,) + ((results,) if results and results != status else ())


def describe_end(state: Mapping[str, Any]) -> str:
    """A scan's end as the server reported it: ``scan 'Shop' (id 12) ended FINISHED, results NO_WEB_SERVICE``."""
    results = (state.get("summary") or {}).get("results_status")
    return "%s ended %s%s" % (
        RESOURCE.describe(state),
        (state.get("status") or "unknown").upper(),
        ", results %s" % results.upper() if results else "",
    )


def refused_for_limit(error: QualysApiError) -> bool:
    return error.response_code == LIMIT_CODE and LIMIT_TEXT in (error.error_message or "")


def _shown(reference: Any) -> str:
    key = reference_key(reference)
    if key is None:
        return str(reference)
    return str(key[1]) if key[0] == "name" else "web app %s" % key[1]


def _tags(selection: Optional[Mapping[str, Any]]) -> str:
    if not selection:
        return ""
    joiner = " or " if selection.get("option") == "any" else " and "
    return joiner.join(_shown(tag).replace("web app ", "tag ") for tag in selection.get("tag_list") or ())


def default_name(desired: Mapping[str, Any], day: str) -> str:
    """``Vulnerability scan of Demo Shop on 2026-12-04``: what the scan scans, as the task names it, and the UTC
    date, so that a re-run of the same job on the same day finds the scan its first run launched."""
    target = desired.get("target") or {}
    if target.get("web_app") is not None:
        scanned = _shown(target["web_app"])
    elif target.get("web_apps"):
        scanned = ", ".join(_shown(app) for app in target["web_apps"])
    else:
        tags = target.get("tags") or {}
        scanned = "tags " + _tags(tags.get("included"))
        if tags.get("excluded"):
            scanned += " except " + _tags(tags["excluded"])
    return "%s scan of %s on %s" % ((desired.get("type") or "vulnerability").capitalize(), scanned, day)


def _web_app_ids(state: Mapping[str, Any]) -> List[int]:
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
    return merged_results([read_scan_results(client, state["id"], _web_app_ids(state)) for state in states])


SCAN_ACTION = Action(
    RESOURCE,
    active=ACTIVE,
    end_of=end_words,
    good_ends=GOOD_RESULTS,
    end_words=sorted(
        set(STATUSES + RESULTS_STATUSES) - set(NOT_ENDED) - set(GOOD_RESULTS) - set(UNSETTLED) - {"not_used"}
    ),
    refused_for_limit=refused_for_limit,
    default_name=default_name,
    describe_end=describe_end,
    defaults={"type": "vulnerability"},
    gate=Gate(GATE_SPEC, validate_gate, read_results, evaluate_gate, gate_failure_message),
)
