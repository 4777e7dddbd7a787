# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Twenty forks at once against a server that lets two calls run at a time, then against a low rate limit.

Every host manages an object of its own; limit answers (HTTP 409) must be waited out, never reported as a
failure, and a second run must find everything as the first left it.
"""

from __future__ import annotations

from typing import Any, Dict

import pytest

from ansible_collections.qualys.was.tests.system.fault_scenarios import FAR_FUTURE
from ansible_collections.qualys.was.tests.system.playbook import play
from ansible_collections.qualys.was.tests.system.report import markdown_table, publish

HOSTS = 20
ROWS = []

PROFILE = {"qualys.was.was_option_profile": {"name": "Load {{ inventory_hostname }}", "performance": "medium"}}
SCHEDULE = {
    "qualys.was.was_scan_schedule": {
        "name": "Load {{ inventory_hostname }}",
        "target": {"web_app": 4331925},
        "scheduling": {"start_date": FAR_FUTURE, "occurrence_type": "once"},
    }
}
CASES = {
    "concurrency limit 2, latency 0.5 s": ({"concurrency_limit": 2, "latency": 0.5}, PROFILE, "was_option_profile"),
    "rate limit 20 calls per s": ({"rate_limit": 20, "rate_window": 1}, SCHEDULE, "was_scan_schedule"),
}


def inventory() -> Dict[str, Any]:
    return {"load%02d" % number: {} for number in range(1, HOSTS + 1)}


@pytest.mark.parametrize("case", sorted(CASES))
def test_twenty_forks_under_a_limit(case, sim, playbook):
    settings, task, module = CASES[case]
    sim.settings(**settings)
    plays = [play(sim.url, [dict(task, name="ensure")], hosts="all")]
    runs = []
    for attempt in ("first", "second"):
        before = sim.stats()
        run = playbook(plays, inventory(), args=["--forks", str(HOSTS)], name="load-" + attempt)
        after = sim.stats()
        statuses = [run.task("ensure", host)["status"] for host in inventory()]
        runs.append((attempt, run, statuses, after["limited"] - before["limited"], after["total"] - before["total"]))
    for attempt, run, statuses, limited, total in runs:
        ROWS.append(
            [
                case,
                attempt,
                "%.1f" % run.seconds,
                total,
                limited,
                statuses.count("changed"),
                statuses.count("ok"),
                statuses.count("failed"),
            ]
        )
    publish(
        "Load",
        markdown_table(["case", "run", "seconds", "calls", "limited (retried)", "changed", "ok", "failed"], ROWS),
    )
    failures = {
        entry["host"]: entry["result"].get("msg")
        for entry in runs[0][1].results + runs[1][1].results
        if entry["status"] == "failed"
    }
    sim.settings(rate_limit=100000, rate_window=3600, concurrency_limit=100, latency=0)
    assert not failures, failures
    assert runs[0][2] == ["changed"] * HOSTS
    assert runs[1][2] == ["ok"] * HOSTS
    assert [sim.count(module, "Load " + host) for host in inventory()] == [1] * HOSTS
