# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Runs ``ansible-playbook`` on generated plays and returns every task result, recorded as JSON lines."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from typing import Any, Dict, List, Optional, Sequence

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
PLUGINS = os.path.join(HERE, "plugins")


def collections_path() -> str:
    """Where ``ansible_collections/qualys/was`` is: the environment's, else the tree these tests are in."""
    if os.environ.get("ANSIBLE_COLLECTIONS_PATH"):
        return os.environ["ANSIBLE_COLLECTIONS_PATH"]
    parts = HERE.split(os.sep)
    if parts[-5:-2] == ["ansible_collections", "qualys", "was"]:
        return os.sep.join(parts[:-5])
    return os.path.join(os.path.dirname(os.path.dirname(HERE)), "build", "dev")


def play(url: str, tasks: List[Dict[str, Any]], hosts: str = "localhost", **extra: Any) -> Dict[str, Any]:
    """One play against the simulator at ``url``, with the connection options set for every module."""
    defaults = {"api_url": url, "username": "admin", "password": "admin-pass"}
    result = {
        "name": "System test",
        "hosts": hosts,
        "gather_facts": False,
        "module_defaults": {"group/qualys.was.was": defaults},
        "vars": {"sim_url": url},
        "tasks": tasks,
    }
    result.update(extra)
    return result


class PlaybookRun:
    def __init__(self, returncode: int, stdout: str, stderr: str, results: List[Dict[str, Any]], seconds: float):
        self.returncode = returncode
        self.stdout = stdout
        self.stderr = stderr
        self.results = results
        self.seconds = seconds

    def task(self, name: str, host: Optional[str] = None) -> Dict[str, Any]:
        """The one recorded result of task ``name`` (on ``host``)."""
        found = [entry for entry in self.results if entry["task"] == name and host in (None, entry["host"])]
        if len(found) != 1:
            raise AssertionError("%d results for task %r; output:\n%s" % (len(found), name, self.output[-4000:]))
        return found[0]

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def run_playbook(
    folder: str,
    plays: Sequence[Dict[str, Any]],
    inventory: Optional[Dict[str, Any]] = None,
    args: Sequence[str] = (),
    env: Optional[Dict[str, str]] = None,
    name: str = "playbook",
) -> PlaybookRun:
    """Writes ``plays`` (and ``inventory``) under ``folder`` and runs them; see :func:`start_playbook`."""
    return start_playbook(folder, plays, inventory, args, env, name).wait()


class RunningPlaybook:
    def __init__(self, process: subprocess.Popen, results_path: str) -> None:
        self.process = process
        self.results_path = results_path
        self.started = time.monotonic()

    def wait(self) -> PlaybookRun:
        stdout, stderr = self.process.communicate()
        seconds = time.monotonic() - self.started
        results = []
        if os.path.exists(self.results_path):
            with open(self.results_path, encoding="utf-8") as handle:
                results = [json.loads(line) for line in handle if line.strip()]
        return PlaybookRun(self.process.returncode, stdout, stderr, results, seconds)


def start_playbook(
    folder: str,
    plays: Sequence[Dict[str, Any]],
    inventory: Optional[Dict[str, Any]] = None,
    args: Sequence[str] = (),
    env: Optional[Dict[str, str]] = None,
    name: str = "playbook",
) -> RunningPlaybook:
    """Starts ``ansible-playbook`` of the running Python's virtualenv on localhost (``ansible_connection:
    local``, that Python as interpreter); every task result goes to a JSON-lines file read by ``wait``."""
    os.makedirs(folder, exist_ok=True)
    playbook_path = os.path.join(folder, name + ".yml")
    inventory_path = os.path.join(folder, name + "-inventory.yml")
    results_path = os.path.join(folder, name + "-results.jsonl")
    with open(playbook_path, "w", encoding="utf-8") as handle:
        yaml.safe_dump(list(plays), handle, sort_keys=False, allow_unicode=True)
    hosts = {"localhost": {}} if inventory is None else inventory
    local = {"ansible_connection": "local", "ansible_python_interpreter": sys.executable}
    with open(inventory_path, "w", encoding="utf-8") as handle:
        yaml.safe_dump({"all": {"hosts": hosts, "vars": local}}, handle)
    if os.path.exists(results_path):
        os.remove(results_path)
    environment = dict(os.environ)
    environment.update(
        {
            "ANSIBLE_COLLECTIONS_PATH": collections_path(),
            "ANSIBLE_CALLBACK_PLUGINS": os.path.join(PLUGINS, "callback"),
            "ANSIBLE_LOOKUP_PLUGINS": os.path.join(PLUGINS, "lookup"),
            "ANSIBLE_CALLBACKS_ENABLED": "system_results",
            "ANSIBLE_NOCOLOR": "1",
            "ANSIBLE_PIPELINING": "1",
            "ANSIBLE_RETRY_FILES_ENABLED": "0",
            "ANSIBLE_HOST_KEY_CHECKING": "0",
            "ANSIBLE_LOCAL_TEMP": os.path.join(folder, "tmp"),
            "ANSIBLE_HOME": os.path.join(folder, "ansible-home"),
            "QUALYS_SYSTEM_RESULTS": results_path,
        }
    )
    environment.update(env or {})
    command = [os.path.join(os.path.dirname(sys.executable), "ansible-playbook"), "-i", inventory_path]
    command += list(args) + [playbook_path]
    process = subprocess.Popen(  # pylint: disable=consider-using-with
        command, cwd=folder, env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    return RunningPlaybook(process, results_path)
