# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The getting-started guide, then the adopting guide, followed as a new user types them.

The shell blocks of both guides run as they are written, one after the other in one shell, from this tree as the
clone and with a home directory of their own, against a simulator started for the test on a port of its own
(the one place the text is changed). Left out: the blocks that start the simulator (make) and the one that reads
a real platform's password from the terminal. The playbook the guide has the reader save is its YAML block.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from typing import List

import pytest
import yaml

from ansible_collections.qualys.was.tests.system.test_examples import document_examples, literal_secrets

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
GUIDES = os.path.join(ROOT, "docs", "docsite", "rst")
GUIDE_URL = "http://127.0.0.1:18443"
BLOCK = re.compile(r"code-block:: (bash|yaml\+jinja)\n\n(.*?)(?=\n\S|\Z)", re.S)
SAVE_AS = re.compile(r"Save this as ``([^`]+)`` in ``([^`]+)``")


def blocks(guide: str, lexer: str) -> List[str]:
    with open(os.path.join(GUIDES, guide), encoding="utf-8") as handle:
        text = handle.read()
    return [re.sub(r"^   ", "", body, flags=re.M) for kind, body in BLOCK.findall(text) if kind == lexer]


def typed(guide: str) -> List[str]:
    """The shell blocks a reader types on a machine with the simulator already running."""
    return [block for block in blocks(guide, "bash") if not re.search(r"^(make|read) ", block, re.M)]


def results(output: str) -> List[dict]:
    """The results ``-v`` prints, one per task."""
    return [json.loads(found) for found in re.findall(r"^(?:ok|changed): \[localhost\] => (\{.*\})$", output, re.M)]


@pytest.fixture(name="walked", scope="module")
def walked_fixture(module_simulators, tmp_path_factory):
    sim = module_simulators()
    home = str(tmp_path_factory.mktemp("home"))
    with open(os.path.join(GUIDES, "guide_getting_started.rst"), encoding="utf-8") as handle:
        name, directory = SAVE_AS.search(handle.read()).groups()
    playbook = os.path.join(directory.replace("~", home, 1), name)
    steps = typed("guide_getting_started.rst")
    # The reader saves the playbook once its directory exists: after the block that makes it.
    made = next(index for index, step in enumerate(steps) if "mkdir" in step) + 1
    save = "cat > %s <<'PLAYBOOK'\n%sPLAYBOOK\n" % (playbook, blocks("guide_getting_started.rst", "yaml+jinja")[0])
    script = "\n".join(steps[:made] + [save] + steps[made:] + typed("guide_adopting.rst")).replace(GUIDE_URL, sim.url)
    env = {key: value for key, value in os.environ.items() if not key.startswith(("QUALYS_", "ANSIBLE_"))}
    # The pinned Ansible, which the guide finds in the clone's .venv: in a synced copy, the one running the tests.
    env.update(HOME=home, PATH=os.pathsep.join([os.path.dirname(sys.executable), env.get("PATH", "")]))
    run = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    return run, os.path.dirname(playbook), sim


def test_the_guides_run_as_typed(walked):
    run, _directory, _sim = walked
    assert run.returncode == 0, (run.stdout + run.stderr)[-6000:]


def test_the_second_run_changes_nothing_at_the_cost_the_guide_states(walked):
    run, _directory, sim = walked
    recaps = re.findall(r"^localhost\s+: ok=\d+\s+changed=(\d+)", run.stdout, re.M)
    assert recaps[:3] == ["1", "0", "0"], run.stdout[-3000:]
    # The second run is the one with -v: 4 calls, as getting started says, the first run's 4 before it
    second = next(result for result in results(run.stdout) if "schedule" in result)
    assert (second["changed"], second["api_calls"]) == (False, 4)
    assert second["schedule"]["name"] == "Shop - weekly"
    stats = sim.stats()
    assert stats["by_call"]["create/wasscanschedule"] == 1 and stats["writes"] == 1


def test_the_export_keeps_the_prefix_whole_and_the_check_finds_the_tenant_as_exported(walked):
    run, directory, _sim = walked
    with open(os.path.join(directory, "tenant.yml"), encoding="utf-8") as handle:
        tenant = yaml.safe_load(handle)
    assert tenant["scope"] == {"name_prefix": "Shop - "}
    assert [item["name"] for item in tenant["scan_schedules"]] == ["Shop - weekly"]
    assert [item["name"] for item in tenant["option_profiles"]] == ["Shop - gentle"]
    recaps = re.findall(r"^localhost\s+: ok=\d+\s+changed=(\d+)", run.stdout, re.M)
    assert recaps[-1] == "0", run.stdout[-3000:]


@pytest.mark.parametrize("block", list(document_examples()))
def test_no_guide_or_readme_play_writes_a_secret(block):
    # ansible-core prints the source lines of a failed task: a secret in a play is on screen and in CI logs.
    assert not literal_secrets(yaml.safe_load(block))
