# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""What waiting for a scan costs in API calls: one scan of 30 minutes and one of 4 hours, with was_scan's
defaults, and 20 waits at once.

Each wait is ``started`` of plugins/module_utils/action.py, the whole of a was_scan task after its argument parsing,
run in this process against a simulator over HTTP, with the collection's client. Only its time is not the real
one:

- a single wait runs on a clock of its own that each of the runner's pauses moves on, and moves the simulated clock
  with it (``POST /_sim/clock``): the runner polls exactly as it would on a tenant, at no cost in real time;
- the parallel waits share the simulator's clock running ``SPEED`` times as fast as real time, and the runners'
  clocks and pauses are scaled by the same factor, so that each polls as it would, the others' calls in between.

Scans are of web apps the bench adds to the fixture, whose scans have their results ready 30 minutes and 4 hours
after the launch: a minute SUBMITTED, the crawl and the tests, then two minutes of processing the results
(tests/simulator/README.md, "Lifecycle" and ``scan_processing``), clean but for information gathered.
"""

from __future__ import annotations

import copy
import json
import os
import statistics
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone
from typing import Any, Callable, Dict, List, Tuple

from ansible_collections.qualys.was.plugins.module_utils.action import ActionRunner, started
from ansible_collections.qualys.was.plugins.module_utils.client import ConnectionSettings, QualysClient
from ansible_collections.qualys.was.plugins.module_utils.scan_action import SCAN_ACTION

ISO = "%Y-%m-%dT%H:%M:%SZ"
START = datetime(2031, 1, 6, 8, 0, 0, tzinfo=timezone.utc)
# Web app id, and seconds from the launch until the results are ready.
SCANS = {"30 minutes": (6900001, 1800), "4 hours": (6900002, 4 * 3600)}
SUBMITTED_S, PROCESSING_S, CRAWL_S = 60, 120, 300
PARALLEL = 20
SPEED = 100.0  # 30 simulated minutes in about 18 real seconds
# What the scanning guide (docs/docsite/rst/guide_scanning.rst) states a launch and its wait cost with the
# defaults: the search, the launch, the polls, the final read.
DOCUMENTED = {"30 minutes": 36, "4 hours": 246}

Control = Callable[..., dict]


def waits_fixture(source: str, folder: str) -> str:
    """``source`` with a web app per scan of ``SCANS``, copies of Demo Blog with the durations that make it."""
    with open(source) as handle:
        data = json.load(handle)
    blog = next(app for app in data["WebApp"] if app["name"] == "Demo Blog")
    for what, (app_id, seconds) in SCANS.items():
        app = copy.deepcopy(blog)
        app.update(id=app_id, name="Bench app scanned in %s" % what)
        test = seconds - SUBMITTED_S - CRAWL_S - PROCESSING_S
        app["scanOutcome"] = dict(app["scanOutcome"], crawlDuration=CRAWL_S, testDuration=test)
        data["WebApp"].append(app)
    path = os.path.join(folder, "fixture-waits.json")
    with open(path, "w") as handle:
        json.dump(data, handle)
    return path


def _params(name: str, web_app: int) -> Tuple[Dict[str, Any], Dict[str, Any]]:
    """A was_scan task's parameters as its argument spec fills them in, and the options it sets."""
    params = {option: spec.get("default") for option, spec in SCAN_ACTION.argument_spec().items()}
    params.update(name=name, target={"web_app": web_app}, wait=True, wait_timeout=6 * 3600)
    desired = {option: params.get(option) for option in SCAN_ACTION.resource.argument_spec()}
    return params, desired


def _client(url: str, user: Dict[str, str]) -> QualysClient:
    return QualysClient(ConnectionSettings(url, user["username"], user["password"]))


def _waited(runner: ActionRunner, name: str, web_app: int) -> Dict[str, Any]:
    params, desired = _params(name, web_app)
    result = started(runner, params, desired)
    scan = result["scan"]
    calls = runner.client.calls_by_operation
    return {
        "calls": runner.client.calls,
        "polls": calls.get("status/wasscan", 0),
        "status": scan["status"],
        "results_status": (scan.get("summary") or {}).get("results_status"),
        "scan_duration": scan.get("scan_duration"),
    }


def single_wait(url: str, control: Control, user: Dict[str, str], name: str, web_app: int) -> Dict[str, Any]:
    """One launch and wait, on a clock that only the runner's pauses move."""
    control(url, "/_sim/reset", {})
    now = [START.timestamp()]

    def moved(seconds: float) -> None:
        now[0] += seconds
        stamp = datetime.fromtimestamp(now[0], timezone.utc).strftime(ISO)
        control(url, "/_sim/clock", {"now": stamp})

    moved(0)
    runner = ActionRunner(_client(url, user), SCAN_ACTION, sleep=moved, clock=lambda: now[0])
    row = _waited(runner, name, web_app)
    row["simulated_seconds"] = round(now[0] - START.timestamp())
    counted = control(url, "/_sim/stats")["total"]
    if counted != row["calls"]:
        raise RuntimeError("the runner counted %d calls, the simulator %d" % (row["calls"], counted))
    return row


def parallel_waits(url: str, control: Control, user: Dict[str, str], count: int, speed: float) -> Dict[str, Any]:
    """``count`` launches and waits at once, each of its own 30-minute scan, on the simulator's clock running
    ``speed`` times as fast; the subscription's limit of concurrent scans is raised to ``count``."""
    control(url, "/_sim/reset", {})
    control(url, "/_sim/settings", {"scan_concurrency": count})
    control(url, "/_sim/clock", {"now": START.strftime(ISO), "speed": speed})
    real_start = time.monotonic()

    def clock() -> float:
        return START.timestamp() + (time.monotonic() - real_start) * speed

    def wait(number: int) -> Dict[str, Any]:
        runner = ActionRunner(
            _client(url, user), SCAN_ACTION, sleep=lambda seconds: time.sleep(seconds / speed), clock=clock
        )
        return _waited(runner, "Bench parallel wait %02d" % number, SCANS["30 minutes"][0])

    with ThreadPoolExecutor(max_workers=count) as pool:
        rows = list(pool.map(wait, range(count)))
    real = time.monotonic() - real_start
    stats = control(url, "/_sim/stats")
    calls = [row["calls"] for row in rows]
    if sum(calls) != stats["total"]:
        raise RuntimeError("the runners counted %d calls, the simulator %d" % (sum(calls), stats["total"]))
    return {
        "waits": count,
        "speed": speed,
        "calls_per_wait": {"median": statistics.median(calls), "min": min(calls), "max": max(calls)},
        "total_calls": stats["total"],
        "launches": stats["by_call"].get("launch/wasscan", 0),
        "limited": stats["limited"],
        "good_ends": sum(1 for row in rows if row["results_status"] in ("successful", "finished")),
        "real_seconds": round(real, 1),
    }


def scan_waits(url: str, control: Control, user: Dict[str, str], smoke: bool = False) -> Dict[str, Any]:
    """The waits of the benchmark; ``smoke`` only the 30-minute one."""
    single = {}
    for what, (app_id, _seconds) in list(SCANS.items())[: 1 if smoke else None]:
        single[what] = dict(
            single_wait(url, control, user, "Bench wait of " + what, app_id), documented=DOCUMENTED[what]
        )
    result: Dict[str, Any] = {"single": single}
    if not smoke:
        result["parallel"] = parallel_waits(url, control, user, PARALLEL, SPEED)
    control(url, "/_sim/clock", {"now": None})
    return result


def check_documented(waits: Dict[str, Any]) -> List[str]:
    """Every single wait whose calls differ from what the guide states, or that did not end well."""
    return [
        "a wait of %s: %s calls, the guide states %s; ended %s/%s"
        % (what, row["calls"], row["documented"], row["status"], row["results_status"])
        for what, row in waits["single"].items()
        if row["calls"] != row["documented"] or row["results_status"] != "successful"
    ]
