# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""A WAS scan as an action: how it is launched, how its progress and end read, and the gate on its results.

The statuses and their meanings are those tests/simulator/README.md ("Scans") lists with their sources; what no
source settles (a good scan's results status SUCCESSFUL or FINISHED, the time-limit and scanner states as status or
as results status, results still being processed, CANCELED or CANCELLED) is read here in every variant.
"""

from __future__ import annotations

from typing import Any, Mapping, Optional

from ansible_collections.qualys.was.plugins.module_utils.action import Action, Gate
from ansible_collections.qualys.was.plugins.module_utils.errors import QualysApiError
from ansible_collections.qualys.was.plugins.module_utils.references import reference_key
from ansible_collections.qualys.was.plugins.module_utils.scan_fields import RESOURCE, RESULTS_STATUSES, STATUSES
from ansible_collections.qualys.was.plugins.module_utils.scan_gate import (
    GATE_SPEC,
    GOOD_RESULTS,
    evaluate_gate,
    gate_failure_message,
    validate_gate,
)
from ansible_collections.qualys.was.plugins.module_utils.scan_results import read_results
from ansible_collections.qualys.was.plugins.module_utils.scan_status import NOT_ENDED, UNSETTLED, end_words

# Statuses of a scan that has not ended, as search criteria spell them (search_scan.htm): a scan in one of them is
# attached to rather than launched again.
ACTIVE = ("SUBMITTED", "RUNNING", "PROCESSING")
# The recorded refusal of a launch over the subscription's limit (sample error-launch-paragbaxi-1), INVALID_REQUEST
# with HTTP 200: not a 409 or 429, so the client does not wait it out by itself.
LIMIT_CODE = "INVALID_REQUEST"
LIMIT_TEXT = "maximum number of concurrent running scans"


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
