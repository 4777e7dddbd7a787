# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""was_finding_ignores is right under every variant of how ignores behave where the public record is silent.

For the default settings and each non-default value of each finding setting (one at a time), one ansible-playbook
run, against a simulator started with that variant's flags, scans the Demo Shop, applies a register of three accepted
risks, changes one entry's reason (an activate, then an ignore, whatever a re-ignore does: replace, refuse, or answer
SUCCESS and keep), scans again (after which a variant drops the ignores of findings found again), applies the register
again, drops one entry with overridden, and puts it back while the ignore's answer is lost (a server error after the
ignore ran): it is read, not sent again. Every task's outcome and calls are checked against the table below, the
writes against the simulator's count, and the ignores the tenant ends with, gathered, against the register. The
re-run that a setting bears on is the one after the second scan; the others (an unchanged register, gathered
re-applied) are in the integration target.
"""

from __future__ import annotations

from typing import Dict, Tuple

import pytest

from ansible_collections.qualys.was.tests.system.variants_support import one_at_a_time, run_variants

START_CLOCK = "2030-01-01T00:00:00Z"
# Past the end of the Demo Shop's scan and its processing (README "Scans": 283 + 1233 s, then 120 s), and of the next.
LATER_CLOCK = "2030-01-01T03:00:00Z"
LATEST_CLOCK = "2030-01-01T06:00:00Z"

TASKS_YAML = """
- name: scan
  qualys.was.was_scan: &scan
    name: Variant ignores
    target: {web_app: Demo Shop}

- name: let the scan end
  ansible.builtin.uri: &clock
    url: "{{ sim_url }}/_sim/clock"
    method: POST
    body_format: json
    body: {now: "%(later)s"}

- name: apply
  qualys.was.was_finding_ignores:
    config:
      - &search
        web_app: Demo Shop
        qid: 150001
        url: "https://shop.example.com/search.jsp?q=%%3Cscript%%3E"
        param: q
        reason: false_positive
        comment: Escaped.
      - &comment
        web_app: Demo Shop
        qid: 150158
        reason: risk_accepted
        comment: Legacy page.
        until: "2099-12-31"
      - &checkout
        web_app: Demo Shop
        qid: 150026
        reason: not_applicable

- name: change a reason
  qualys.was.was_finding_ignores: &changed
    config:
      - {<<: *search, reason: risk_accepted}
      - *comment
      - *checkout

- name: scan again
  qualys.was.was_scan: *scan

- name: let the second scan end
  ansible.builtin.uri:
    <<: *clock
    body: {now: "%(latest)s"}

- name: after the scan
  qualys.was.was_finding_ignores: *changed

- name: drop one entry
  qualys.was.was_finding_ignores:
    state: overridden
    scope: &scope {web_apps: [Demo Shop]}
    config:
      - {<<: *search, reason: risk_accepted}
      - *comment

- name: lose the next ignore's answer
  ansible.builtin.uri:
    url: "{{ sim_url }}/_sim/faults"
    method: POST
    body_format: json
    body: {kind: status, status: 500, match: ignore/finding, execute: true}

- name: put the entry back
  qualys.was.was_finding_ignores: *changed

- name: read back
  qualys.was.was_finding_ignores:
    state: gathered
    scope: *scope
""" % {
    "later": LATER_CLOCK,
    "latest": LATEST_CLOCK,
}

TASKS = (
    "scan",
    "apply",
    "change a reason",
    "scan again",
    "after the scan",
    "drop one entry",
    "put the entry back",
    "read back",
)
OUTCOMES = ("changed", "changed", "changed", "changed", "ok", "changed", "changed", "ok")

# API calls of each task. A launch: the web app's name, the search for a running scan of its name, the launch. The
# register: the web app's name and one verbose finding search, then a write per ignore and per activate; overridden
# adds the search of the scope's ignored findings; gathered, the scope's web app, the ignored findings and the listing
# of web apps (names are given where unique). The ignore whose answer is lost: the one look that finds it.
DEFAULT_CALLS = (3, 5, 4, 3, 2, 4, 4, 3)
EXPECTED_CALLS: Dict[str, Tuple[int, ...]] = {
    "defaults": DEFAULT_CALLS,
    # a change of reason is an activate and an ignore whatever a re-ignore does
    "finding_reignore=refuse": DEFAULT_CALLS,
    "finding_reignore=keep": DEFAULT_CALLS,
    # the second scan finds the three again, and drops their ignores: three ignores to send again
    "finding_ignore_rescan=dropped": (3, 5, 4, 3, 5, 4, 4, 3),
    # the module never reads what an ignore or activate answers
    "finding_ignore_response=bare": DEFAULT_CALLS,
}
OUTCOME_CHANGES = {"finding_ignore_rescan=dropped": {"after the scan": "changed"}}
# Ignores and activates of the run; an ignore whose answer was lost is never sent again.
WRITES = {"ignore/finding": 5, "activate/finding": 2}
WRITE_CHANGES = {"finding_ignore_rescan=dropped": {"ignore/finding": 8}}
# The register the tenant ends with, as gathered.
FINAL = [
    ("Demo Shop", 150001, "risk_accepted", "Escaped.", None),
    ("Demo Shop", 150026, "not_applicable", None, None),
    ("Demo Shop", 150158, "risk_accepted", "Legacy page.", "2099-12-31"),
]


@pytest.fixture(scope="module", name="variant_runs")
def variant_runs_fixture(module_simulators, tmp_path_factory):
    """Every finding variant's run, several at once, each against a simulator of its own."""
    return run_variants(
        module_simulators, tmp_path_factory, TASKS_YAML, "Finding ignore variant", START_CLOCK, group="finding"
    )


def test_every_finding_variant_has_expected_calls():
    # A finding setting added to the simulator must be added to the table, with the calls its variant costs.
    assert sorted(name for name, _settings in one_at_a_time("finding")) == sorted(EXPECTED_CALLS)


@pytest.mark.parametrize("variant", [name for name, _settings in one_at_a_time("finding")])
def test_was_finding_ignores_under_variant(variant_runs, variant):
    run, stats = variant_runs[variant]

    expected = [OUTCOME_CHANGES.get(variant, {}).get(task, outcome) for task, outcome in zip(TASKS, OUTCOMES)]
    results = [run.task(task) for task in TASKS]
    seen = [(entry["status"], entry["result"].get("api_calls")) for entry in results]
    messages = {task: entry["result"].get("msg") for task, entry in zip(TASKS, results) if entry["status"] == "failed"}
    assert seen == list(zip(expected, EXPECTED_CALLS[variant])), messages
    assert run.returncode == 0, run.output[-4000:]

    assert stats["total"] == sum(EXPECTED_CALLS[variant])
    writes = {key: stats["by_call"].get(key, 0) for key in WRITES}
    assert writes == dict(WRITES, **WRITE_CHANGES.get(variant, {}))
    dropped = run.task("drop one entry")["result"]
    assert [line["qid"] for line in dropped["results"] if line["reactivated"]] == [150026]
    assert [entry["qid"] for entry in dropped["in_scope"]["deleted"]] == [150026]
    final = [
        (entry["web_app"], entry["qid"], entry["reason"], entry.get("comment"), entry.get("until"))
        for entry in run.task("read back")["result"]["gathered"]
    ]
    assert final == FINAL
