# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""A job as AWX runs it: ansible-runner, the environment the credential type's injectors produce, and tasks that
set no connection option, against the simulator; with a password, and with a token that expires mid-play."""

from __future__ import annotations

import os
import sys
from typing import Any, Dict

import ansible_runner
import jinja2
import yaml

from ansible_collections.qualys.was.tests.system.playbook import collections_path

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CREDENTIAL_TYPE = os.path.join(ROOT, "extensions", "awx", "credential_type.yml")
CLIENT_SECRET = "fixture-secret-client-editor"

TASKS = [
    {
        "name": "a profile",
        "qualys.was.was_option_profile": {"name": "AWX profile", "performance": "low", "tags": ["Production"]},
    },
    {
        "name": "the same profile, changed",
        "qualys.was.was_option_profile": {"name": "AWX profile", "performance": "high", "tags": ["Production"]},
        "register": "changed_profile",
    },
    {"name": "records", "qualys.was.was_auth_record_info": {"details": True}, "register": "records"},
    {
        "name": "every call authenticated",
        "ansible.builtin.assert": {"that": ["changed_profile is changed", "records.auth_records | length > 0"]},
    },
]


def injected(inputs: Dict[str, Any]) -> Dict[str, str]:
    """The environment AWX gives a job from a credential of the type: each injector rendered with the inputs,
    a field left empty as an empty string and a boolean at its default, as the AWX form leaves them."""
    with open(CREDENTIAL_TYPE, encoding="utf-8") as handle:
        credential_type = yaml.safe_load(handle)
    namespace = {field["id"]: field.get("default", "") for field in credential_type["inputs"]["fields"]}
    namespace.update(inputs)
    environment = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=False)  # nosec - not HTML
    return {
        name: environment.from_string(value).render(namespace)
        for name, value in credential_type["injectors"]["env"].items()
    }


def run_job(tmp_path, env: Dict[str, str]):
    """ansible-runner in its private data directory, as AWX lays one out, at -vvv."""
    project = tmp_path / "project"
    project.mkdir(parents=True)
    playbook = [{"name": "AWX job", "hosts": "localhost", "gather_facts": False, "tasks": TASKS}]
    (project / "job.yml").write_text(yaml.safe_dump(playbook, sort_keys=False))
    (tmp_path / "inventory").mkdir()
    hosts = {
        "all": {"hosts": {"localhost": {"ansible_connection": "local", "ansible_python_interpreter": sys.executable}}}
    }
    (tmp_path / "inventory" / "hosts.yml").write_text(yaml.safe_dump(hosts))
    envvars = dict(env, ANSIBLE_COLLECTIONS_PATH=collections_path(), ANSIBLE_NOCOLOR="1")
    envvars["PATH"] = os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", "")
    return ansible_runner.run(
        private_data_dir=str(tmp_path), playbook="job.yml", envvars=envvars, verbosity=3, quiet=True
    )


def failures(job) -> str:
    return job.stdout.read()[-4000:]


def no_qualys_variables(monkeypatch):
    for name in list(os.environ):
        if name.startswith("QUALYS_"):
            monkeypatch.delenv(name)


def test_a_job_with_a_password_credential(sim, tmp_path, monkeypatch):
    no_qualys_variables(monkeypatch)
    env = injected({"api_url": sim.url, "username": "editor", "password": "editor-pass"})
    assert env["QUALYS_PLATFORM"] == "" and env["QUALYS_VALIDATE_CERTS"] == "True", "empty fields stay empty"
    job = run_job(tmp_path, env)
    assert job.status == "successful", failures(job)
    assert sim.count("was_option_profile", "AWX profile") == 1
    assert "editor-pass" not in job.stdout.read()


def test_a_job_with_a_token_credential_whose_token_expires_mid_play(start_simulator, tmp_path, monkeypatch):
    no_qualys_variables(monkeypatch)
    # Every call takes 0.75 s and a token lives 2 s: a task of several calls outlives its token.
    sim = start_simulator("--token-lifetime", "2", "--latency", "0.75")
    inputs = {
        "api_url": sim.url,
        "gateway_url": sim.url,
        "auth_method": "oidc",
        "client_id": "editor-client",
        "client_secret": CLIENT_SECRET,
    }
    job = run_job(tmp_path, injected(inputs))
    assert job.status == "successful", failures(job)
    by_call = sim.stats()["by_call"]
    qps_calls = sum(count for call, count in by_call.items() if call != "auth/oidc")
    # One token per task (three tasks call the API), and a few more for the calls that found theirs expired.
    assert 3 < by_call["auth/oidc"] < qps_calls, by_call
    output = job.stdout.read()
    tokens = [line for line in output.splitlines() if "Bearer" in line or "eyJ" in line]
    assert CLIENT_SECRET not in output and not tokens, tokens[:3]
