# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""A small standard-library client for the simulator's tests: QPS calls with Basic auth, control calls in JSON."""

from __future__ import annotations

import base64
import http.client
import json
import ssl
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple
from urllib.parse import urlsplit

# The recorded samples and seed bodies the collection's unit tests read too: the simulator shares no code with the
# collection, but both are judged against the same evidence.
DATA = Path(__file__).parent.parent / "data"

ADMIN = ("admin", "admin-pass")
EDITOR = ("editor", "editor-pass")
READER = ("reader", "reader-pass")


def data_file(folder: str, name: str) -> bytes:
    """A file of tests/unit/data: ``folder`` is ``samples`` (recorded exchanges) or ``seeds`` (the vendor documents)."""
    return (DATA / folder / name).read_bytes()


@dataclass
class Reply:
    status: int
    headers: Dict[str, str]
    body: bytes

    @property
    def xml(self) -> ET.Element:
        return ET.fromstring(self.body)

    @property
    def code(self) -> str:
        return self.xml.findtext("responseCode")

    @property
    def error(self) -> Tuple[str, str]:
        details = self.xml.find("responseErrorDetails")
        return details.findtext("errorMessage"), details.findtext("errorResolution")

    @property
    def records(self) -> List[ET.Element]:
        data = self.xml.find("data")
        return list(data) if data is not None else []

    @property
    def ids(self) -> List[int]:
        return [int(record.findtext("id")) for record in self.records]


class SimClient:
    def __init__(self, url: str, credentials: Tuple[str, str] = ADMIN, context: Optional[ssl.SSLContext] = None):
        parts = urlsplit(url)
        self.scheme, self.host, self.port = parts.scheme, parts.hostname, parts.port
        self.credentials = credentials
        self.context = context

    def _connection(self, timeout: float) -> http.client.HTTPConnection:
        if self.scheme == "https":
            return http.client.HTTPSConnection(self.host, self.port, timeout=timeout, context=self.context)
        return http.client.HTTPConnection(self.host, self.port, timeout=timeout)

    def request(
        self,
        method: str,
        path: str,
        body: bytes = b"",
        headers: Optional[Dict[str, str]] = None,
        timeout: float = 10,
    ) -> Reply:
        connection = self._connection(timeout)
        try:
            connection.request(method, path, body=body, headers=headers or {})
            response = connection.getresponse()
            return Reply(response.status, dict(response.getheaders()), response.read())
        finally:
            connection.close()

    def qps(
        self,
        operation: str,
        obj: str,
        object_id: Any = None,
        body: bytes = b"",
        method: str = "POST",
        as_user: Optional[Tuple[str, str]] = None,
        module: str = "was",
        version: str = "3.0",
    ) -> Reply:
        path = f"/qps/rest/{version}/{operation}/{module}/{obj}" + (f"/{object_id}" if object_id is not None else "")
        return self.request(method, path, body, self.headers(as_user))

    def headers(self, as_user: Optional[Tuple[str, str]] = None) -> Dict[str, str]:
        token = base64.b64encode(":".join(as_user or self.credentials).encode()).decode()
        return {"Authorization": f"Basic {token}", "Content-Type": "text/xml"}

    def get(self, obj: str, object_id: Any, as_user: Optional[Tuple[str, str]] = None) -> Reply:
        return self.qps("get", obj, object_id, method="GET", as_user=as_user)

    def search(self, obj: str, filters: str = "", preferences: str = "", **options) -> Reply:
        body = f"<ServiceRequest><preferences>{preferences}</preferences><filters>{filters}</filters></ServiceRequest>"
        return self.qps("search", obj, body=body.replace("<filters></filters>", "").encode(), **options)

    def create(self, obj: str, data: str, **options) -> Reply:
        return self.qps("create", obj, body=f"<ServiceRequest><data>{data}</data></ServiceRequest>".encode(), **options)

    def update(self, obj: str, object_id: Any, data: str, **options) -> Reply:
        body = f"<ServiceRequest><data>{data}</data></ServiceRequest>".encode()
        return self.qps("update", obj, object_id, body=body, **options)

    def control(self, method: str, name: str, payload: Any = None) -> Tuple[int, Any]:
        body = json.dumps(payload).encode() if payload is not None else b""
        reply = self.request(method, f"/_sim/{name}", body, {"Content-Type": "application/json"})
        return reply.status, json.loads(reply.body)


def criteria(field: str, operator: str, value: str) -> str:
    return f'<Criteria field="{field}" operator="{operator}">{value}</Criteria>'
