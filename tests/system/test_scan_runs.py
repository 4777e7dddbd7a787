# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""was_scan through ansible-playbook against the simulator: each fault during the launch and during the wait,
twenty forks waiting under a limit of two concurrent scans, hostile names, and no secret in the output.

Scans end in seconds here because the simulated clock runs fast while a playbook waits.
"""

from __future__ import annotations

from contextlib import nullcontext
from typing import Any, Dict, List, Tuple

import pytest

from ansible_collections.qualys.was.tests.system.fast_clock import clock_running_fast
from ansible_collections.qualys.was.tests.system.playbook import play, start_playbook
from ansible_collections.qualys.was.tests.system.sim_api import OBJECTS

TIMEOUT = 1  # the modules' timeout here: a fault delayed longer is a timeout
# The Demo Blog's scans (13 minutes with their processing) end in 1.3 seconds: long enough that twenty
# forks launching at once meet the limit of two scans, short enough that the ten rounds it lets through take seconds.
CLOCK_SPEED = 600
MAY_EXIST = ("may have been launched", "not launched again")


@pytest.fixture(autouse=True, name="scans_countable")
def scans_countable_fixture(monkeypatch):
    monkeypatch.setitem(OBJECTS, "was_scan", "wasscan")


def run(sim, tmp_path, tasks, name, inventory=None, args=(), ahead=False):
    plays = [play(sim.url, tasks, hosts="all" if inventory else "localhost")]
    with clock_running_fast(sim, CLOCK_SPEED) if ahead else nullcontext():
        return start_playbook(str(tmp_path), plays, inventory, args, name=name).wait()


def stats_task(register: str) -> Dict[str, Any]:
    return {
        "name": "stats " + register,
        "ansible.builtin.uri": {"url": "{{ sim_url }}/_sim/stats"},
        "register": register,
    }


def fault_task(fault: Dict[str, Any]) -> Dict[str, Any]:
    return {
        "name": "fault",
        "ansible.builtin.uri": {
            "url": "{{ sim_url }}/_sim/faults",
            "method": "POST",
            "body_format": "json",
            "body": fault,
        },
    }


# Faults on the launch --------------------------------------------------------------------------------------------

LAUNCH = "launch/wasscan"
# (key, fault, scans of the name afterwards, whether the task succeeds, words its failure keeps)
LAUNCH_FAULTS: List[Tuple[str, Dict[str, Any], int, bool, Tuple[str, ...]]] = [
    ("409", {"kind": "status", "status": 409, "headers": {"X-RateLimit-ToWait-Sec": "0"}}, 1, True, ()),
    ("429", {"kind": "status", "status": 429}, 1, True, ()),
    ("truncated", {"kind": "truncated"}, 1, True, ()),
    ("timeout", {"kind": "delay", "delay": TIMEOUT + 2}, 1, True, ()),
    ("qualys error", {"kind": "qualys_error", "response_code": "OTHER_ERROR"}, 0, False, ("OTHER_ERROR",)),
]
# Each answer that leaves the outcome unknown, after a launch that ran; a launch that did not run is never sent
# again either (each look costs seconds, so three kinds of lost answer stand for all).
for _key, _fault in (
    ("500", {"kind": "status", "status": 500}),
    ("503", {"kind": "status", "status": 503}),
    ("html", {"kind": "html"}),
    ("empty", {"kind": "empty"}),
    ("disconnect", {"kind": "disconnect"}),
):
    LAUNCH_FAULTS.append(("%s run" % _key, dict(_fault, execute=True), 1, True, ()))
    if _key in ("500", "empty", "disconnect"):
        LAUNCH_FAULTS.append(("%s not run" % _key, _fault, 0, False, MAY_EXIST))


def test_each_fault_on_the_launch_makes_at_most_one_scan_and_says_so(sim, tmp_path):
    tasks = []
    for key, fault, _scans, _ok, _words in LAUNCH_FAULTS:
        tasks += [
            fault_task(dict(fault, match=LAUNCH)),
            {
                "name": "Launch " + key,
                "qualys.was.was_scan": {"name": "Fault " + key, "target": {"web_app": "Demo Blog"}, "timeout": TIMEOUT},
                "ignore_errors": True,
            },
            stats_task("after"),
        ]
    result = run(sim, tmp_path, tasks, "launch-faults")
    assert result.returncode == 0, result.output[-4000:]
    launches = [
        entry["result"]["json"]["by_call"].get(LAUNCH, 0) for entry in result.results if entry["task"] == "stats after"
    ]
    sent = [launches[0]] + [after - before for before, after in zip(launches, launches[1:])]
    for (key, fault, scans, succeeds, words), launch_calls in zip(LAUNCH_FAULTS, sent):
        entry = result.task("Launch " + key)
        outcome = entry["result"]
        assert (entry["status"] == "failed") is not succeeds, (key, outcome.get("msg"))
        assert sim.count("was_scan", "Fault " + key) == scans, key
        for word in words:
            assert word in outcome["msg"], (key, word, outcome["msg"])
        # A launch is sent again only when the server said it did not run it.
        assert launch_calls == (2 if fault.get("status") in (409, 429) else 1), (key, launch_calls)


# Faults on the wait ----------------------------------------------------------------------------------------------

WAIT_FAULTS = [
    ("status 500 twice", {"kind": "status", "status": 500, "times": 2, "match": "status/wasscan"}),
    ("status truncated", {"kind": "truncated", "match": "status/wasscan"}),
    ("status disconnect", {"kind": "disconnect", "match": "status/wasscan"}),
    ("status timeout", {"kind": "delay", "delay": TIMEOUT + 1, "match": "status/wasscan"}),
    ("get 503", {"kind": "status", "status": 503, "match": "get/wasscan"}),
    ("status limit", {"kind": "status", "status": 409, "match": "status/wasscan"}),
]


def test_each_fault_during_the_wait_is_waited_through(sim, tmp_path):
    tasks = []
    for key, fault in WAIT_FAULTS:
        tasks += [
            {
                "name": "Launch " + key,
                "qualys.was.was_scan": {"name": "Wait " + key, "target": {"web_app": "Demo Blog"}},
                "register": "launched",
            },
            fault_task(fault),
            {
                "name": "Wait " + key,
                "qualys.was.was_scan": {
                    "id": "{{ launched.scan.id }}",
                    "wait": True,
                    "poll_interval": 1,
                    "wait_timeout": 300,
                    "timeout": TIMEOUT,
                    # one failed poll beyond the client's repeats is tolerated too
                    "retries": 1,
                },
            },
        ]
    result = run(sim, tmp_path, tasks, "wait-faults", ahead=True)
    assert result.returncode == 0, result.output[-4000:]
    for key, _fault in WAIT_FAULTS:
        waited = result.task("Wait " + key)["result"]
        assert (waited["scan"]["status"], waited["scan"]["summary"]["results_status"]) == ("finished", "successful")
        assert sim.count("was_scan", "Wait " + key) == 1


# Twenty forks under a limit of two concurrent scans --------------------------------------------------------------

FORKS = 20


def test_twenty_forks_waiting_under_a_limit_of_two_scans_each_end_with_one_scan(sim, tmp_path):
    sim.settings(scan_concurrency=2)
    hosts = {"fork%02d" % index: {} for index in range(FORKS)}
    task = {
        "name": "scan",
        "qualys.was.was_scan": {
            "name": "Fork {{ inventory_hostname }}",
            "target": {"web_app": "Demo Blog"},
            "wait": True,
            "wait_timeout": 900,
            "slot_timeout": 900,
            "poll_interval": 2,
        },
    }
    result = run(sim, tmp_path, [task], "forks", inventory=hosts, args=["--forks", str(FORKS)], ahead=True)
    assert result.returncode == 0, result.output[-4000:]
    assert [sim.count("was_scan", "Fork " + host) for host in hosts] == [1] * FORKS
    outcomes = [result.task("scan", host)["result"] for host in hosts]
    assert all(outcome["changed"] and outcome["scan"]["status"] == "finished" for outcome in outcomes)
    # The limit refused launches, which were tried again; no scan was launched twice.
    assert sim.stats()["by_call"][LAUNCH] > FORKS


# Hostile names and secrets ---------------------------------------------------------------------------------------

HOSTILE = [
    "  Scan <b>&amp; \"quoted\" 'single' ]]> after  ",
    "Scan % * _ wildcards?",
    "Scan ünïcödé ✓ 扫描",
    "Scan " + "x" * 200,
]


def test_hostile_names_launch_once_attach_and_are_stored_trimmed(sim, tmp_path):
    tasks = []
    for index, name in enumerate(HOSTILE):
        scan = {"name": name, "target": {"web_app": "Demo Blog"}}
        tasks += [
            {"name": "check %d" % index, "qualys.was.was_scan": scan, "check_mode": True},
            {"name": "launch %d" % index, "qualys.was.was_scan": scan},
            {"name": "again %d" % index, "qualys.was.was_scan": scan},
        ]
    # A web app outside the user's scope: the launch is refused in the server's words, and nothing is launched.
    hidden = {"name": "Scan out of scope", "target": {"web_app": "Demo Blog"}}
    tasks.append(
        {
            "name": "hidden",
            "qualys.was.was_scan": dict(hidden, username="scanner", password="scanner-pass"),
            "ignore_errors": True,
        }
    )
    result = run(sim, tmp_path, tasks, "hostile", args=["-vvv"])
    assert result.returncode == 0, result.output[-4000:]
    for index, name in enumerate(HOSTILE):
        checked, launched, again = (
            result.task("%s %d" % (step, index))["result"] for step in ("check", "launch", "again")
        )
        assert checked["changed"] and launched["changed"] and not again["changed"]
        assert again["scan"]["id"] == launched["scan"]["id"]
        assert launched["scan"]["name"] == name.strip()
        assert [record["name"] for record in sim.named("was_scan", name.strip())] == [name.strip()]
    refused = result.task("hidden")
    assert refused["status"] == "failed" and "does not exist or is not accessible" in refused["result"]["msg"]
    assert sim.count("was_scan", "Scan out of scope") == 0
    # The passwords the play logs in with are no_log: Ansible's verbose output never shows them.
    assert "admin-pass" not in result.output and "scanner-pass" not in result.output
