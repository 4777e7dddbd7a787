# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Every module ships the runner it uses and no other, and compiles at start nothing only some runs need.

AnsiballZ ships every module_utils file a module imports, directly or not, and a zipped module is compiled on every
run: a runner imported by the wrong file costs every task of every module that imports it.
"""

from __future__ import annotations

import pytest

from ansible_collections.qualys.was.tests.bench.payload import module_payloads
from ansible_collections.qualys.was.tests.system.playbook import collections_path

RUNNERS = {"one_object", "resource_set", "gathered", "info", "info_options", "action"}
# The runner a module uses, by the file it imports (first match), and what may be shipped beside it: the set
# runner reads scopes with the query filters.
OWN = ("one_object", "resource_set", "info_options", "info", "action")
ALONGSIDE = {
    "one_object": set(),
    "resource_set": {"gathered", "info"},
    "action": set(),
    "info": set(),
    "info_options": {"info"},
}
# Imported by the functions that need them: a token for auth_method oidc, a download for a scan's results.
NEVER_AT_START = {"token", "streaming"}


@pytest.fixture(scope="module", name="payloads")
def payloads_fixture(tmp_path_factory):
    folder = str(tmp_path_factory.mktemp("payloads"))
    return module_payloads(folder, {"ANSIBLE_COLLECTIONS_PATH": collections_path()}, runs=0)


def test_each_module_ships_its_own_runner_only(payloads):
    checked = 0
    for module, size in payloads.items():
        shipped = set(size["module_utils"]) & RUNNERS
        own = [runner for runner in OWN if runner in shipped]
        if not own:
            continue
        checked += 1
        assert shipped <= {own[0]} | ALONGSIDE[own[0]], "%s ships %s" % (module, sorted(shipped))
        if module.endswith("_info"):
            # A query changes nothing: the engine that writes is no part of it.
            assert "reconcile" not in size["module_utils"], "%s ships the reconciler" % module
    assert checked >= 8


def test_what_only_some_runs_need_is_not_compiled_at_start(payloads):
    modules = [module for module in payloads if module != "ping"]
    assert modules
    for module in modules:
        assert not NEVER_AT_START & set(payloads[module]["compiled"]), module
        assert "module" in payloads[module]["compiled"], "%s: the import closure was not measured" % module
