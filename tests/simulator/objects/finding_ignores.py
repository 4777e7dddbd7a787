# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Ignoring and activating findings (README "Findings", "Ignore and activate").

ignore_finding.htm and activate_finding.htm address findings by the id in the URL or by filters on the bare path;
the CISA production tool sends the id inside ``data/Finding`` to the bare path instead. All three are accepted.
Ignoring is not a status: it sets isIgnored and the ignored* elements, and leaves status as it was (the Elastic
fixture's ignored finding is ACTIVE).
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional

from ..criteria import values_at
from ..scans import FINDING, clear_ignore
from ..decode import decode
from ..errors import invalid_request, not_found
from ..operations import Call
from ..responses import Outcome
from ..schema import Group, Leaf
from ..store import Record
from ..values import LONG
from ..xmlin import data_object
from ..xmlout import Node

REASONS = ("FALSE_POSITIVE", "RISK_ACCEPTED", "NOT_APPLICABLE")
# The reason is read as text, so that an unknown one is refused in words that name the allowed ones.
REQUEST = Group("Finding", (Leaf("id", LONG), Leaf("ignoredReason"), Leaf("ignoredComment", cdata=True)))


def _sent(call: Call) -> Dict[str, Any]:
    if call.request.data is None:
        return {}
    return decode(REQUEST, data_object(call.request, FINDING), FINDING)


def _in_scope(call: Call, record: Record) -> bool:
    # Both pages: "Ignore [Activate] findings for a web application which is in the user's scope."
    if call.caller.scope_tags is None:
        return True
    web_app = call.store.get("WebApp", record["webApp"]["id"])
    return bool(web_app and set(values_at(web_app, "tags.id")) & call.caller.scope_tags)


def _addressed(call: Call, sent: Dict[str, Any]) -> List[Record]:
    """The findings a call names: the id in the URL, else the id in data/Finding, else those the filters match;
    one out of the caller's scope is unknown to it, as everywhere in the simulator."""
    if call.object_id is not None and "id" in sent and sent["id"] != call.object_id:
        raise invalid_request(
            f"The URL names finding {call.object_id} and the request data finding {sent['id']}.",
            "Send the id once, in the URL or in data/Finding/id.",
        )
    finding_id: Optional[int] = call.object_id if call.object_id is not None else sent.get("id")
    if finding_id is not None:
        record = call.store.get(FINDING, finding_id)
        if record is None or not _in_scope(call, record):
            raise not_found(FINDING, finding_id)
        return [record]
    if not call.request.filters:
        raise invalid_request(
            "Specify a finding id in the URL or in data/Finding/id, or filters in the request.",
            "Add the id of the finding or filters.",
        )
    return [record for record in call.matching() if _in_scope(call, record)]


def _answer(call: Call, records: List[Record]) -> Outcome:
    """finding_ignore_response: "ids" as restoreSeverity's documented answer, "bare" the response code alone."""
    if call.settings.finding_ignore_response == "bare":
        return Outcome(None)
    ids = [
        Node(FINDING, children=[Node("id", str(record["id"])), Node("uniqueId", record["uniqueId"])])
        for record in records
    ]
    return Outcome(len(ids), ids)


def _reason(sent: Dict[str, Any]) -> str:
    reason = sent.get("ignoredReason")
    if reason is None:
        raise invalid_request(
            "Required element 'Finding/ignoredReason' is missing.", "Specify one of " + ", ".join(REASONS) + "."
        )
    if reason not in REASONS:
        raise invalid_request(
            f"Invalid value '{reason}' for 'Finding/ignoredReason'.", "Specify one of " + ", ".join(REASONS) + "."
        )
    return reason


def ignore(call: Call) -> Outcome:
    sent = _sent(call)
    reason = _reason(sent)
    records = _addressed(call, sent)
    gathered = [record for record in records if "isIgnored" not in record]
    if call.object_id is not None or "id" in sent:
        if gathered:
            raise invalid_request(
                f"Finding {gathered[0]['id']} is information gathered and cannot be ignored.",
                "Ignore a vulnerability or a sensitive content finding.",
            )
    records = [record for record in records if "isIgnored" in record]
    already = [record for record in records if record["isIgnored"]]
    if already and call.settings.finding_reignore == "refuse":
        raise invalid_request(f"Finding {already[0]['id']} is already ignored.", "Activate the finding first.")
    for record in records:
        if record["isIgnored"] and call.settings.finding_reignore == "keep":
            continue
        record["isIgnored"] = True
        record["ignoredReason"] = reason
        record["ignoredBy"] = {"id": call.caller.id}
        record["ignoredDate"] = call.now
        if "ignoredComment" in sent:
            record["ignoredComment"] = sent["ignoredComment"]
        else:
            record.pop("ignoredComment", None)
    return _answer(call, records)


def activate(call: Call) -> Outcome:
    """Un-ignores; a finding that is not ignored is left as it is (own: the page says nothing of it)."""
    records = _addressed(call, _sent(call))
    for record in records:
        if record.get("isIgnored"):
            clear_ignore(record)
    return _answer(call, records)
