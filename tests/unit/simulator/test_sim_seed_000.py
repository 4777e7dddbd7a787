# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Seed 000: both documented multi-scan creates, posted verbatim, answer as the document prints."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from ansible_collections.qualys.was.tests.unit.simulator.simclient import data_file
from ansible_collections.qualys.was.tests.unit.simulator.xmlcompare import assert_same_xml

SCHEDULE = "data/WasScanSchedule"
# The document's user john_doe is whoever calls here: the fixture's admin.
CALLER = {f"{SCHEDULE}/{user}/username": "admin" for user in ("owner", "createdBy", "updatedBy")}
IGNORED = [f"{SCHEDULE}/{name}" for name in ("id", "createdDate", "updatedDate")] + [
    f"{SCHEDULE}/{user}/id" for user in ("owner", "createdBy", "updatedBy")
]
# The document's second example contradicts itself: its request names the schedule "SampleSchedule" and
# includes tags with option ALL, its printed response shows another name and ANY. The request wins here.
SECOND_EXAMPLE_SLIPS = {
    f"{SCHEDULE}/name": "SampleSchedule",
    f"{SCHEDULE}/target/tags/included/option": "ALL",
}


@pytest.fixture(name="in_2017")
def in_2017_fixture(api):
    # The requests start their schedules on 2017-06-13T21:51:57Z; the first response was created at 10:52:07.
    api.control("POST", "clock", {"now": "2017-06-13T10:52:07Z"})
    return api


@pytest.mark.parametrize(
    "example, overrides",
    [("webapps", CALLER), ("tags", {**CALLER, **SECOND_EXAMPLE_SLIPS})],
)
def test_seed_000_create_answers_as_documented(in_2017, example, overrides):
    reply = in_2017.qps("create", "wasscanschedule", body=data_file("seeds", f"seed000-create-{example}-request.xml"))

    assert reply.status == 200
    expected = ET.fromstring(data_file("seeds", f"seed000-create-{example}-response.xml"))
    assert_same_xml(reply.xml, expected, ignore=IGNORED, overrides=overrides)


def test_seed_000_created_schedule_reads_back_the_same(in_2017):
    created = in_2017.qps("create", "wasscanschedule", body=data_file("seeds", "seed000-create-webapps-request.xml"))

    fetched = in_2017.get("wasscanschedule", created.ids[0])

    assert fetched.body.replace(b"<count>1</count>", b"") == created.body.replace(b"<count>1</count>", b"")
