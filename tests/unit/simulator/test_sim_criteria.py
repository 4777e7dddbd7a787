# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Criteria operators per field type, as qualysdk ``filter_mappings.py`` lists them (reference sections 2 and 11):
text EQUALS, NOT EQUALS, CONTAINS; integers also GREATER, LESSER, IN; dates EQUALS, NOT EQUALS, GREATER,
LESSER; keywords EQUALS, NOT EQUALS, IN; booleans EQUALS, NOT EQUALS."""

from __future__ import annotations

import pytest

from ansible_collections.qualys.was.tests.unit.simulator.simclient import criteria

TAG_API = {"module": "am", "version": "2.0"}

# Every text field of every object, with a value that one record holds.
TEXT_FIELDS = [
    ("wasscanschedule", "name", "Demo Shop weekly scan", {}),
    ("wasscanschedule", "webApp.name", "Demo Shop", {}),
    ("optionprofile", "name", "Initial WAS Options", {}),
    ("optionprofile", "tags.name", "Staging", {}),
    ("optionprofile", "owner.name", "John Doe", {}),
    ("optionprofile", "owner.username", "admin", {}),
    ("webappauthrecord", "name", "Selenium record", {}),
    ("webappauthrecord", "tags.name", "Production", {}),
    ("webapp", "name", "Demo Shop", {}),
    ("webapp", "url", "http://www.example.com/cassium/xss/", {}),
    ("webapp", "tags.name", "PCI", {}),
    ("tag", "name", "PCI", TAG_API),
]


def search(api, obj, field, operator, value, options):
    return api.search(obj, criteria(field, operator, value), **options)


@pytest.mark.parametrize("obj, field, value, options", TEXT_FIELDS)
def test_in_refused_on_text_fields(api, obj, field, value, options):
    reply = search(api, obj, field, "IN", f"{value},other", options)

    message, resolution = reply.error
    supported = set(resolution.removeprefix("Operators supported: ").rstrip(".").split(", "))
    assert (reply.code, message) == (
        "INVALID_REQUEST",
        f"Criteria: Operator 'IN' is not supported for criteria '{field}'.",
    )
    # Fields with several values per record (a schedule's web apps, an object's tags) also take NONE.
    assert supported - {"NONE"} == {"CONTAINS", "EQUALS", "NOT EQUALS"}


@pytest.mark.parametrize("obj, field, value, options", TEXT_FIELDS)
@pytest.mark.parametrize("operator", ["EQUALS", "NOT EQUALS", "CONTAINS"])
def test_text_operators_accepted(api, obj, field, value, options, operator):
    assert search(api, obj, field, operator, value, options).code == "SUCCESS"


@pytest.mark.parametrize("operator", ["EQUALS", "NOT EQUALS"])
def test_boolean_equals_and_not_equals(api, operator):
    reply = api.search("wasscanschedule", criteria("active", operator, "true"))

    assert reply.ids == ([697001] if operator == "EQUALS" else [697002])


@pytest.mark.parametrize("operator", ["CONTAINS", "IN", "GREATER"])
def test_boolean_refuses_other_operators(api, operator):
    reply = api.search("wasscanschedule", criteria("active", operator, "true"))

    assert reply.error[1] == "Operators supported: EQUALS, NOT EQUALS."


def test_integers_take_in(api):
    assert api.search("wasscanschedule", criteria("id", "IN", "697001, 697002")).ids == [697001, 697002]


def test_keywords_take_in(api):
    reply = api.search("webappauthrecord", criteria("contents", "IN", "CERTIFICATE,OAUTH2_PASSWORD"))

    assert reply.ids == [790001, 790002]


@pytest.mark.parametrize("operator", ["CONTAINS", "IN", "NONE"])
def test_dates_refuse_other_operators(api, operator):
    reply = api.search("optionprofile", criteria("createdDate", operator, "2019-01-01T00:00:00Z"))

    assert reply.error[1] == "Operators supported: EQUALS, GREATER, LESSER, NOT EQUALS."
