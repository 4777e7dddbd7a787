# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""What the variant tests share: a simulator process per test module, and ansible-playbook runs whose task
results come back through the ``system_results`` callback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any, Dict, List, Mapping, Optional

import pytest

from ansible_collections.qualys.was.tests.system.sim_api import SimControl
from ansible_collections.qualys.was.tests.system.simulator_process import SimulatorProcess

HERE = Path(__file__).absolute().parent
ROOT = HERE.parent.parent
PLAYBOOK_TIMEOUT = 300


def collections_path() -> str:
    """The directory holding ``ansible_collections/qualys/was``: the tree these tests run from, else build/dev."""
    for parent in HERE.parents:
        if parent.name == "ansible_collections":
            return str(parent.parent)
    return str(ROOT / "build" / "dev")


def non_default_settings() -> Dict[str, List[Any]]:
    """Each simulator setting that stands for an unsettled behaviour, with its values other than the default."""
    from ansible_collections.qualys.was.tests.simulator.settings import (  # pylint: disable=import-outside-toplevel
        CHOICES,
    )

    return {name: list(values[1:]) for name, values in CHOICES.items()}


class PlaybookRun:
    """One ansible-playbook run: its exit status, output, and every task result in order."""

    def __init__(self, returncode: int, output: str, results: List[Dict[str, Any]]) -> None:
        self.returncode = returncode
        self.output = output
        self.results = results

    def task(self, name: str) -> Dict[str, Any]:
        """The last result of the task called ``name``, with ``status`` (ok, changed, failed, skipped)."""
        found = [entry for entry in self.results if entry["task"] == name]
        assert found, "no result for task %r; the run said:\n%s" % (name, self.output[-4000:])
        return found[-1]


def run_playbook(
    playbook: Path, extra_vars: Mapping[str, Any], work_dir: Path, env: Optional[Mapping[str, str]] = None
) -> PlaybookRun:
    """Runs ``playbook`` on localhost with the collection of this tree and the system tests' plugins."""
    results_file = work_dir / "results.jsonl"
    results_file.unlink(missing_ok=True)
    vars_file = work_dir / "extra_vars.json"
    vars_file.write_text(json.dumps(dict(extra_vars)), encoding="utf-8")
    environment = dict(os.environ)
    environment.update(
        {
            "ANSIBLE_COLLECTIONS_PATH": collections_path(),
            "ANSIBLE_CALLBACK_PLUGINS": str(HERE / "plugins" / "callback"),
            "ANSIBLE_LOOKUP_PLUGINS": str(HERE / "plugins" / "lookup"),
            "ANSIBLE_CALLBACKS_ENABLED": "system_results",
            "QUALYS_SYSTEM_RESULTS": str(results_file),
            "ANSIBLE_NOCOLOR": "1",
            "ANSIBLE_LOCALHOST_WARNING": "false",
            "ANSIBLE_INVENTORY_UNPARSED_WARNING": "false",
            "ANSIBLE_RETRY_FILES_ENABLED": "false",
        }
    )
    environment.update(env or {})
    command = [
        str(Path(sys.executable).parent / "ansible-playbook"),
        "-i",
        "localhost,",
        "-c",
        "local",
        "-e",
        "ansible_python_interpreter=" + sys.executable,
        "-e",
        "@" + str(vars_file),
        str(playbook),
    ]
    completed = subprocess.run(
        command,
        cwd=str(work_dir),
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=PLAYBOOK_TIMEOUT,
        check=False,
    )
    results = []
    if results_file.exists():
        results = [json.loads(line) for line in results_file.read_text(encoding="utf-8").splitlines() if line]
    return PlaybookRun(completed.returncode, completed.stdout, results)


def cli_flags(settings: Mapping[str, Any]) -> List[str]:
    """The simulator's command-line flags for ``settings``: ``{"search_shape": "full"}`` -> ``--search-shape full``."""
    flags = []
    for name, value in settings.items():
        flags += ["--" + name.replace("_", "-"), str(value)]
    return flags


def parallel_runs() -> int:
    """How many playbook runs, each with its own simulator, go at once."""
    return max(2, min(4, os.cpu_count() or 1))


@pytest.fixture(scope="module", name="sim")
def sim_fixture():
    """A simulator in its own process for the test module, and its control API."""
    process = SimulatorProcess(str(ROOT))
    try:
        yield SimControl(process.url)
    finally:
        process.stop()
