# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""QualysModule: what a module run says before it can make any call."""

from __future__ import annotations

import sys

import pytest

from ansible_collections.qualys.was.plugins.module_utils import client, codec
from ansible_collections.qualys.was.plugins.modules import was_option_profile
from ansible_collections.qualys.was.tests.unit.fakes import CONNECTION, Reply, run_module, service_response


@pytest.mark.parametrize(
    "missing",
    [["requests", "xmltodict"], ["requests"], ["xmltodict"]],
    ids=["both", "requests", "xmltodict"],
)
def test_every_missing_library_is_named_at_once_with_the_line_that_installs_them(missing, monkeypatch, capsys):
    monkeypatch.setattr(client, "HAS_REQUESTS", "requests" not in missing)
    monkeypatch.setattr(codec, "HAS_XMLTODICT", "xmltodict" not in missing)
    result, session = run_module(was_option_profile.main, dict(CONNECTION, name="P"), [], monkeypatch, capsys)
    assert result["failed"] and result["missing_libraries"] == missing
    message = result["msg"]
    assert "lacks %s," % " and ".join(missing) in message
    # pip of the very Python that runs the module, so that the libraries land where the next run looks.
    assert "'%s -m pip install %s'" % (sys.executable, " ".join(missing)) in message
    assert "-m pip install -r requirements.txt" in message and "ansible_python_interpreter" in message
    for library in {"requests", "xmltodict"} - set(missing):
        assert library not in message
    assert session.requests == []


def test_nothing_is_said_when_both_libraries_are_there(monkeypatch, capsys):
    nothing = Reply(service_response("OptionProfile", []))
    task = dict(CONNECTION, name="P", state="absent")
    result, _session = run_module(was_option_profile.main, task, [nothing], monkeypatch, capsys)
    assert not result.get("failed") and "missing_libraries" not in result
