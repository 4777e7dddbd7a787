# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The recorded samples' behaviour: bad credentials, criteria type errors, empty results in both shapes,
offset and lastId paging, and the non-verbose shapes of web app, authentication record and tag searches."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from ansible_collections.qualys.was.tests.unit.simulator.simclient import criteria, data_file
from ansible_collections.qualys.was.tests.unit.simulator.xmlcompare import assert_same_xml, shape


def sample(name: str) -> ET.Element:
    return ET.fromstring(data_file("samples", name))


def test_bad_password_answers_like_the_recorded_failure(api):
    reply = api.qps("search", "webapp", as_user=("admin", "not-the-password"))

    assert reply.status == 200
    assert_same_xml(reply.xml, sample("error-auth-jupiterone-1.xml"))


def test_missing_credentials_answer_the_same(api):
    reply = api.request("POST", "/qps/rest/3.0/search/was/webapp")

    assert_same_xml(reply.xml, sample("error-auth-jupiterone-1.xml"))


def test_boolean_criteria_type_error_worded_as_recorded(api):
    reply = api.qps("search", "webapp", body=data_file("samples", "error-search-jupiterone-1.xml"))

    assert reply.status == 200
    assert_same_xml(reply.xml, sample("error-search-jupiterone-2.xml"))
    assert b"&apos;isScanned&apos;" in reply.body


def test_long_criteria_type_error_worded_as_recorded(api):
    # Recorded on the finding search; webApp.id is a Long criterion of schedules too.
    reply = api.qps("search", "wasscanschedule", body=data_file("samples", "error-search-jupiterone-3.xml"))

    assert_same_xml(reply.xml, sample("error-search-jupiterone-4.xml"))


def test_unknown_id_in_list_is_an_empty_success(api):
    reply = api.search("wasscanschedule", criteria("webApp.id", "IN", "123"))

    assert_same_xml(reply.xml, sample("finding-search-jupiterone-1.xml"))


def test_empty_result_shape_b_by_default(api):
    reply = api.qps("search", "webapp", body=data_file("samples", "webapp-search-jupiterone-4.xml"))

    assert_same_xml(reply.xml, sample("webapp-search-jupiterone-5.xml"))


def test_empty_result_shape_a_when_chosen(api):
    api.control("POST", "settings", {"empty_shape": "a"})

    reply = api.qps("search", "webapp", body=data_file("samples", "webapp-search-jupiterone-4.xml"))

    assert_same_xml(reply.xml, sample("webapp-search-jupiterone-3.xml"))


def test_scanned_web_apps_in_the_non_verbose_shape(api):
    reply = api.qps("search", "webapp", body=data_file("samples", "webapp-search-jupiterone-1.xml"))

    assert reply.ids == [4331923, 4331925, 4331927]
    assert [child.tag for child in reply.xml] == ["responseCode", "count", "hasMoreRecords", "data"]
    recorded = sample("webapp-search-jupiterone-11.xml").find("data/WebApp")
    assert all(shape(record) == shape(recorded) for record in reply.records)


def test_offset_paging_as_recorded(api):
    first = api.qps("search", "webapp", body=data_file("samples", "webapp-search-jupiterone-6.xml"))
    assert shape(first.xml) == shape(sample("webapp-search-jupiterone-7.xml"))
    assert first.xml.findtext("hasMoreRecords") == "true"
    assert first.xml.findtext("lastId") == str(first.ids[0])

    second = api.qps("search", "webapp", body=data_file("samples", "webapp-search-jupiterone-8.xml"))
    assert second.ids[0] > first.ids[0]

    seen = []
    for offset in range(1, 10):
        page = api.search(
            "webapp", preferences=f"<limitResults>1</limitResults><startFromOffset>{offset}</startFromOffset>"
        )
        seen += page.ids
        if page.xml.findtext("hasMoreRecords") == "false":
            break
    assert shape(page.xml) == shape(sample("webapp-search-jupiterone-11.xml"))  # the last page
    assert seen == [4331923, 4331924, 4331925, 4331926, 4331927]


def test_last_id_paging_with_greater(api):
    seen, last_id = [], 0
    while True:
        page = api.search("webapp", criteria("id", "GREATER", str(last_id)), "<limitResults>2</limitResults>")
        seen += page.ids
        if page.xml.findtext("hasMoreRecords") == "false":
            assert page.xml.find("lastId") is None
            break
        last_id = int(page.xml.findtext("lastId"))
        assert last_id == page.ids[-1]
    assert seen == [4331923, 4331924, 4331925, 4331926, 4331927]


def test_auth_record_search_in_the_non_verbose_shape(api):
    reply = api.search("webappauthrecord")

    recorded = sample("webappauthrecord-search-trolldbois-1.xml")
    assert [child.tag for child in reply.xml] == [child.tag for child in recorded]
    assert all(shape(record) == shape(recorded.find("data/WebAppAuthRecord")) for record in reply.records)


def test_tag_search_as_the_recorded_requests(api):
    request = data_file("samples", "tag-search-qualyspostman-1.xml").replace(b"Cloud Agent", b"Production")

    reply = api.qps("search", "tag", body=request, module="am", version="2.0")

    assert reply.ids == [12017424]
    recorded = sample("tag-search-demisto-2.xml")
    assert [child.tag for child in reply.xml] == [child.tag for child in recorded]
    # The simulator's tags are static: they have the recorded tag's first elements, not its rule and children.
    assert [child.tag for child in reply.records[0]] == ["id", "name", "created", "modified"]
    assert [child.tag for child in recorded.find("data/Tag")][:4] == ["id", "name", "created", "modified"]
    assert b"<name>Production</name>" in reply.body  # no CDATA in the tag API


def test_tag_search_by_unknown_name_is_empty(api):
    reply = api.qps("search", "tag", body=data_file("samples", "tag-search-demisto-1.xml"), module="am", version="2.0")

    assert reply.code == "SUCCESS"
    assert reply.xml.findtext("count") == "0"
