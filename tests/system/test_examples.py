# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Examples that cannot rot: every module's EXAMPLES and every YAML example of the documentation, read from where
they are written, run against the simulator.

Connection options are the reader's own (a platform, vault variables), so each example runs with them taken out
and supplied by ``module_defaults`` instead; variables an example leaves to the reader get stand-in values.
"""

from __future__ import annotations

import contextlib
import glob
import os
import re
from typing import Any, Dict, List

import pytest
import yaml

from ansible_collections.qualys.was.plugins.module_utils.connection import connection_argument_spec
from ansible_collections.qualys.was.tests.system.fast_clock import clock_running_fast
from ansible_collections.qualys.was.tests.system.playbook import play

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CONNECTION = set(connection_argument_spec()) | {"api_url", "platform"}
MODULE = re.compile(r"^qualys\.was\.\w+$")
SECRET_OPTION = re.compile(r"(password|secret|passphrase|token)$")
# Values for the variables the examples leave to the reader (secrets of authentication records).
STAND_INS = {
    name: "example-%s" % name.replace("_", "-")
    for name in (
        "api_password",
        "intranet_password",
        "api_client_secret",
        "shop_scanner_password",
        "partner_passphrase",
        "report_password",
    )
}
# Modules whose examples wait by default (a report is waited for and downloaded): they run with the clock ahead.
WAITING_BY_DEFAULT = ("was_report",)
# A documentation example that scans runs 3000 times as fast as a tenant: the guides' scans (the Demo Shop's, of 28
# minutes, the longest) end within a second, before the first poll of a wait or the first retry of an until loop.
SCAN_CLOCK_SPEED = 3000
DOCUMENTS = ["README.md"] + sorted(glob.glob(os.path.join(ROOT, "docs", "*.md")))
DOCSITE = sorted(glob.glob(os.path.join(ROOT, "docs", "docsite", "rst", "*.rst")))
YAML_BLOCK = {
    ".md": re.compile(r"```yaml\n(.*?)```", re.S),
    # yaml+jinja is the lexer for playbooks, yaml the one for plain data; a block ends at the first line that is not
    # indented, or with the file.
    ".rst": re.compile(r"code-block:: yaml(?:\+jinja)?\n\n(.*?)(?=\n\S|\Z)", re.S),
}


def without_connection(task: Dict[str, Any]) -> Dict[str, Any]:
    """The task, and the tasks of its blocks, with no connection option of their own."""
    task = dict(task)
    task.pop("module_defaults", None)
    for key, value in task.items():
        if MODULE.match(key) and isinstance(value, dict):
            task[key] = {option: item for option, item in value.items() if option not in CONNECTION}
        elif key in ("block", "rescue", "always"):
            task[key] = [without_connection(inner) for inner in value]
    return task


def module_examples():
    for path in sorted(glob.glob(os.path.join(ROOT, "plugins", "modules", "was_*.py"))):
        with open(path, encoding="utf-8") as handle:
            source = handle.read()
        examples = re.search(r'^EXAMPLES = r?"""(.*?)"""', source, re.S | re.M).group(1)
        name = os.path.basename(path)[:-3]
        yield pytest.param(name, examples, id=name)


def document_examples():
    for path in DOCUMENTS + DOCSITE:
        with open(os.path.join(ROOT, path), encoding="utf-8") as handle:
            text = handle.read()
        for number, block in enumerate(YAML_BLOCK[os.path.splitext(path)[1]].findall(text), 1):
            block = re.sub(r"^   ", "", block, flags=re.M) if path.endswith(".rst") else block
            yield pytest.param(block, id="%s#%d" % (os.path.relpath(os.path.join(ROOT, path), ROOT), number))


def uses_the_collection(node: Any) -> bool:
    return "qualys.was." in yaml.safe_dump(node)


def tasks_of(document: Any) -> List[Dict[str, Any]]:
    """A list of tasks as it is, or the tasks of a playbook's plays."""
    if isinstance(document, list) and document and all("hosts" in item for item in document):
        return [task for item in document for task in item.get("tasks", [])]
    return document if isinstance(document, list) else []


def run_examples(sim, playbook, tasks: List[Dict[str, Any]], scans_run_ahead: bool = False):
    """The tasks at the simulator's clock, which is the real one: an example must hold on the day it is read.

    With ``scans_run_ahead``, the clock runs ahead while they run, for examples that wait for scans to end.
    """
    sim.reset()
    plays = [play(sim.url, [without_connection(task) for task in tasks], vars=dict(STAND_INS, sim_url=sim.url))]
    with clock_running_fast(sim, SCAN_CLOCK_SPEED) if scans_run_ahead else contextlib.nullcontext():
        run = playbook(plays)
    assert run.returncode == 0, run.output[-6000:]
    failed = [entry["task"] for entry in run.results if entry["result"].get("failed")]
    assert not failed, failed


@pytest.mark.parametrize("name, examples", list(module_examples()))
def test_every_module_example_runs(name, examples, sim, playbook, tmp_path):
    # A certificate file an authentication record example reads with the file lookup, beside the playbook.
    (tmp_path / "partner.pem").write_text("-----BEGIN CERTIFICATE-----\nexample\n-----END CERTIFICATE-----\n")
    run_examples(sim, playbook, yaml.safe_load(examples), scans_run_ahead=name in WAITING_BY_DEFAULT)


def literal_secrets(node: Any, where: str = "") -> List[str]:
    """Where a secret is written out rather than taken from a variable or a lookup."""
    if isinstance(node, list):
        return [found for index, item in enumerate(node) for found in literal_secrets(item, "%s[%d]" % (where, index))]
    if not isinstance(node, dict):
        return []
    found = []
    for key, value in node.items():
        path = "%s.%s" % (where, key) if where else str(key)
        secret = SECRET_OPTION.search(str(key)) or (key == "value" and node.get("secured"))
        if secret and key != "update_password" and "{{" not in str(value):
            found.append(path)
        found += literal_secrets(value, path)
    return found


@pytest.mark.parametrize("name, examples", list(module_examples()))
def test_no_module_example_writes_a_secret(name, examples):
    # ansible-core prints the source lines of a failed task: a secret in them is on screen and in CI logs.
    assert not literal_secrets(yaml.safe_load(examples)), name


@pytest.mark.parametrize("block", list(document_examples()))
def test_every_documentation_example_parses_and_runs(block, sim, playbook):
    document = yaml.safe_load(block)
    tasks = tasks_of(document)
    if not uses_the_collection(tasks):
        # Configuration rather than tasks (an execution environment, a credential type's form): parsing is the test.
        return
    waits = ("qualys.was.was_scan:", "qualys.was.was_report:")
    run_examples(sim, playbook, tasks, scans_run_ahead=any(module in block for module in waits))
