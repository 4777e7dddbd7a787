# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""was_scan is right under every variant of how scans behave where the public record is silent.

For the default settings and for each non-default value of each scan setting (one at a time), one ansible-playbook
run, against a simulator started with that variant's flags, launches a multi-scan of the web apps tagged Production,
runs the task again while the scan runs (it attaches), lets the simulated clock pass the scans' ends, waits for the
scan and fails its gate on the Demo Shop's confirmed severity-5 finding, reads the results with was_scan_info, and
runs two scans that end otherwise: one cut by its time limit, one canceled, each accepted as the task says. Every
task's outcome is checked against the table below, the calls of all tasks against the simulator's own count, and no
launch is sent twice.
"""

from __future__ import annotations

from typing import Dict, Tuple

import pytest

from ansible_collections.qualys.was.tests.system.variants_support import one_at_a_time, run_variants

START_CLOCK = "2030-01-01T00:00:00Z"
# Past the end of every scan below (the longest, the Intranet Portal's, is cut at one hour) and their processing.
LATER_CLOCK = "2030-01-01T03:00:00Z"

TASKS_YAML = """
- name: launch
  qualys.was.was_scan: &production
    name: Variant scan
    target:
      tags:
        included: {option: any, tag_list: [Production]}
  register: launched

- name: attach
  qualys.was.was_scan: *production

- name: launch time-limited
  qualys.was.was_scan: &limited
    name: Variant time limit
    target: {web_app: Intranet Portal}
    cancel_after_n_hours: 1
  register: limited

- name: launch to cancel
  qualys.was.was_scan: &blog
    name: Variant cancel
    target: {web_app: Demo Blog}
  register: blog

- name: cancel
  qualys.was.was_scan:
    id: "{{ blog.scan.id }}"
    state: canceled

- name: let the scans end
  ansible.builtin.uri:
    url: "{{ sim_url }}/_sim/clock"
    method: POST
    body_format: json
    body: {now: "%(later)s"}

- name: wait and gate
  qualys.was.was_scan:
    <<: *production
    # The Demo Shop's scan: the multi-scan, or the last of one scan per web app (scan_multi_launch).
    id: "{{ launched.scans | map(attribute='id') | max }}"
    wait: true
    poll_interval: 1
    wait_timeout: 60
    fail_on: {severity: 5}
  register: gated
  ignore_errors: true

- name: wait for the time limit
  qualys.was.was_scan:
    <<: *limited
    id: "{{ limited.scan.id }}"
    wait: true
    poll_interval: 1
    wait_timeout: 60
    accept_end_states: [time_limit_exceeded, time_limit_reached]

- name: wait for the cancel
  qualys.was.was_scan:
    <<: *blog
    id: "{{ blog.scan.id }}"
    wait: true
    poll_interval: 1
    wait_timeout: 60
    accept_end_states: [canceled]

- name: read results
  qualys.was.was_scan_info:
    id: "{{ launched.scan.id }}"
    results: true
  register: read
""" % {"later": LATER_CLOCK}

TASKS = (
    "launch",
    "attach",
    "launch time-limited",
    "launch to cancel",
    "cancel",
    "wait and gate",
    "wait for the time limit",
    "wait for the cancel",
    "read results",
)
MODULE_TASKS = tuple(task for task in TASKS if task != "let the scans end")
OUTCOMES = ("changed", "ok", "changed", "changed", "changed", "failed", "ok", "ok", "ok")

# API calls of each task, per variant, in the order of the tasks above. A launch: the names it refers to (a tag, a
# web app), the search for a running scan of its name, the launch; attaching: that search. Cancel: the get and the
# cancel. A wait of a scan already ended: its get, status and download, plus one finding search for the severities
# a download does not give (scan_vuln_severity absent: the recorded XML); reading results: get and download, plus
# that search. The scan waited for is a multi-scan by tags (scan_multi_launch one) or a single scan.
DEFAULT_CALLS = (3, 1, 3, 3, 2, 4, 2, 2, 3)
EXPECTED_CALLS: Dict[str, Tuple[int, ...]] = {
    "defaults": DEFAULT_CALLS,
    # how a good scan, a canceled scan, a time limit and the processing phase read: the same calls
    "scan_good_results=FINISHED": DEFAULT_CALLS,
    "scan_canceled=CANCELLED": DEFAULT_CALLS,
    "scan_failure_status=status": DEFAULT_CALLS,
    "scan_processing=none": DEFAULT_CALLS,
    "scan_processing=status": DEFAULT_CALLS,
    # the download rates every vulnerability: no finding search
    "scan_vuln_severity=present": (3, 1, 3, 3, 2, 3, 2, 2, 2),
    "scan_multi_launch=per_web_app": DEFAULT_CALLS,
    "scan_multi_target=web_apps": DEFAULT_CALLS,
}
OUTCOME_CHANGES: Dict[str, Dict[str, str]] = {}
# Launch writes: one per launching task, whatever the variant; the cancel one.
LAUNCHES = 3


@pytest.fixture(scope="module", name="variant_runs")
def variant_runs_fixture(module_simulators, tmp_path_factory):
    """Every scan variant's run, several at once, each against a simulator of its own."""
    return run_variants(module_simulators, tmp_path_factory, TASKS_YAML, "Scan variant", START_CLOCK, group="scan")


def test_every_scan_variant_has_expected_calls():
    # A scan setting added to the simulator must be added to the table, with the calls its variant costs.
    assert sorted(name for name, _settings in one_at_a_time("scan")) == sorted(EXPECTED_CALLS)


@pytest.mark.parametrize("variant", [name for name, _settings in one_at_a_time("scan")])
def test_was_scan_under_variant(variant_runs, variant):
    run, stats = variant_runs[variant]

    expected = [OUTCOME_CHANGES.get(variant, {}).get(task, outcome) for task, outcome in zip(TASKS, OUTCOMES)]
    results = [run.task(task) for task in TASKS]
    seen = [(entry["status"], entry["result"].get("api_calls")) for entry in results]
    messages = {task: entry["result"].get("msg") for task, entry in zip(TASKS, results) if entry["status"] == "failed"}
    assert seen == list(zip(expected, EXPECTED_CALLS[variant])), messages
    assert run.returncode == 0, run.output[-4000:]

    gated = run.task("wait and gate")["result"]
    assert gated["gate_result"]["passed"] is False
    # The seeded confirmed severity 5 of the Demo Shop, known as such in every variant.
    assert {violation["qid"]: violation["severity"] for violation in gated["gate_result"]["violations"]}[150158] == 5
    assert stats["total"] == sum(EXPECTED_CALLS[variant])
    assert stats["by_call"]["launch/wasscan"] == LAUNCHES
    assert stats["by_call"]["cancel/wasscan"] == 1
