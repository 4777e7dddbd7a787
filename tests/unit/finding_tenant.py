# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""A tenant of web apps and findings that answers the calls of was_finding_ignores, for its unit tests.

It answers searches of web apps and findings by the criteria the module sends, ignores and activates, in the shapes
of the survey (§3.1 verbose search, §3.2 the CISA ignore body); ``reignore`` is what an ignore of an ignored finding
does (the simulator's finding_reignore) and ``faults`` the answers to give the next writes instead (a Reply, or
"after" to carry the write out and then time out).
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional
from xml.etree import ElementTree
from xml.sax.saxutils import escape

import requests

from ansible_collections.qualys.was.tests.unit.fakes import Reply, Request, error_response, service_response

WEB_APPS = {4331925: ("Demo Shop", [12017424]), 4331926: ("Demo Blog", [])}
TAGS = {12017424: "Production"}


def finding(finding_id: int, qid: int, url: Optional[str], param: Optional[str] = None, **extra: Any) -> Dict:
    record = {"id": finding_id, "qid": qid, "url": url, "param": param, "web_app": 4331925, "type": "VULNERABILITY"}
    record.update(ignored=False, reason=None, comment=None)
    record.update(extra)
    return record


def criteria(request: Request) -> List[tuple]:
    return [(c.get("field"), c.get("operator"), c.text) for c in ElementTree.fromstring(request.body).iter("Criteria")]


def _numbers(text: str) -> List[int]:
    return [int(part) for part in text.replace(" ", "").split(",")]


class Tenant:
    """Answers every request; ``writes`` lists the ignores and activates it received, as (operation, id)."""

    def __init__(self, findings: List[Dict], reignore: str = "update") -> None:
        self.findings = {record["id"]: record for record in findings}
        self.reignore = reignore
        self.faults: List[Any] = []
        self.writes: List[tuple] = []

    def replies(self, count: int = 50) -> List[Any]:
        return [self] * count

    def __call__(self, request: Request) -> Reply:
        operation = request.operation
        if operation == "search/webapp":
            return self._web_apps(criteria(request))
        if operation == "search/finding":
            return self._findings(criteria(request))
        if operation == "search/tag":
            name = criteria(request)[0][2]
            tags = ["<id>%d</id><name>%s</name>" % (tag, text) for tag, text in TAGS.items() if text == name]
            return Reply(service_response("Tag", tags))
        return self._write(operation.split("/")[0], request)

    def _web_apps(self, given: List[tuple]) -> Reply:
        found = dict(WEB_APPS)
        for field, _operator, value in given:
            if field == "id":
                found = {key: app for key, app in found.items() if key in _numbers(value)}
            elif field == "name":
                found = {key: app for key, app in found.items() if app[0] == value}
            elif field == "tags.id":
                found = {key: app for key, app in found.items() if set(app[1]) & set(_numbers(value))}
        return Reply(service_response("WebApp", ["<id>%d</id><name>%s</name>" % (k, a[0]) for k, a in found.items()]))

    def _findings(self, given: List[tuple]) -> Reply:
        found = list(self.findings.values())
        for field, operator, value in given:
            if field == "isIgnored":
                found = [record for record in found if record["ignored"] == (value == "true")]
                continue
            key = {"webApp.id": "web_app", "qid": "qid", "id": "id"}[field]
            wanted = _numbers(value) if operator == "IN" else [int(value)]
            found = [record for record in found if record[key] in wanted]
        return Reply(
            service_response("Finding", [self._xml(record) for record in sorted(found, key=lambda r: r["id"])])
        )

    @staticmethod
    def _xml(record: Dict) -> str:
        parts = ["<id>%d</id><qid>%d</qid><name>Title %d</name>" % (record["id"], record["qid"], record["qid"])]
        parts.append("<type>%s</type><severity>4</severity>" % record["type"])
        parts.append("<param>%s</param>" % escape(record["param"]) if record["param"] else "")
        parts.append("<url>%s</url><status>ACTIVE</status>" % escape(record["url"]) if record["url"] else "")
        name = WEB_APPS[record["web_app"]][0]
        parts.append("<webApp><id>%d</id><name>%s</name></webApp>" % (record["web_app"], name))
        if record["type"] != "INFORMATION_GATHERED":
            parts.append("<isIgnored>%s</isIgnored>" % str(record["ignored"]).lower())
        if record["ignored"]:
            parts.append("<ignoredReason>%s</ignoredReason>" % record["reason"])
            if record["comment"]:
                parts.append("<ignoredComment><![CDATA[%s]]></ignoredComment>" % record["comment"])
        return "".join(parts)

    def _write(self, operation: str, request: Request) -> Reply:
        fault = self.faults.pop(0) if self.faults else None
        if isinstance(fault, Reply):
            return fault
        if operation == "ignore":
            sent = ElementTree.fromstring(request.body).find("data/Finding")
            finding_id = int(sent.findtext("id"))
        else:
            finding_id = int(request.url.rsplit("/", 1)[1])
        self.writes.append((operation, finding_id))
        record = self.findings[finding_id]
        if operation == "activate":
            record.update(ignored=False, reason=None, comment=None)
        elif record["ignored"] and self.reignore == "refuse":
            return Reply(error_response("INVALID_REQUEST", "Finding %d is already ignored." % finding_id))
        elif not (record["ignored"] and self.reignore == "keep"):
            record.update(ignored=True, reason=sent.findtext("ignoredReason"), comment=sent.findtext("ignoredComment"))
        if fault == "after":
            return Reply(raises=requests.exceptions.ReadTimeout("read timed out"))
        return Reply(service_response("Finding", ["<id>%d</id>" % finding_id]))
