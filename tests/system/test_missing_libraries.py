# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""A module run by a Python that has neither requests nor xmltodict names both at once, and how to install them."""

from __future__ import annotations

import os
import subprocess
import sys

from ansible_collections.qualys.was.tests.system.playbook import play


def test_a_python_without_the_libraries_is_told_of_both_at_once(tmp_path, playbook):
    # A virtualenv of its own, with nothing installed: AnsiballZ ships ansible-core's module code with the module,
    # so the two libraries are all that this Python lacks.
    bare = tmp_path / "bare"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(bare)], check=True)
    python = str(bare / "bin" / "python")
    probe = subprocess.run([python, "-c", "import requests"], capture_output=True, check=False)
    assert probe.returncode != 0, "the bare virtualenv sees requests; the test would prove nothing"

    task = {"name": "profile", "qualys.was.was_option_profile": {"name": "P"}, "ignore_errors": True}
    run = playbook(
        [play("http://127.0.0.1:9", [task])], inventory={"localhost": {"ansible_python_interpreter": python}}
    )
    recorded = run.task("profile")
    result = recorded["result"]
    assert recorded["status"] == "failed" and result["missing_libraries"] == ["requests", "xmltodict"], run.output[
        -3000:
    ]
    assert "'%s -m pip install requests xmltodict'" % python in result["msg"]
    assert os.path.basename(python) in result["msg"] and "requirements.txt" in result["msg"]
