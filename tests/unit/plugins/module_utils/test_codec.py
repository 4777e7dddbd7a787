# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

import os
import re
from xml.etree import ElementTree

import pytest

from ansible_collections.qualys.was.plugins.module_utils.codec import Criterion, build_request, parse_response
from ansible_collections.qualys.was.plugins.module_utils.errors import QualysApiError
from ansible_collections.qualys.was.tests.unit.fakes import DATA, data_file, xml_tree

RESPONSES = sorted(
    os.path.join(folder, name)
    for folder in ("samples", "seeds")
    for name in os.listdir(os.path.join(DATA, folder))
    if b"<ServiceResponse" in data_file(folder, name) and name != "error-launch-paragbaxi-1.xml"
)


@pytest.mark.parametrize("path", RESPONSES)
def test_every_recorded_response_parses(path):
    body = data_file(path)
    response = parse_response(body)
    assert response.response_code == re.search(rb"<responseCode>(\w+)<", body).group(1).decode()
    declared = re.search(rb"<count>(\d+)</count>\s*(?:<hasMoreRecords>|<lastId>|<data>|</ServiceResponse>)", body)
    if declared:
        assert response.count == int(declared.group(1))
    if response.succeeded:
        data = ElementTree.fromstring(body).findall("./data/*")
        assert len(response.records) == len([element for element in data if element.tag == data[0].tag])
    else:
        assert response.error_message


def test_truncated_recording_is_reported_as_malformed():
    # Published without its closing tag: the parser must say so rather than guess.
    with pytest.raises(QualysApiError, match="malformed XML"):
        parse_response(data_file("samples", "error-launch-paragbaxi-1.xml"))


def test_error_details_keep_the_servers_words_with_entities_decoded():
    response = parse_response(data_file("samples", "error-search-jupiterone-2.xml"))
    assert response.response_code == "INVALID_REQUEST"
    assert response.error_message == "Criteria: Invalid value format for criteria 'isScanned' (undefined)."
    assert response.error_resolution == "Values expected: true, false."


@pytest.mark.parametrize("sample", ["webapp-search-jupiterone-3.xml", "webapp-search-jupiterone-5.xml"])
def test_both_empty_result_shapes_give_no_records(sample):
    response = parse_response(data_file("samples", sample))
    assert (response.succeeded, response.count, response.records, response.has_more_records) == (True, 0, [], False)


def test_one_record_and_many_records_both_give_a_list():
    one = parse_response(data_file("samples", "webapp-search-jupiterone-11.xml"))
    many = parse_response(data_file("samples", "webapp-search-jupiterone-2.xml"))
    assert [record["id"] for record in one.records] == ["251316904"]
    assert len(many.records) == 7 and many.records[5]["name"] == "Juice Shop"


def test_paging_fields():
    page = parse_response(data_file("samples", "webapp-search-jupiterone-7.xml"))
    last = parse_response(data_file("samples", "webapp-search-jupiterone-11.xml"))  # also the paging's last page
    assert (page.has_more_records, page.last_id) == (True, 238483924)
    assert (last.has_more_records, last.last_id) == (False, None)


def test_pretty_printed_cdata_is_read_without_its_whitespace():
    record = parse_response(data_file("seeds", "seed000-create-webapps-response.xml")).records[0]
    assert record["name"] == "MultiSchedule_1497351121650"
    assert record["target"]["webAppAuthRecord"]["name"] == "Form and Server]149735111801"


@pytest.mark.parametrize(
    "sample, request_args",
    [
        (
            "webapp-search-jupiterone-1.xml",
            dict(
                filters=[Criterion("isScanned", "EQUALS", True)],
                preferences={"limitResults": 100, "startFromOffset": 1},
            ),
        ),
        (
            "webapp-search-jupiterone-10.xml",
            dict(
                filters=[Criterion("isScanned", "EQUALS", "true"), Criterion("id", "EQUALS", 251316904)],
                preferences={"limitResults": 100, "startFromOffset": 1},
            ),
        ),
        ("webapp-search-jupiterone-6.xml", dict(preferences={"limitResults": 1, "startFromOffset": 1})),
        (
            "error-search-jupiterone-3.xml",
            dict(
                filters=[Criterion("webApp.id", "IN", ["abc123"])],
                preferences={"limitResults": 250, "startFromOffset": 1},
            ),
        ),
        ("tag-search-qualyspostman-1.xml", dict(filters=[Criterion("name", "EQUALS", "Cloud Agent")])),
        ("tag-search-demisto-1.xml", dict(filters=[Criterion("name", "EQUALS", "parent_tag")])),
        (
            "webapp-update-paragbaxi-1.xml",
            dict(
                data=(
                    "WebApp",
                    {"urlBlacklist": {"set": {"UrlEntry": {"@regex": True, "#text": "http://rg.blacklist.*.com"}}}},
                )
            ),
        ),
    ],
)
def test_requests_are_built_as_recorded_clients_sent_them(sample, request_args):
    assert xml_tree(build_request(**request_args)) == xml_tree(data_file("samples", sample))


def test_in_criteria_join_values_with_commas():
    built = build_request(filters=[Criterion("tags.id", "IN", [12345, 54321])])
    assert ElementTree.fromstring(built).find("filters/Criteria").text == "12345,54321"


@pytest.mark.parametrize(
    "name", ["R&D <internal>", "ends with ]]> marker", "Zürich 東京 scan", "quote \" and ' apostrophe"]
)
def test_text_survives_a_round_trip(name):
    built = build_request(data=("OptionProfile", {"name": name}))
    assert ElementTree.fromstring(built).find("data/OptionProfile/name").text == name


def test_a_request_without_content_is_an_empty_service_request():
    assert xml_tree(build_request()) == ("ServiceRequest", (), "", ())


@pytest.mark.parametrize(
    "body, message",
    [
        (b"", "empty body"),
        (b"   \n", "empty body"),
        (
            b"<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head></html>",
            "HTML page instead of XML (502 Bad Gateway)",
        ),
        (b"<ServiceResponse><responseCode>SUCC", "malformed XML"),
        (b"<?xml version='1.0'?><Other/>", "not a ServiceResponse"),
    ],
)
def test_bodies_that_are_not_a_service_response_fail_clearly(body, message):
    with pytest.raises(QualysApiError, match=re.escape(message)):
        parse_response(body)


def test_entities_are_never_expanded():
    hostile = (
        b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x "expanded">]>'
        b"<ServiceResponse><responseCode>SUCCESS</responseCode><count>1</count>"
        b"<data><Tag><id>1</id><name>&x;</name></Tag></data></ServiceResponse>"
    )
    try:
        response = parse_response(hostile)
    except QualysApiError:
        return  # refusing the document is as good as not expanding it
    assert "expanded" not in repr(response.records)
