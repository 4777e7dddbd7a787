# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The modules are right under every variant of the behaviours the public record leaves open.

For the default settings and for each non-default value of each simulator setting (one at a time), one
ansible-playbook run, against a simulator started with that variant's command-line flags, creates an option
profile and a monthly schedule that refer to web apps, tags and the profile by name, lets the start date
pass, runs both again (nothing to do), changes one option of each, predicts a change in check mode and reads
authentication records. Every task's outcome and ``api_calls`` is
checked against the table below, their sum against the simulator's own count, and no search may use ``IN`` on
a name (text fields take only EQUALS, NOT EQUALS and CONTAINS).
"""

from __future__ import annotations

from typing import Any, Dict, List, Tuple

import pytest

from ansible_collections.qualys.was.tests.system.variants_support import one_at_a_time, run_variants

# The simulated clock when a run starts, and the instant the playbook moves it to once the schedule exists:
# from then on the schedule's start date is in the past, so an update that resent it would be refused.
START_CLOCK = "2030-01-01T00:00:00Z"
LATER_CLOCK = "2030-03-01T00:00:00Z"

# The tasks, with YAML anchors so that a re-run repeats its creation exactly and a change differs in one option.
TASKS_YAML = """
- name: create profile
  qualys.was.was_option_profile: &profile
    name: Variant profile
    tags: [Production]
    form_submission: post
    bruteforce_option: minimal
    custom_performance: {num_of_http_threads: 2, delay_between_requests: 500}

- name: create schedule
  qualys.was.was_scan_schedule: &schedule
    name: Variant schedule
    profile: Variant profile
    target:
      web_apps: [Demo Shop, Demo Blog]
    scheduling: &scheduling
      start_date: "2030-01-05T00:00:00Z"
      time_zone: {code: UTC}
      occurrence_type: monthly
      monthly_occurrence:
        day_order_in_month: {day_order: last, day_of_month: sunday, every_n_months: 1}

- name: let the start date pass
  ansible.builtin.uri:
    url: "{{ sim_url }}/_sim/clock"
    method: POST
    body_format: json
    body: {now: "%(later)s"}

- name: re-run profile
  qualys.was.was_option_profile: *profile

- name: re-run schedule
  qualys.was.was_scan_schedule: *schedule

- name: change profile
  qualys.was.was_option_profile:
    <<: *profile
    bruteforce_option: limited

- name: change schedule
  qualys.was.was_scan_schedule:
    <<: *schedule
    scheduling:
      <<: *scheduling
      monthly_occurrence:
        day_order_in_month: {day_order: last, day_of_month: saturday, every_n_months: 1}
  ignore_errors: true

- name: check mode
  qualys.was.was_option_profile:
    <<: *profile
    bruteforce_option: exhaustive
  check_mode: true

- name: read auth records
  qualys.was.was_auth_record_info:
    tags: [Production]
    details: true
""" % {"later": LATER_CLOCK}

TASKS = (
    "create profile",
    "create schedule",
    "re-run profile",
    "re-run schedule",
    "change profile",
    "change schedule",
    "check mode",
    "read auth records",
)

OUTCOMES = ("changed", "changed", "ok", "ok", "changed", "changed", "changed", "ok")

# API calls of each task, per variant. A read is a search by name, plus one get when the search returns a
# summary (search_shape summary) rather than the whole object (full); each distinct name a task refers to costs
# one search (the profile's tag; the schedule's two web apps and its profile), ids nothing; a write one call.
# A search that finds nothing needs no get, so creates cost the same under both shapes. Reading the
# authentication records of a tag: the tag's name, the search, and one get for the one record (details).
# In the order of the tasks above.
DEFAULT_CALLS = (3, 5, 3, 5, 4, 6, 3, 3)
EXPECTED_CALLS: Dict[str, Tuple[int, ...]] = {
    "defaults": DEFAULT_CALLS,
    # whole search results need no get
    "search_shape=full": (3, 5, 2, 4, 3, 5, 2, 3),
    "last_day_order=5": DEFAULT_CALLS,
    "scheduling_update=replace": DEFAULT_CALLS,
    "past_start_date=accept": DEFAULT_CALLS,
    "empty_shape=a": DEFAULT_CALLS,
    "name_whitespace=keep": DEFAULT_CALLS,
    "profile_names=shared": DEFAULT_CALLS,
    "profile_defaults=alternate": DEFAULT_CALLS,
    # how a refused token is answered: these tasks authenticate with a password
    "expired_token=invalid_credentials": DEFAULT_CALLS,
}

# Where a variant changes an outcome. Under "replace" an update's scheduling block replaces the stored one and
# must carry a start date; the collection never resends an unchanged (here: past) start date, so the change
# fails and says how to go on, with the update it tried counted.
OUTCOME_CHANGES = {"scheduling_update=replace": {"change schedule": "failed"}}
REPLACE_ADVICE = "scheduling.start_date"

# Every write the run may make, whatever the variant: check mode and unchanged tasks write nothing.
WRITES = {
    "create/optionprofile": 1,
    "create/wasscanschedule": 1,
    "update/optionprofile": 1,
    "update/wasscanschedule": 1,
}


def name_in_criteria(stats: Dict[str, Any]) -> List[str]:
    """Criteria keys ``"<op>/<object> <field> <OPERATOR>"`` that used IN on a name."""
    found = []
    for key in stats.get("criteria", {}):
        _call, field, operator = key.split(" ", 2)
        if operator == "IN" and (field == "name" or field.endswith(".name")):
            found.append(key)
    return found


@pytest.fixture(scope="module", name="variant_runs")
def variant_runs_fixture(module_simulators, tmp_path_factory):
    """Every variant's run, several at once: each has a simulator of its own, started with the variant's flags."""
    return run_variants(module_simulators, tmp_path_factory, TASKS_YAML, "Variant", START_CLOCK)


def test_every_variant_has_expected_calls():
    # A setting added to the simulator must be added to the table, with the calls its variant costs; scan settings
    # have their own table in test_scan_variants.py, since only a playbook that runs scans meets them.
    assert sorted(name for name, _settings in one_at_a_time()) == sorted(EXPECTED_CALLS)


@pytest.mark.parametrize("variant", [name for name, _settings in one_at_a_time()])
def test_modules_under_variant(variant_runs, variant):
    run, stats = variant_runs[variant]

    expected_outcomes = [OUTCOME_CHANGES.get(variant, {}).get(task, outcome) for task, outcome in zip(TASKS, OUTCOMES)]
    results = [run.task(task) for task in TASKS]
    seen = [(entry["status"], entry["result"].get("api_calls")) for entry in results]
    messages = {task: entry["result"].get("msg") for task, entry in zip(TASKS, results) if entry["status"] == "failed"}
    assert seen == list(zip(expected_outcomes, EXPECTED_CALLS[variant])), messages
    assert run.returncode == 0, run.output[-4000:]
    for task, outcome in zip(TASKS, expected_outcomes):
        if outcome == "failed":
            assert REPLACE_ADVICE in messages[task]

    assert stats["total"] == sum(EXPECTED_CALLS[variant])
    writes = {key: n for key, n in stats["by_call"].items() if key.split("/")[0] not in ("search", "get", "count")}
    assert writes == WRITES
    assert "criteria" in stats, "the simulator does not tally criteria"
    assert not name_in_criteria(stats), stats["criteria"]
    assert "search/webapp name EQUALS" in stats["criteria"]
