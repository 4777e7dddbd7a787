# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""One HTTP exchange as the simulator's layers see it, independent of the server class."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, Optional

XML = "application/xml"
JSON = "application/json"


@dataclass(frozen=True)
class HttpRequest:
    method: str
    path: str  # without the query string
    headers: Dict[str, str]  # names in lower case
    body: bytes
    base_url: str  # scheme://host:port the client called

    def header(self, name: str) -> Optional[str]:
        return self.headers.get(name.lower())


@dataclass
class HttpResponse:
    status: int
    body: bytes
    content_type: str = XML
    headers: Dict[str, str] = field(default_factory=dict)
    log_note: str = ""  # appended to the request's access-log line
    dropped: bool = False  # no answer: the connection is closed instead (a fault)
