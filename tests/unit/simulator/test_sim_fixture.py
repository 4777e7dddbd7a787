# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The default fixture holds what the seeds reference; other fixtures load, and mistakes in them are named."""

from __future__ import annotations

import json

import pytest

from ansible_collections.qualys.was.tests.simulator import start_simulator
from ansible_collections.qualys.was.tests.simulator.fixture import DEFAULT_FIXTURE, FixtureError, parse_fixture
from ansible_collections.qualys.was.tests.unit.simulator.simclient import SimClient, criteria

SEED_OBJECTS = [
    ("webapp", 4331923, "web app 1497351058103"),
    ("webapp", 4331924, "web app 1497351100446"),
    ("optionprofile", 1071133, "My Option Profile - with defaults 1497351048931"),
    ("webappauthrecord", 583957, "Form and Server]149735111801"),
    ("webappauthrecord", 761533, "Selenium record"),
    ("webappauthrecord", 762380, "Selenium with server authentication"),
]


@pytest.mark.parametrize("obj, object_id, name", SEED_OBJECTS)
def test_seed_objects_present(api, obj, object_id, name):
    assert api.get(obj, object_id).records[0].findtext("name") == name


def test_seed_tags_present(api):
    reply = api.search("tag", criteria("id", "IN", "12017424,12017228"), module="am", version="2.0")

    assert [record.findtext("name") for record in reply.records] == ["Internet Facing", "Production"]


def test_seed_created_profile_absent(api):
    assert api.get("optionprofile", 1608560).code == "INVALID_REQUEST"


def test_initial_profile_is_the_default(api):
    assert api.search("optionprofile", criteria("isDefault", "EQUALS", "true")).ids == [1071001]


def test_another_fixture_can_be_loaded(tmp_path):
    content = json.loads(DEFAULT_FIXTURE.read_text(encoding="utf-8"))
    content["WebApp"] = content["WebApp"][:1]
    custom = tmp_path / "fixture.json"
    custom.write_text(json.dumps(content), encoding="utf-8")

    simulator = start_simulator(fixture=custom)
    try:
        assert SimClient(simulator.url).search("webapp").ids == [4331923]
    finally:
        simulator.stop()


@pytest.mark.parametrize(
    "content, complaint",
    [
        ({"Spaceship": []}, "unknown kind"),
        ({"Tag": [{"id": 1, "colour": "red"}]}, "unknown element 'colour'"),
        ({"Tag": [{"name": "no id"}]}, "needs an id"),
        ({"Tag": [{"id": 1, "created": "yesterday"}]}, "invalid value 'yesterday'"),
        ({"User": [{"id": 1, "username": "u", "password": "fixture-pass-1", "permissions": ["Fly"]}]}, "Fly"),
    ],
)
def test_fixture_mistakes_named(content, complaint):
    with pytest.raises(FixtureError, match=complaint):
        parse_fixture(content)
