# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

from xml.etree import ElementTree

import pytest

from ansible_collections.qualys.was.plugins.module_utils.client import ConnectionSettings, QualysClient
from ansible_collections.qualys.was.plugins.module_utils.endpoints import OPTION_PROFILE, TAG
from ansible_collections.qualys.was.plugins.module_utils.errors import ValidationError
from ansible_collections.qualys.was.plugins.module_utils.fields import Field, Items, Text
from ansible_collections.qualys.was.plugins.module_utils.references import Ref, ReferenceResolver
from ansible_collections.qualys.was.tests.unit.fakes import FakeSession, Reply, service_response

FIELDS = [Field("name", Text()), Field("tags", Items(Ref(TAG), item="Tag"))]


def desired(**options):
    values = {field.option: None for field in FIELDS}
    values.update(options)
    return values


def test_each_distinct_name_is_resolved_with_one_exact_search_and_ids_cost_nothing():
    prod = service_response("Tag", ["<id>1</id><name>Prod</name>", "<id>3</id><name>prod</name>"])
    session = FakeSession([Reply(prod), Reply(service_response("Tag", ["<id>2</id><name>Web</name>"]))])
    client = QualysClient(ConnectionSettings("https://q", "u", "p"), session)
    resolved = ReferenceResolver(client).resolve(
        FIELDS, desired(tags=["Prod", {"name": "Web "}, 12, "44", {"id": 5}, "Prod"])
    )
    assert resolved["tags"] == [
        {"id": 1, "name": "Prod"},
        {"id": 2, "name": "Web"},
        {"id": 12, "name": None},
        {"id": 44, "name": None},
        {"id": 5, "name": None},
        {"id": 1, "name": "Prod"},
    ]
    sent = [ElementTree.fromstring(request.body).find("filters/Criteria") for request in session.requests]
    assert [(criteria.get("field"), criteria.get("operator"), criteria.text) for criteria in sent] == [
        ("name", "EQUALS", "Prod"),
        ("name", "EQUALS", "Web"),
    ]


def test_a_resource_modules_many_names_are_read_by_listing_when_a_count_shows_it_costs_less():
    profiles = ["<id>%d</id><name>P%d</name>" % (index, index) for index in range(1, 6)]
    count = b"<ServiceResponse><responseCode>SUCCESS</responseCode><count>5</count></ServiceResponse>"
    session = FakeSession([Reply(count), Reply(service_response("OptionProfile", profiles))])
    client = QualysClient(ConnectionSettings("https://q", "u", "p"), session)
    fields = [Field("profiles", Items(Ref(OPTION_PROFILE), item="OptionProfile"))]
    resolved = ReferenceResolver(client, may_list=True).resolve(fields, {"profiles": ["P1", "P2", "P3", "P5"]})
    assert session.operations == ["count/optionprofile", "search/optionprofile"]
    assert [profile["id"] for profile in resolved["profiles"]] == [1, 2, 3, 5]


def test_one_objects_names_cost_one_search_each_without_a_count():
    profiles = [Reply(service_response("OptionProfile", ["<id>%d</id><name>P%d</name>" % (i, i)])) for i in (1, 2, 3)]
    session = FakeSession(profiles)
    client = QualysClient(ConnectionSettings("https://q", "u", "p"), session)
    fields = [Field("profiles", Items(Ref(OPTION_PROFILE), item="OptionProfile"))]
    ReferenceResolver(client).resolve(fields, {"profiles": ["P1", "P2", "P3"]})
    assert session.operations == ["search/optionprofile"] * 3


def test_names_of_a_kind_without_a_count_are_searched_one_by_one():
    names = ["T%d" % index for index in range(4)]
    session = FakeSession(
        [Reply(service_response("Tag", ["<id>%d</id><name>%s</name>" % (9 + i, n)])) for i, n in enumerate(names)]
    )
    client = QualysClient(ConnectionSettings("https://q", "u", "p"), session)
    ReferenceResolver(client).resolve(FIELDS, desired(tags=names))
    assert session.operations == ["search/tag"] * 4


@pytest.mark.parametrize(
    "found, message",
    [
        ([], "No tag named 'Prod' exists"),
        (["<id>1</id><name>Prod</name>", "<id>4</id><name>Prod</name>"], "'Prod' has ids 1, 4"),
    ],
)
def test_unknown_or_ambiguous_names_fail_before_any_write(found, message):
    session = FakeSession([Reply(service_response("Tag", found))])
    client = QualysClient(ConnectionSettings("https://q", "u", "p"), session)
    with pytest.raises(ValidationError, match=message):
        ReferenceResolver(client).resolve(FIELDS, desired(tags=["Prod"]))


def test_tags_have_no_count_so_a_resource_modules_many_tag_names_are_searched_one_by_one():
    # Asset Management tags have no count operation: a count call would be refused, and fail the task.
    names = ["T%d" % index for index in range(5)]
    session = FakeSession(
        [Reply(service_response("Tag", ["<id>%d</id><name>%s</name>" % (9 + i, n)])) for i, n in enumerate(names)]
    )
    client = QualysClient(ConnectionSettings("https://q", "u", "p"), session)
    resolved = ReferenceResolver(client, may_list=True).resolve(FIELDS, desired(tags=names))
    assert session.operations == ["search/tag"] * 5
    assert [tag["id"] for tag in resolved["tags"]] == [9, 10, 11, 12, 13]


@pytest.mark.parametrize(
    "records, calls",
    [
        (2000, ["count/optionprofile"] + ["search/optionprofile"] * 2),  # two pages cost less than three searches
        (2001, ["count/optionprofile"] + ["search/optionprofile"] * 3),  # three pages do not
    ],
)
def test_a_listing_is_chosen_only_where_its_pages_cost_fewer_calls_than_the_searches(records, calls):
    count = b"<ServiceResponse><responseCode>SUCCESS</responseCode><count>%d</count></ServiceResponse>" % records
    named = ["<id>%d</id><name>P%d</name>" % (index, index) for index in (1, 2, 3)]

    def answer(request):
        criteria = ElementTree.fromstring(request.body).findall("filters/Criteria")
        if not criteria:  # the listing's first page
            return Reply(service_response("OptionProfile", named[:2], has_more=True, last_id=2))
        if criteria[0].get("field") == "id":  # the listing's next page
            return Reply(service_response("OptionProfile", named[2:]))
        return Reply(service_response("OptionProfile", [record for record in named if criteria[0].text in record]))

    session = FakeSession([Reply(count)] + [answer] * 3)
    client = QualysClient(ConnectionSettings("https://q", "u", "p"), session)
    fields = [Field("profiles", Items(Ref(OPTION_PROFILE), item="OptionProfile"))]
    resolved = ReferenceResolver(client, may_list=True).resolve(fields, {"profiles": ["P1", "P2", "P3"]})
    assert session.operations == calls
    assert [profile["id"] for profile in resolved["profiles"]] == [1, 2, 3]
