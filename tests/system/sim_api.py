# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The simulator's ``/_sim/`` control API, and a QPS search that counts the objects of one name."""

from __future__ import annotations

import base64
import json
import urllib.request
from typing import Any, Dict, List, Optional
from xml.etree import ElementTree
from xml.sax.saxutils import escape

ADMIN = ("admin", "admin-pass")
# module name -> QPS object of the objects it manages
OBJECTS = {
    "was_scan_schedule": "wasscanschedule",
    "was_option_profile": "optionprofile",
    "was_auth_record_info": "webappauthrecord",
}


class SimControl:
    def __init__(self, url: str) -> None:
        self.url = url.rstrip("/")

    def _request(self, method: str, path: str, payload: Any = None, headers: Optional[Dict[str, str]] = None) -> bytes:
        data = None if payload is None else (payload if isinstance(payload, bytes) else json.dumps(payload).encode())
        request = urllib.request.Request(self.url + path, data=data, method=method, headers=headers or {})
        if payload is not None and not isinstance(payload, bytes):
            request.add_header("Content-Type", "application/json")
        with urllib.request.urlopen(request, timeout=30) as response:  # nosec - the local simulator
            return response.read()

    def control(self, method: str, name: str, payload: Any = None) -> Any:
        body = self._request(method, "/_sim/" + name, payload)
        return json.loads(body) if body else {}

    def reset(self) -> None:
        self.control("POST", "reset", {})

    def stats(self) -> Dict[str, Any]:
        return self.control("GET", "stats")

    def settings(self, **changes: Any) -> Dict[str, Any]:
        return self.control("POST", "settings", changes) if changes else self.control("GET", "settings")

    def fault(self, **fault: Any) -> None:
        self.control("DELETE", "faults")
        self.control("POST", "faults", fault)

    def named(self, module: str, name: str) -> List[Dict[str, str]]:
        """The objects a module manages whose name EQUALS ``name`` (ids and names), through QPS as admin."""
        body = (
            '<ServiceRequest><filters><Criteria field="name" operator="EQUALS">%s</Criteria></filters>'
            "<preferences><limitResults>1000</limitResults></preferences></ServiceRequest>" % escape(name)
        ).encode("utf-8")
        token = base64.b64encode(("%s:%s" % ADMIN).encode()).decode()
        headers = {"Authorization": "Basic " + token, "Content-Type": "text/xml"}
        path = "/qps/rest/3.0/search/was/" + OBJECTS[module]
        root = ElementTree.fromstring(self._request("POST", path, body, headers))
        code = root.findtext("responseCode")
        if code != "SUCCESS":
            raise AssertionError("search of %r failed: %s %s" % (name, code, root.findtext(".//errorMessage")))
        data = root.find("data")
        records = list(data) if data is not None else []
        return [{"id": record.findtext("id"), "name": record.findtext("name")} for record in records]

    def count(self, module: str, name: str) -> int:
        return len(self.named(module, name))
