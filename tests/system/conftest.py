# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Fixtures of the system tests: simulators in processes of their own, their control API, ansible-playbook."""

from __future__ import annotations

import os

import pytest

from ansible_collections.qualys.was.tests.system.playbook import run_playbook
from ansible_collections.qualys.was.tests.system.report import SECTIONS
from ansible_collections.qualys.was.tests.system.sim_api import SimControl
from ansible_collections.qualys.was.tests.system.simulator_process import SimulatorProcess

# The collection root, whose tests/simulator is started as ``python -m tests.simulator``.
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def _simulators():
    """``start(*extra_args)`` starts a simulator on a free port; every one started is stopped at the end."""
    started = []

    def start(*extra_args: str) -> SimControl:
        process = SimulatorProcess(ROOT, extra_args=list(extra_args))
        started.append(process)
        return SimControl(process.url)

    yield start
    for process in started:
        process.stop()


@pytest.fixture(name="start_simulator")
def start_simulator_fixture():
    """Starts simulators on free ports (``start_simulator(*extra_args)``); all are stopped after the test."""
    yield from _simulators()


@pytest.fixture(name="sim")
def sim_fixture(start_simulator) -> SimControl:
    return start_simulator()


@pytest.fixture(name="playbook")
def playbook_fixture(tmp_path):
    """``playbook(plays, inventory=None, args=(), env=None)`` runs them and returns a PlaybookRun."""

    def run(plays, inventory=None, args=(), env=None, name="playbook"):
        return run_playbook(str(tmp_path), plays, inventory, args, env, name)

    return run


def pytest_sessionfinish(session):
    # Under pytest-xdist, each worker hands the sections its tests published to the process that prints the summary.
    worker_output = getattr(session.config, "workeroutput", None)
    if worker_output is not None:
        worker_output["sections"] = list(SECTIONS)


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node):
    SECTIONS.extend(getattr(node, "workeroutput", {}).get("sections", ()))


def pytest_terminal_summary(terminalreporter):
    for section in SECTIONS:
        terminalreporter.write_sep("=", section.split("\n", 1)[0])
        terminalreporter.write_line(section.split("\n", 1)[1])


@pytest.fixture(scope="module", name="module_simulators")
def module_simulators_fixture():
    """Like start_simulator, for fixtures that serve every test of a module."""
    yield from _simulators()
