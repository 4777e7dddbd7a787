# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The adopting guide's export and apply playbooks, as the repository holds them: before a prune deletes anything,
check mode shows what the scope selects and deletes, each deletion's diff says so, and a deletion of an object the
export did not list is warned of."""

from __future__ import annotations

import os

import yaml

from ansible_collections.qualys.was.tests.system.playbook import play

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def guide_playbook(name):
    with open(os.path.join(ROOT, "docs", "examples", name), encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def schedule(name):
    return {
        "name": "Create %s" % name,
        "qualys.was.was_scan_schedule": {
            "name": name,
            "profile": "Initial WAS Options",
            "target": {"web_app": "Demo Shop"},
            "scheduling": {
                "start_date": "2031-01-04T01:00:00Z",
                "time_zone": {"code": "UTC"},
                "occurrence_type": "once",
            },
        },
    }


def test_a_prune_in_check_mode_shows_its_deletions_and_warns_of_an_object_made_after_the_export(sim, playbook):
    sim.reset()
    environment = {"QUALYS_API_URL": sim.url, "QUALYS_USERNAME": "admin", "QUALYS_PASSWORD": "admin-pass"}
    assert playbook([play(sim.url, [schedule("Prod shop weekly")])]).returncode == 0
    exported = playbook(guide_playbook("export.yml"), args=["-e", '{"scope_prefix": "Prod "}'], env=environment)
    assert exported.returncode == 0, exported.output[-3000:]
    assert playbook([play(sim.url, [schedule("Prod made later")])]).returncode == 0
    writes = sim.stats()["writes"]

    run = playbook(
        guide_playbook("apply.yml"), args=["-e", "prune=true", "--check", "--diff"], env=environment, name="apply"
    )
    assert run.returncode == 0, run.output[-3000:]
    result = run.task("Apply the scan schedules")["result"]
    assert [entry["name"] for entry in result["in_scope"]["selected"]] == ["Prod shop weekly", "Prod made later"]
    assert [entry["name"] for entry in result["in_scope"]["deleted"]] == ["Prod made later"]
    assert "+deleted" in run.stdout
    assert "'Prod made later'" in run.output and "scope.listed does not name" in run.output
    assert sim.stats()["writes"] == writes
