# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""A failure carries the versions a bug report needs, and still no credential."""

from __future__ import annotations

import json
import os

import requests
import yaml

from ansible.module_utils.ansible_release import __version__ as ANSIBLE_CORE_VERSION

from ansible_collections.qualys.was.plugins.module_utils.versions import COLLECTION_VERSION
from ansible_collections.qualys.was.plugins.modules import was_option_profile
from ansible_collections.qualys.was.tests.unit.fakes import CONNECTION, FAKE_PASSWORD, Reply, data_file, run_module

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))))


def test_the_collection_version_is_galaxy_ymls():
    with open(os.path.join(ROOT, "galaxy.yml"), encoding="utf-8") as handle:
        assert COLLECTION_VERSION == yaml.safe_load(handle)["version"]


def test_a_failure_reports_the_versions_and_no_credential(monkeypatch, capsys):
    refusal = Reply(data_file("samples", "error-auth-jupiterone-1.xml"))
    result, session = run_module(was_option_profile.main, dict(CONNECTION, name="P"), [refusal], monkeypatch, capsys)
    assert result["failed"] and result["response_code"] == "INVALID_CREDENTIALS"
    versions = result["versions"]
    assert versions["collection"] == COLLECTION_VERSION and versions["ansible_core"] == ANSIBLE_CORE_VERSION
    assert versions["requests"] == requests.__version__
    assert versions["xmltodict"] and versions["xmltodict"][0].isdigit()
    assert FAKE_PASSWORD not in json.dumps(result)


def test_a_validation_failure_reports_them_too(monkeypatch, capsys):
    args = dict(CONNECTION, name="P", custom_performance={"num_of_http_threads": 2, "delay_between_requests": 5000})
    result, session = run_module(was_option_profile.main, args, [], monkeypatch, capsys)
    assert result["failed"] and set(result["versions"]) == {"collection", "ansible_core", "requests", "xmltodict"}
