# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Fault injection: for the next N calls matching a pattern, answer something other than the normal response.

A fault is posted to ``/_sim/faults`` as JSON. ``delay`` and ``truncated`` faults always run the call (a slow
answer; an answer cut in transit). The others replace the answer without running the call, unless
``execute`` is true: then the call runs, its effects stay, and only its answer is lost, which is what a
client sees when a write succeeded but the response did not arrive. A ``disconnect`` answers nothing at all:
the connection closes after the request has arrived, as when a proxy or load balancer drops it mid-call.
"""

from __future__ import annotations

import fnmatch
import threading
from dataclasses import asdict, dataclass, field
from typing import Any, Callable, Dict, List, Optional

from .errors import QpsError
from .exchange import HttpResponse

KINDS = ("status", "delay", "html", "empty", "truncated", "qualys_error", "disconnect")
DEFAULT_STATUS = {"status": 500, "html": 503}
HTML_PAGE = (
    "<!DOCTYPE html>\n<html><head><title>{status} Service Unavailable</title></head>\n"
    "<body><h1>Service Unavailable</h1><p>The server is temporarily unable to service your request.</p>"
    "</body></html>\n"
)


@dataclass
class Fault:
    kind: str
    match: str = "*"  # fnmatch pattern over "<op>/<object>" call keys, e.g. "create/*" or "*/wasscanschedule"
    times: int = 1
    status: Optional[int] = None
    delay: float = 0.0  # seconds to wait before answering; allowed with every kind
    execute: bool = False
    response_code: str = "OTHER_ERROR"
    error_message: str = "Simulated error."
    error_resolution: Optional[str] = None
    headers: Dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"kind must be one of {', '.join(KINDS)}")
        if not isinstance(self.times, int) or self.times < 1:
            raise ValueError("times must be a positive integer")
        if self.status is not None and not (isinstance(self.status, int) and 100 <= self.status <= 599):
            raise ValueError("status must be an HTTP status code")
        if not isinstance(self.delay, (int, float)) or self.delay < 0:
            raise ValueError("delay must be a number of seconds")

    @classmethod
    def from_json(cls, data: Any) -> "Fault":
        if not isinstance(data, dict) or "kind" not in data:
            raise ValueError("a fault is a JSON object with at least a 'kind'")
        try:
            return cls(**data)
        except TypeError as error:
            raise ValueError(str(error)) from None

    @property
    def runs_call(self) -> bool:
        return self.execute or self.kind in ("delay", "truncated")

    def answer(self, normal: Optional[HttpResponse], error_body: Callable[[QpsError], bytes]) -> HttpResponse:
        """What the client gets instead of ``normal`` (the call's real answer, when the call ran)."""
        status = self.status or DEFAULT_STATUS.get(self.kind, 200)
        if self.kind == "disconnect":
            return HttpResponse(0, b"", dropped=True)
        if self.kind == "delay":
            response = normal
        elif self.kind == "truncated":
            response = HttpResponse(status, normal.body[: len(normal.body) // 2], headers=normal.headers)
        elif self.kind == "empty":
            response = HttpResponse(status, b"")
        elif self.kind == "html":
            response = HttpResponse(status, HTML_PAGE.format(status=status).encode(), "text/html; charset=utf-8")
        elif self.kind == "status":
            response = HttpResponse(status, f"Simulated HTTP {status}\n".encode(), "text/plain; charset=utf-8")
        else:
            error = QpsError(self.response_code, self.error_message, self.error_resolution)
            response = HttpResponse(status, error_body(error))
        response.headers.update(self.headers)
        return response


class FaultPlan:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pending: List[Fault] = []

    def add(self, fault: Fault) -> None:
        with self._lock:
            self._pending.append(fault)

    def take(self, call_key: str) -> Optional[Fault]:
        """The first pending fault matching ``call_key``, counted as used once."""
        with self._lock:
            for fault in self._pending:
                if fnmatch.fnmatchcase(call_key, fault.match):
                    fault.times -= 1
                    if not fault.times:
                        self._pending.remove(fault)
                    return fault
        return None

    def pending(self) -> List[Dict[str, Any]]:
        with self._lock:
            return [asdict(fault) for fault in self._pending]

    def clear(self) -> None:
        with self._lock:
            self._pending.clear()
