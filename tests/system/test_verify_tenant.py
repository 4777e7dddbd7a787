# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""docs/examples/verify_tenant.yml tells which variant of each unsettled behaviour a subscription shows.

It runs against simulators whose settings are known: all defaults, every setting at its other value, and two
complementary mixtures (so that a guess reading another setting's signal shows), with writes allowed; and once
read-only, which must write nothing. The settings it reports must be those the simulator runs with, and it must
leave no object of its own behind.
"""

from __future__ import annotations

import json
import os
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Dict, List, Tuple

import pytest
import yaml

from ansible_collections.qualys.was.tests.system.playbook import run_playbook
from ansible_collections.qualys.was.tests.system.variants_support import (
    cli_flags,
    default_settings,
    non_default_settings,
    parallel_runs,
)

PLAYBOOK = os.path.join(
    os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))),
    "docs",
    "examples",
    "verify_tenant.yml",
)
REPORT_TASK = "Simulator settings that reproduce this subscription"
GUESSES_TASK = "Guesses that need writes"
NAME_TASK = "Name the run"
# Settled only with writes; a read-only run reports them "not settled".
WRITE_GUESSES = {"profile_defaults", "profile_names", "name_whitespace", "scheduling_update", "past_start_date"}
# Settings the check reports as not settled whatever it may do: a refused expired token shows only with tokens, the
# scan, report and finding settings only in scans, reports and ignores, which it never makes.
NEVER_SETTLED = {"expired_token"} | {
    name for name in default_settings() if name.split("_", 1)[0] in ("scan", "report", "finding")
}


def alternate(names) -> Dict[str, Any]:
    others = non_default_settings()
    return {name: others[name][0] for name in names}


def cases() -> List[Tuple[str, Dict[str, Any], bool]]:
    """(case, settings the simulator starts with, allow_writes)."""
    names = sorted(default_settings())
    return [
        ("defaults", {}, True),
        ("every-alternate", alternate(names), True),
        ("even-alternate", alternate(names[0::2]), True),
        ("odd-alternate", alternate(names[1::2]), True),
        ("read-only", {}, False),
    ]


@pytest.fixture(scope="module", name="tenant_runs")
def tenant_runs_fixture(module_simulators, tmp_path_factory):
    with open(PLAYBOOK, encoding="utf-8") as handle:
        plays = yaml.safe_load(handle)

    def run(settings: Dict[str, Any], allow_writes: bool, folder: str):
        sim = module_simulators(*cli_flags(settings))
        env = {
            "QUALYS_API_URL": sim.url,
            "QUALYS_PLATFORM": "",
            "QUALYS_USERNAME": "admin",
            "QUALYS_PASSWORD": "admin-pass",
        }
        args = ["-e", "allow_writes=%s" % str(allow_writes).lower()]
        return sim, run_playbook(folder, plays, args=args, env=env, name="verify_tenant")

    with ThreadPoolExecutor(max_workers=parallel_runs()) as pool:
        futures = {
            name: pool.submit(run, settings, allow_writes, str(tmp_path_factory.mktemp(name)))
            for name, settings, allow_writes in cases()
        }
        return {name: future.result() for name, future in futures.items()}


def test_every_setting_is_guessed(tenant_runs):
    _sim, run = tenant_runs["defaults"]
    guesses = run.task(GUESSES_TASK)["result"]["ansible_facts"]["guesses"]

    assert set(default_settings()) <= set(guesses)


WRITING_CASES = [(name, settings) for name, settings, allow_writes in cases() if allow_writes]


@pytest.mark.parametrize("case, settings", WRITING_CASES, ids=[name for name, _settings in WRITING_CASES])
def test_reports_the_simulator_settings(tenant_runs, case, settings):
    sim, run = tenant_runs[case]
    assert run.returncode == 0, run.output[-4000:]
    report = run.task(REPORT_TASK)["result"]["msg"]
    expected = {name: value for name, value in {**default_settings(), **settings}.items() if name not in NEVER_SETTLED}

    assert report["settings"] == expected, run.task(GUESSES_TASK)["result"]["ansible_facts"]["guesses"]
    assert json.loads(report["json"]) == expected
    flags = report["flags"].split(" ")
    assert dict(zip(flags[0::2], flags[1::2])) == dict(zip(*[iter(cli_flags(expected))] * 2))
    assert sorted(report["left_at_the_simulator_default"]) == sorted(NEVER_SETTLED)
    guesses = run.task(GUESSES_TASK)["result"]["ansible_facts"]["guesses"]
    # The simulator refuses IN on text fields in every variant.
    assert guesses["name_in"]["variant"] == "refused"
    assert "IN" in guesses["name_in"]["why"] or "operator" in guesses["name_in"]["why"].lower()

    name = run.task(NAME_TASK)["result"]["ansible_facts"]["conformance_name"]
    for module in ("was_option_profile", "was_scan_schedule"):
        for left in (name, name + " spaced", "  %s spaced  " % name):
            assert sim.count(module, left) == 0, (module, left)
    assert sim.stats()["by_call"].get("delete/wasscanschedule") == 1


def test_read_only_run_writes_nothing(tenant_runs):
    sim, run = tenant_runs["read-only"]
    assert run.returncode == 0, run.output[-4000:]
    report = run.task(REPORT_TASK)["result"]["msg"]

    assert sim.stats()["writes"] == 0
    assert sorted(report["left_at_the_simulator_default"]) == sorted(WRITE_GUESSES | NEVER_SETTLED)
    unsettled = WRITE_GUESSES | NEVER_SETTLED
    settled = {name: value for name, value in default_settings().items() if name not in unsettled}
    assert report["settings"] == settled
