# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""One simulator serves each test module; every test starts from the fixture with fresh counters."""

from __future__ import annotations

import sys

import pytest

from ansible_collections.qualys.was.tests.unit.simulator.simclient import SimClient

# The simulator is controller-side tooling and needs Python 3.9 (zoneinfo); older unit-test Pythons skip it.
collect_ignore_glob = [] if sys.version_info >= (3, 9) else ["test_sim_*.py"]


@pytest.fixture(scope="module", name="simulator")
def simulator_fixture():
    # Imported here rather than at the top so that this file still loads where the tests are skipped.
    from ansible_collections.qualys.was.tests.simulator import (  # pylint: disable=import-outside-toplevel
        start_simulator,
    )

    running = start_simulator(port=0)
    yield running
    running.stop()


@pytest.fixture(name="api")
def api_fixture(simulator):
    client = SimClient(simulator.url)
    client.control("POST", "reset")
    return client
