# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""No secret in any byte of a verbose run: every module, changes, check mode, diffs, failures and warnings."""

from __future__ import annotations

import json
import os
import re
from typing import Any, Set

from ansible_collections.qualys.was.tests.system.fault_scenarios import FAR_FUTURE
from ansible_collections.qualys.was.tests.system.playbook import play

FIXTURE = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "simulator", "fixture.json")
PASSWORDS = {"admin-pass", "editor-pass", "reader-pass"}
SECRET = re.compile(r"fixture-secret-[A-Za-z0-9_.-]+")


def fixture_secrets() -> Set[str]:
    """Every distinctive secret of the fixture, wherever it sits."""
    with open(FIXTURE, encoding="utf-8") as handle:
        return set(SECRET.findall(handle.read()))


def tasks() -> list:
    profile = "Secrets profile"
    records = [
        {"name": "records in full, as admin", "qualys.was.was_auth_record_info": {"details": True}},
        {
            "name": "one record, as editor",
            "qualys.was.was_auth_record_info": {
                "id": 583957,
                "details": True,
                "username": "editor",
                "password": "{{ editor_password }}",
            },
        },
        {
            "name": "records, as reader",
            "qualys.was.was_auth_record_info": {"username": "reader", "password": "{{ reader_password }}"},
        },
    ]
    changes = [
        {"name": "profile", "qualys.was.was_option_profile": {"name": profile, "performance": "low"}},
        {
            "name": "profile again, checked",
            "qualys.was.was_option_profile": {"name": profile, "performance": "high"},
            "check_mode": True,
        },
        {"name": "profile update", "qualys.was.was_option_profile": {"name": profile, "performance": "high"}},
        {
            "name": "schedule with an auth record",
            "qualys.was.was_scan_schedule": {
                "name": "Secrets schedule",
                "target": {"web_app": 4331925, "web_app_auth_record": 583957},
                "scheduling": {"start_date": FAR_FUTURE, "occurrence_type": "once"},
            },
        },
    ]
    failures = [
        {
            "name": "wrong password",
            "qualys.was.was_option_profile": {"name": profile, "password": "wrong-password-4711"},
            "ignore_errors": True,
        },
        {
            "name": "reader may not write",
            "qualys.was.was_option_profile": {
                "name": "Secrets denied",
                "username": "reader",
                "password": "{{ reader_password }}",
            },
            "ignore_errors": True,
        },
        {
            "name": "invalid input",
            "qualys.was.was_option_profile": {
                "name": profile,
                "custom_performance": {"num_of_http_threads": 99, "delay_between_requests": 0},
            },
            "ignore_errors": True,
        },
        {
            "name": "server error",
            "ansible.builtin.set_fact": {
                "armed": "{{ lookup('qualys_sim', 'arm', url=sim_url, " "fault={'kind': 'qualys_error'}) }}"
            },
        },
        {"name": "read that fails", "qualys.was.was_auth_record_info": {"details": True}, "ignore_errors": True},
        {"name": "unused option warning", "qualys.was.was_option_profile": {"name": profile, "state": "absent"}},
        {"name": "already absent", "qualys.was.was_option_profile": {"name": profile, "state": "absent"}},
    ]
    return records + changes + failures


def leaks(text: str, secrets: Set[str]) -> Any:
    return sorted(secret for secret in secrets | PASSWORDS if secret in text)


def test_no_secret_in_a_verbose_run(sim, playbook):
    secrets = fixture_secrets()
    assert len(secrets) >= 5, "the fixture's secrets were not found: the test would prove nothing"
    env = {"ANSIBLE_CALLBACK_RESULT_FORMAT": "json"}
    # Passwords come from variables, as they would from a vault: ansible-core itself quotes the playbook's source
    # lines around a failed task.
    plays = [
        play(
            sim.url,
            tasks(),
            vars={"sim_url": sim.url, "editor_password": "editor-pass", "reader_password": "reader-pass"},
        )
    ]
    run = playbook(plays, args=["-vvvv", "--diff"], env=env)
    recorded = json.dumps([entry["result"] for entry in run.results])
    assert run.returncode == 0, run.output[-4000:]
    assert "Authentication failed" in run.output, "the failing tasks did not fail as planned"
    assert not leaks(run.output, secrets), "secrets in the output: %s" % leaks(run.output, secrets)
    assert not leaks(recorded, secrets), "secrets in the task results: %s" % leaks(recorded, secrets)
