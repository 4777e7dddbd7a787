# -*- coding: utf-8 -*-
# Copyright: qualys.was contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The searchable fields the documents and public clients name: schedules (search_schedule.htm),
authentication records (search_auth.htm, qualysdk) and option profiles (Fortinet connector)."""

from __future__ import annotations

import pytest

from ansible_collections.qualys.was.tests.unit.simulator.builders import option_profile
from ansible_collections.qualys.was.tests.unit.simulator.simclient import EDITOR, criteria


def ids(api, obj, *filters):
    reply = api.search(obj, "".join(criteria(*f) for f in filters))
    assert reply.code == "SUCCESS", reply.body
    return reply.ids


def refused(api, obj, field, operator="EQUALS", value="1"):
    reply = api.search(obj, criteria(field, operator, value))
    return reply.code == "INVALID_REQUEST" and f"'{field}'" in reply.error[0]


# Schedules


def test_schedule_last_scan(api):
    assert ids(api, "wasscanschedule", ("lastScan", "NONE", "")) == [697002]
    assert ids(api, "wasscanschedule", ("lastScan.status", "EQUALS", "FINISHED")) == [697001]
    assert ids(api, "wasscanschedule", ("lastScan.status", "IN", "ERROR,CANCELLED")) == []
    assert ids(api, "wasscanschedule", ("lastScan.launchedDate", "GREATER", "2019-06-01T00:00:00Z")) == [697001]


def test_schedule_web_app_tags_none(api):
    assert ids(api, "wasscanschedule", ("webApp.tags", "NONE", "")) == [697002]
    assert refused(api, "wasscanschedule", "webApp.tags", "EQUALS", "12017424")


def test_schedule_last_scan_takes_only_none(api):
    assert refused(api, "wasscanschedule", "lastScan", "EQUALS", "x")


def test_schedule_tags_id_is_not_searchable(api):
    assert refused(api, "wasscanschedule", "tags.id", "EQUALS", "12017424")


# Authentication records


def test_auth_record_last_scan_and_status(api):
    assert ids(api, "webappauthrecord", ("lastScan.authStatus", "EQUALS", "SUCCESSFUL")) == [583957]
    assert ids(api, "webappauthrecord", ("lastScan.authStatus", "IN", "FAILED,PARTIAL")) == [761533]
    assert ids(api, "webappauthrecord", ("lastScan.authStatus", "EQUALS", "NONE")) == [762380, 790001, 790002, 790003]
    assert ids(api, "webappauthrecord", ("lastScan.date", "LESSER", "2019-06-01T00:00:00Z")) == [761533]


def test_auth_record_is_used_by_a_schedule(api):
    assert ids(api, "webappauthrecord", ("isUsed", "EQUALS", "true")) == [583957]
    api.update(
        "wasscanschedule",
        697002,
        "<WasScanSchedule><target><webAppAuthRecord><id>790002</id></webAppAuthRecord></target></WasScanSchedule>",
    )
    assert ids(api, "webappauthrecord", ("isUsed", "NOT EQUALS", "false")) == [583957, 790002]


def test_auth_record_tags_is_a_tag_id(api):
    assert ids(api, "webappauthrecord", ("tags", "EQUALS", "12017424")) == [790001]
    assert ids(api, "webappauthrecord", ("tags", "IN", "12017424,12017500")) == [790001]


def test_auth_record_owner_id_is_not_searchable(api):
    assert refused(api, "webappauthrecord", "owner.id")


def test_last_scan_is_not_shown(api):
    assert api.get("webappauthrecord", 583957).records[0].find("lastScan") is None
    assert api.get("wasscanschedule", 697001).records[0].find("lastScan") is None


# Option profiles


def test_option_profile_used_by_web_apps_and_schedules(api):
    assert ids(api, "optionprofile", ("usedByWebApps", "EQUALS", "true")) == [1071133]
    assert ids(api, "optionprofile", ("usedBySchedules", "EQUALS", "true")) == [1071001, 1071133]
    assert ids(api, "optionprofile", ("usedBySchedules", "EQUALS", "false")) == [1071201, 1071202]


def test_option_profile_owner_name_and_username(api):
    created = api.create("optionprofile", option_profile(), as_user=EDITOR).ids[0]

    assert ids(api, "optionprofile", ("owner.username", "EQUALS", "editor")) == [created]
    assert ids(api, "optionprofile", ("owner.name", "CONTAINS", "erin edit")) == [created]
    assert ids(api, "optionprofile", ("owner.name", "EQUALS", "John Doe")) == [1071001, 1071133, 1071201, 1071202]


@pytest.mark.parametrize("field", ["owner.name", "owner.username"])
def test_option_profile_owner_fields_are_text(api, field):
    assert refused(api, "optionprofile", field, "IN", "admin,editor")
