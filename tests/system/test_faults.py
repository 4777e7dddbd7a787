# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Every fault the simulator injects, against every module, through ansible-playbook.

One playbook per module, each against a simulator of its own and all three at once: per scenario a
controller-side task arms the fault, the module runs (errors ignored) and another task reads the counters.
The objects of each scenario's name are counted afterwards: never more than one, whatever happened.
"""

from __future__ import annotations

import socket
from typing import Any, Dict, List

import pytest

from ansible_collections.qualys.was.tests.system.fault_scenarios import (
    EITHER,
    FAIL,
    FAR_FUTURE,
    OK,
    TIMEOUT,
    UNKNOWN_CREATE,
    Scenario,
    scenarios_for,
)
from ansible_collections.qualys.was.tests.system.playbook import play, start_playbook
from ansible_collections.qualys.was.tests.system.report import markdown_table, publish
from ansible_collections.qualys.was.tests.system.sim_api import OBJECTS

MODULES = ("was_scan_schedule", "was_option_profile", "was_auth_record_info")
STATS = "{{ lookup('qualys_sim', 'stats', url=sim_url) }}"


def free_port_url() -> str:
    """A URL nothing listens on: a port the system handed out and that was closed again."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return "http://127.0.0.1:%d" % probe.getsockname()[1]


def module_args(scenario: Scenario, phase: str) -> Dict[str, Any]:
    """The task's options: ``phase`` "setup" makes the object an update or delete scenario starts from."""
    if scenario.module == "was_auth_record_info":
        args: Dict[str, Any] = {"name": "Selenium record"}
    elif scenario.module == "was_option_profile":
        args = {"name": scenario.name, "performance": "low"}
        if scenario.operation == "update" and phase == "run":
            args["performance"] = "high"
    else:
        args = {
            "name": scenario.name,
            "target": {"web_app": 4331925},
            "scheduling": {"start_date": FAR_FUTURE, "occurrence_type": "once"},
        }
        if scenario.operation == "update" and phase == "run":
            args["progressive_scanning"] = "enabled"
    if scenario.operation == "delete" and phase == "run":
        args = {"name": scenario.name, "state": "absent"}
    args["timeout"] = TIMEOUT
    args.update(scenario.task_args or {})
    return args


def playbook_tasks(scenarios: List[Scenario]) -> List[Dict[str, Any]]:
    """The objects that updates and deletes start from, made first; then per scenario the arming of its fault
    and the task. Each arming answers the counters before it, so the next one's are the previous task's after."""
    tasks = []
    for scenario in scenarios:
        if scenario.operation in ("update", "delete"):
            fqcn = "qualys.was." + scenario.module
            tasks.append({"name": scenario.key + " setup", fqcn: module_args(scenario, "setup")})
    for number, scenario in enumerate(scenarios):
        arm = "{{ lookup('qualys_sim', 'arm', url=sim_url, fault=%r) }}" % (scenario.fault or {})
        tasks.append({"name": "arm %d" % number, "ansible.builtin.set_fact": {"counters": arm}})
        tasks.append(
            {"name": scenario.key, "qualys.was." + scenario.module: module_args(scenario, "run"), "ignore_errors": True}
        )
    tasks.append({"name": "arm %d" % len(scenarios), "ansible.builtin.set_fact": {"counters": STATS}})
    return tasks


def problems_of(scenario: Scenario, row: Dict[str, Any]) -> List[str]:
    """What is wrong with one scenario's outcome, by the rules of the engine; empty when all is right."""
    problems = []
    failed = row["status"] == "failed"
    if scenario.expect == OK and failed:
        problems.append("failed, expected ok")
    if scenario.expect == FAIL and not failed:
        problems.append("ended %s, expected a failure" % row["status"])
    if failed:
        msg = row["msg"]
        words = list(scenario.words) if scenario.expect == FAIL else list(UNKNOWN_CREATE)
        if scenario.expect == EITHER and scenario.operation != "create":
            words = []
        if scenario.operation != "connect":
            words.append(scenario.operation)
        if scenario.module != "was_auth_record_info" or scenario.operation != "search":
            words.append(scenario.name if scenario.module != "was_auth_record_info" else "Selenium record")
        missing = [word for word in words if word.lower() not in msg.lower()]
        if missing:
            problems.append("message lacks %s" % ", ".join(repr(word) for word in missing))
    if row["objects"] is not None and row["objects"] > 1:
        problems.append("%d objects of the name" % row["objects"])
    elif (
        scenario.objects is not None
        and row["objects"] != scenario.objects
        and not (failed and scenario.expect == EITHER)
    ):
        problems.append("%s objects, expected %s" % (row["objects"], scenario.objects))
    if scenario.calls is not None and row["faulted_calls"] != scenario.calls:
        problems.append("%s %s calls, expected %s" % (row["faulted_calls"], scenario.operation, scenario.calls))
    return problems


def outcome(scenarios: List[Scenario], run, sim) -> List[Dict[str, Any]]:
    rows = []
    for number, scenario in enumerate(scenarios):
        entry = run.task(scenario.key)
        before = run.task("arm %d" % number)["result"]["ansible_facts"]["counters"]
        after = run.task("arm %d" % (number + 1))["result"]["ansible_facts"]["counters"]
        key = "%s/%s" % (scenario.operation, OBJECTS[scenario.module])
        row = {
            "status": entry["status"],
            "msg": entry["result"].get("msg", ""),
            "api_calls": entry["result"].get("api_calls"),
            "calls": after["total"] - before["total"],
            "writes": after["writes"] - before["writes"],
            "faulted_calls": after["by_call"].get(key, 0) - before["by_call"].get(key, 0),
            "objects": None if scenario.module == "was_auth_record_info" else sim.count(scenario.module, scenario.name),
            "seconds": entry["time"] - run.task("arm %d" % number)["time"],
        }
        row["problems"] = problems_of(scenario, row)
        rows.append(row)
    return rows


def groups(scenarios: List[Scenario]) -> List[List[Scenario]]:
    """Scenarios split into playbooks that run side by side, each against a simulator of its own: most of a
    scenario's time is the waiting of retries and of the looks after a lost create."""
    split: Dict[str, List[Scenario]] = {}
    for scenario in scenarios:
        lost_create = scenario.operation == "create" and scenario.expect == FAIL and scenario.words[-1:] == ("re-run",)
        split.setdefault("lost create" if lost_create else scenario.operation, []).append(scenario)
    merged = [split.pop("lost create", []), split.pop("create", [])]
    merged.append([scenario for group in split.values() for scenario in group])
    return [group for group in merged if group]


@pytest.fixture(scope="module", name="matrix")
def matrix_fixture(tmp_path_factory, request):
    """Runs the three playbooks at once; answers {module: [(scenario, row), ...]}."""
    start_simulator = request.getfixturevalue("module_simulators")
    refused = free_port_url()
    runs = []
    for module in MODULES:
        for group in groups(scenarios_for(module, refused)):
            sim = start_simulator()
            folder = str(tmp_path_factory.mktemp(module))
            runs.append((module, sim, group, start_playbook(folder, [play(sim.url, playbook_tasks(group))])))
    matrix: Dict[str, list] = {module: [] for module in MODULES}
    for module, sim, group, running in runs:
        run = running.wait()
        assert run.returncode == 0, run.output[-4000:]
        matrix[module] += list(zip(group, outcome(group, run, sim)))
    publish_matrix(matrix)
    return matrix


def publish_matrix(matrix) -> None:
    headers = [
        "module",
        "scenario",
        "call ran",
        "expected",
        "outcome",
        "api_calls",
        "server calls",
        "writes",
        "objects",
        "seconds",
        "verdict",
    ]
    rows = []
    for module, results in matrix.items():
        for scenario, row in results:
            shown = row["status"] if row["status"] != "failed" else "failed: " + row["msg"][:150]
            objects = "-" if row["objects"] is None else row["objects"]
            verdict = "; ".join(row["problems"]) or "as expected"
            rows.append(
                [
                    module,
                    scenario.key,
                    scenario.executed,
                    scenario.expect,
                    shown,
                    row["api_calls"],
                    row["calls"],
                    row["writes"],
                    objects,
                    "%.1f" % row["seconds"],
                    verdict,
                ]
            )
    publish("Fault matrix", markdown_table(headers, rows), "fault-matrix.md")


@pytest.mark.parametrize("module", MODULES)
def test_fault_matrix(matrix, module):
    wrong = [
        "%s: %s" % (scenario.key, "; ".join(row["problems"])) for scenario, row in matrix[module] if row["problems"]
    ]
    assert not wrong, "\n".join(wrong)
