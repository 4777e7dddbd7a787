# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

import copy

import yaml

from ansible_collections.qualys.was.plugins.modules import was_scan_schedules
from ansible_collections.qualys.was.tests.unit.fakes import data_file, run_module, xml_tree

# Seed 000's two creates as tasks of the one-object module.
SEED_TASKS = yaml.safe_load(data_file("seeds", "seed000-tasks.yml"))
# The seed's tag ids, for the example that names its tags (rendered needs ids, or shows placeholders).
SEED_TAG_IDS = {"Production": 12017424, "Internet Facing": 12017228}


def seed_item(index):
    """A seed task of the one-object module as a config item, tags by id."""
    item = copy.deepcopy(SEED_TASKS[index])
    for selection in (item["target"].get("tags") or {}).values():
        selection["tag_list"] = [SEED_TAG_IDS[name] for name in selection["tag_list"]]
    return item


def test_rendered_seed_examples_are_the_seed_requests_without_a_call_or_credentials(monkeypatch, capsys):
    args = {"state": "rendered", "config": [seed_item(0), seed_item(1)]}
    result, session = run_module(was_scan_schedules.main, args, [], monkeypatch, capsys)
    assert session.requests == [] and result["api_calls"] == 0
    assert xml_tree(result["rendered"][0]) == xml_tree(data_file("seeds", "seed000-create-webapps-request.xml"))
    assert xml_tree(result["rendered"][1]) == xml_tree(data_file("seeds", "seed000-create-tags-request.xml"))
