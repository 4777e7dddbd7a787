# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""A schedule that would start in the past fails before any write, in check mode as in a real run: Qualys refuses
to create it, so check mode must not promise a change the run cannot make."""

from __future__ import annotations

import pytest

from ansible_collections.qualys.was.tests.system.playbook import play

PAST = "2020-01-06T01:00:00Z"
SCHEDULE = {
    "name": "Started long ago",
    "profile": "Initial WAS Options",
    "target": {"web_app": "Demo Shop"},
    "scheduling": {"start_date": PAST, "time_zone": {"code": "UTC"}, "occurrence_type": "once"},
}
TASKS = [
    {"name": "one", "qualys.was.was_scan_schedule": SCHEDULE, "ignore_errors": True},
    {
        "name": "many",
        "qualys.was.was_scan_schedules": {"config": [dict(SCHEDULE, name="Also started long ago")]},
        "ignore_errors": True,
    },
]


@pytest.mark.parametrize("args", [["--check"], []], ids=["check mode", "real run"])
def test_a_create_that_starts_in_the_past_fails_naming_the_start_date_with_no_write(args, sim, playbook):
    sim.reset()
    run = playbook([play(sim.url, TASKS)], args=args)
    for name in ("one", "many"):
        entry = run.task(name)
        assert entry["status"] == "failed", entry
        assert "scheduling.start_date %s has passed" % PAST in entry["result"]["msg"], entry["result"]["msg"]
    assert sim.stats()["writes"] == 0
