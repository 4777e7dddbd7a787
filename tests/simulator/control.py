# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The control API under ``/_sim/`` (JSON, no authentication), for tests, the benchmark and demos.

GET  /_sim/stats      call counters: total, writes, by_call ("<op>/<object>" -> n), criteria
                      ("<op>/<object> <field> <OPERATOR>" -> n), limited, faulted
POST /_sim/reset      objects back to the fixture; counters, faults, limits, clock and settings back to start
GET  /_sim/faults     pending faults;  POST adds one fault object or a list;  DELETE clears them
GET  /_sim/clock      {"now", "simulated", "speed"};  POST {"now": "<ISO-8601>"[, "speed": n]} sets it, running n
                      times as fast as real time; {"now": null} returns to real time
GET  /_sim/settings   every field of Settings (settings.py);  POST changes some of them
POST /_sim/findings   {"webApp": <id>, "count": n} adds n deterministic findings to that web app (seeding.py) and
                      answers {"created": n, "first_id": a, "last_id": b}: ids a to b, consecutive
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Callable, Dict, Tuple

from .exchange import JSON, HttpRequest, HttpResponse
from .faults import Fault
from .routing import CONTROL_PREFIX
from .seeding import seed_findings
from .values import DATETIME

if TYPE_CHECKING:
    from .app import Application

Handler = Callable[["Application", Any], Any]


class ControlError(ValueError):
    pass


def _json(status: int, payload: Any) -> HttpResponse:
    return HttpResponse(status, (json.dumps(payload, indent=2) + "\n").encode(), JSON)


def _stats(app: "Application", _body: Any) -> Dict[str, Any]:
    return app.stats.snapshot()


def _reset(app: "Application", _body: Any) -> Dict[str, Any]:
    app.reset()
    return {"reset": True}


def _faults(app: "Application", _body: Any) -> Dict[str, Any]:
    return {"pending": app.faults.pending()}


def _add_faults(app: "Application", body: Any) -> Dict[str, Any]:
    faults = [Fault.from_json(item) for item in (body if isinstance(body, list) else [body])]
    for fault in faults:
        app.faults.add(fault)
    return _faults(app, body)


def _clear_faults(app: "Application", body: Any) -> Dict[str, Any]:
    app.faults.clear()
    return _faults(app, body)


def _clock(app: "Application", _body: Any) -> Dict[str, Any]:
    return {"now": DATETIME.format(app.clock.now()), "simulated": app.clock.simulated, "speed": app.clock.speed}


def _set_clock(app: "Application", body: Any) -> Dict[str, Any]:
    if not isinstance(body, dict) or "now" not in body or set(body) - {"now", "speed"}:
        raise ControlError('send {"now": "<ISO-8601 UTC>"[, "speed": <factor>]} or {"now": null}')
    speed = body.get("speed", 1)
    if isinstance(speed, bool) or not isinstance(speed, (int, float)) or not 0 < speed <= 100000:
        raise ControlError("speed must be a number above 0, at most 100000")
    if body["now"] is None and speed != 1:
        raise ControlError("real time runs at speed 1")
    app.clock.set(DATETIME.parse(body["now"]) if body["now"] is not None else None, float(speed))
    return _clock(app, body)


def _settings(app: "Application", _body: Any) -> Dict[str, Any]:
    return app.settings.as_dict()


def _change_settings(app: "Application", body: Any) -> Dict[str, Any]:
    if not isinstance(body, dict):
        raise ControlError("send a JSON object of settings")
    app.settings = app.settings.changed(body)
    return _settings(app, body)


def _seed_findings(app: "Application", body: Any) -> Dict[str, Any]:
    if not isinstance(body, dict) or set(body) != {"webApp", "count"}:
        raise ControlError('send {"webApp": <web app id>, "count": <number of findings>}')
    return seed_findings(app.store, body["webApp"], body["count"], app.clock.now())


ROUTES: Dict[Tuple[str, str], Handler] = {
    ("GET", "stats"): _stats,
    ("POST", "reset"): _reset,
    ("GET", "faults"): _faults,
    ("POST", "faults"): _add_faults,
    ("DELETE", "faults"): _clear_faults,
    ("GET", "clock"): _clock,
    ("POST", "clock"): _set_clock,
    ("GET", "settings"): _settings,
    ("POST", "settings"): _change_settings,
    ("POST", "findings"): _seed_findings,
}


def handle_control(app: "Application", request: HttpRequest) -> HttpResponse:
    name = request.path.removeprefix(CONTROL_PREFIX).strip("/")
    handler = ROUTES.get((request.method, name))
    if handler is None:
        known = any(route_name == name for pattern, route_name in ROUTES)
        return _json(405 if known else 404, {"error": f"no {request.method} /_sim/{name}"})
    try:
        body = json.loads(request.body) if request.body.strip() else None
        return _json(200, handler(app, body))
    except (ValueError, TypeError) as error:
        # ControlError, bad JSON, bad fault or setting fields and bad dates are all ValueErrors.
        return _json(400, {"error": str(error)})
