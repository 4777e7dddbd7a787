# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The simulator's request handling, independent of the HTTP server: control API, limits, faults, QPS calls."""

from __future__ import annotations

import time
from datetime import datetime
from typing import List, Optional

from .auth import Accounts
from .clock import Clock
from .control import handle_control
from .errors import QpsError, invalid_request
from .exchange import HttpRequest, HttpResponse
from .faults import FaultPlan
from .fixture import Fixture
from .limits import Admission, Limits
from .qps import QpsService, schema_location
from .responses import error_body
from .routing import CONTROL_PREFIX, QPS_PREFIX, Route, parse_qps_path
from .settings import Settings
from .stats import Stats
from .store import Store
from .tokens import TOKEN_PATH, TokenIssuer
from .xmlin import Criterion, parse_service_request

LIMIT_STATUS = 409  # what the documents say a call over a limit gets


def _criteria_sent(body: bytes) -> List[Criterion]:
    """The criteria a call carries, read before anything can refuse it, so that every one that arrives counts."""
    try:
        return parse_service_request(body).filters
    except QpsError:
        return []


class Application:
    def __init__(self, fixture: Fixture, settings: Settings, start: Optional[datetime] = None) -> None:
        self._initial_settings = settings
        self._start = start
        self.settings = settings
        self.store = Store(fixture.records)
        self.clock = Clock(start)
        self.tokens = TokenIssuer(fixture.accounts)
        self.qps = QpsService(self.store, Accounts(fixture.accounts), self.tokens, self.clock)
        self.limits = Limits()
        self.faults = FaultPlan()
        self.stats = Stats()

    def reset(self) -> None:
        self.store.reset()
        self.stats.reset()
        self.faults.clear()
        self.limits.reset()
        self.tokens.reset()
        self.clock.set(self._start)
        self.settings = self._initial_settings

    def handle(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith(CONTROL_PREFIX):
            return handle_control(self, request)
        if request.path.startswith(QPS_PREFIX):
            return self._qps_call(request)
        if request.path.rstrip("/") == TOKEN_PATH:
            # The gateway's token service, served here too: one address stands for both hosts.
            self.stats.count_call("auth/oidc", [])
            return self.tokens.issue(request, self.settings.token_lifetime)
        return HttpResponse(404, b"Not Found\n", "text/plain; charset=utf-8")

    def _qps_call(self, request: HttpRequest) -> HttpResponse:
        route = parse_qps_path(request.path)
        call_key = route.call_key if route else "unknown"
        criteria = _criteria_sent(request.body)
        self.stats.count_call(call_key, [f"{criterion.field} {criterion.operator}" for criterion in criteria])
        settings = self.settings
        admission = self.limits.admit(settings)
        if not admission.admitted:
            self.stats.count_limited()
            time.sleep(settings.latency)
            response = self._refused(request, route, admission)
        else:
            try:
                # The latency holds the call's concurrency slot, as a slow service would.
                time.sleep(settings.latency)
                response = self._answer(request, route, call_key, settings)
            finally:
                self.limits.release()
        response.headers = {**admission.headers, **response.headers}
        if criteria:
            response.log_note = "criteria: " + ", ".join(
                f"{criterion.field} {criterion.operator} {criterion.value!r}" for criterion in criteria
            )
        return response

    @staticmethod
    def _refused(request: HttpRequest, route: Optional[Route], admission: Admission) -> HttpResponse:
        # WAS reports its own limits (concurrent scans) as INVALID_REQUEST; the same code is used here.
        error = invalid_request(admission.refusal, "Wait before calling again, as X-RateLimit-ToWait-Sec says.")
        return HttpResponse(LIMIT_STATUS, error_body(error, schema_location(request, route)))

    def _answer(self, request: HttpRequest, route: Optional[Route], call_key: str, settings: Settings) -> HttpResponse:
        fault = self.faults.take(call_key)
        if fault is None:
            return self.qps.serve(request, route, settings)
        self.stats.count_fault()
        time.sleep(fault.delay)
        normal = self.qps.serve(request, route, settings) if fault.runs_call else None
        return fault.answer(normal, lambda error: error_body(error, schema_location(request, route)))
